using System.Linq.Expressions;
using DaoTaoNghe.Infrastructure.Expressions;

namespace DaoTaoNghe.Infrastructure.Scoping;

/// <summary>
/// Building blocks for query filters, so the common visibility rules are written once:
/// a record that belongs to a commune, a record that belongs to an organisation. Combine them with
/// <see cref="ExpressionSplicing.Or{T}"/>.
/// </summary>
public static class ScopeFilter
{
    /// <summary>
    /// Visible to system work, to province-wide roles of the commune's province, and to the officers
    /// of that commune, including records of the pre-2025 communes that merged into it.
    /// </summary>
    public static Expression<Func<T, bool>> Commune<T>(IScopedDbContext db, Expression<Func<T, IScopeUnit>> commune)
    {
        Expression<Func<IScopeUnit, bool>> rule = u =>
            db.Scope.SeesEverything
            || (db.Scope.SeesWholeProvince && u.ProvinceId == db.Scope.ProvinceId)
            || (db.Scope.Level == ScopeLevel.Commune && (u.Id == db.Scope.CommuneId || u.RollUpUnitId == db.Scope.CommuneId));
        return rule.Through(commune);
    }

    /// <summary>Visible to system work, to province-wide roles of the organisation's province, and to the organisation itself.</summary>
    public static Expression<Func<T, bool>> Organisation<T>(IScopedDbContext db, Expression<Func<T, IScopeOrganisation>> organisation)
    {
        Expression<Func<IScopeOrganisation, bool>> rule = o =>
            db.Scope.SeesEverything
            || (db.Scope.SeesWholeProvince && o.ProvinceId == db.Scope.ProvinceId)
            || o.Id == db.Scope.OrganisationId;
        return rule.Through(organisation);
    }
}
