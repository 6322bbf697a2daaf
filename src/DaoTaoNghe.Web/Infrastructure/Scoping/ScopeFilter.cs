using System.Linq.Expressions;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Data;

namespace DaoTaoNghe.Infrastructure.Scoping;

/// <summary>
/// Building blocks for query filters, so the common visibility rules are written once:
/// a record that belongs to a commune, a record that belongs to an organisation. Combine them with <see cref="Or{T}"/>.
/// </summary>
public static class ScopeFilter
{
    /// <summary>
    /// Visible to system work, to province-wide roles of the commune's province, and to the officers
    /// of that commune, including records of the pre-2025 communes that merged into it.
    /// </summary>
    public static Expression<Func<T, bool>> Commune<T>(AppDbContext db, Expression<Func<T, AdministrativeUnit>> commune)
    {
        Expression<Func<AdministrativeUnit, bool>> rule = u =>
            db.Scope.IsSystem
            || (db.Scope.SeesWholeProvince && u.ProvinceId == db.Scope.ProvinceId)
            || (db.Scope.Level == ScopeLevel.Commune && (u.Id == db.Scope.CommuneId || u.RollUpUnitId == db.Scope.CommuneId));
        return Compose(commune, rule);
    }

    /// <summary>Visible to system work, to province-wide roles of the organisation's province, and to the organisation itself.</summary>
    public static Expression<Func<T, bool>> Organisation<T>(AppDbContext db, Expression<Func<T, Features.Organisations.Organisation>> organisation)
    {
        Expression<Func<Features.Organisations.Organisation, bool>> rule = o =>
            db.Scope.IsSystem
            || (db.Scope.SeesWholeProvince && o.ProvinceId == db.Scope.ProvinceId)
            || o.Id == db.Scope.OrganisationId;
        return Compose(organisation, rule);
    }

    public static Expression<Func<T, bool>> Or<T>(this Expression<Func<T, bool>> left, Expression<Func<T, bool>> right)
    {
        var body = new Replace(right.Parameters[0], left.Parameters[0]).Visit(right.Body)!;
        return Expression.Lambda<Func<T, bool>>(Expression.OrElse(left.Body, body), left.Parameters);
    }

    private static Expression<Func<T, bool>> Compose<T, TInner>(Expression<Func<T, TInner>> select, Expression<Func<TInner, bool>> rule)
    {
        var body = new Replace(rule.Parameters[0], select.Body).Visit(rule.Body)!;
        return Expression.Lambda<Func<T, bool>>(body, select.Parameters);
    }

    private sealed class Replace(Expression from, Expression to) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node) => node == from ? to : base.Visit(node);
    }
}
