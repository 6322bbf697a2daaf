using DaoTaoNghe.Infrastructure.Errors;

namespace DaoTaoNghe.Infrastructure.Scoping;

/// <summary>
/// Who keeps a registry record, checked by handlers before they write so they can explain a
/// refusal; <see cref="ScopeWriteGuard"/> stays the backstop. An organisation keeps its own records,
/// the province admin keeps everything of the province, and inspectors and everyone else only read.
/// </summary>
public static class Ownership
{
    /// <summary>Records an organisation keeps: its programmes, trainers and courses, an enterprise's profile and agreements.</summary>
    public static bool MayKeep(this DataScope scope, int organisationId, int provinceId) =>
        scope.IsSystem || (!scope.IsReadOnly && (scope.OrganisationId == organisationId || scope.MayManage(provinceId)));

    public static void EnsureMayKeep(this DataScope scope, int organisationId, int provinceId)
    {
        if (!scope.MayKeep(organisationId, provinceId)) throw new ForbiddenException();
    }

    /// <summary>The province's catalogues: occupations, institutions and their licences, enterprise registration.</summary>
    public static bool MayManage(this DataScope scope, int provinceId) =>
        scope.IsSystem || (scope.IsProvinceAdmin && scope.ProvinceId == provinceId);

    public static void EnsureMayManage(this DataScope scope, int provinceId)
    {
        if (!scope.MayManage(provinceId)) throw new ForbiddenException();
    }
}
