using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;

namespace DaoTaoNghe.Features.Registries;

/// <summary>
/// Who may change the registries, checked by handlers before they write (the write guard stays the
/// backstop): an organisation keeps its own records, the province admin keeps everything of the
/// province, and inspectors and everyone else only read.
/// </summary>
public static class RegistryRights
{
    /// <summary>Records an organisation keeps: its programmes and trainers, an enterprise's profile and agreements.</summary>
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

    /// <summary>Optional text as stored: trimmed, or null when blank.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
