using System.Linq.Expressions;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Expressions;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// Which learners a caller sees, in one place: their commune's residents (commune officers), the
/// province's (province-wide roles and the employment centre, which matches people to jobs), the
/// learners enrolled in their courses (institution staff), or none (enterprises, the bank). A learner's households,
/// consents and priorities follow the learner; household rows and the disability category are
/// further limited to the roles of <see cref="LearnerAccess.SeesSensitive"/>.
/// </summary>
public sealed class LearnerScopeRules : IScopeRules<AppDbContext>
{
    public void Apply(ModelBuilder model, AppDbContext db)
    {
        var visible = Visible(db);
        model.Entity<Learner>().HasQueryFilter(ScopeRules.FilterName, visible);
        model.Entity<LearnerConsent>().HasQueryFilter(ScopeRules.FilterName, Through<LearnerConsent>(visible, c => c.Learner));
        model.Entity<LearnerHousehold>().HasQueryFilter(ScopeRules.FilterName,
            Through<LearnerHousehold>(visible, h => h.Learner).And(Through<LearnerHousehold>(Sensitive(db), h => h.Learner)));
        model.Entity<LearnerPriority>().HasQueryFilter(ScopeRules.FilterName,
            Through<LearnerPriority>(visible, p => p.Learner)
                .And(Through<LearnerPriority>(Sensitive(db), p => p.Learner).Or(p => p.Category != PriorityCategory.Disabled)));
    }

    public static Expression<Func<Learner, bool>> Visible(AppDbContext db) =>
        ScopeFilter.Commune<Learner>(db, l => l.Commune)
            .Or(l => db.Scope.Level == ScopeLevel.EmploymentCentre && l.ProvinceId == db.Scope.ProvinceId)
            .Or(l => db.Scope.Level == ScopeLevel.Institution
                     && db.Enrolments.Any(e => e.LearnerId == l.Id && e.InstitutionId == db.Scope.OrganisationId));

    /// <summary><see cref="LearnerAccess.SeesSensitive"/> spelled out for EF, which reads db.Scope on each query.</summary>
    private static Expression<Func<Learner, bool>> Sensitive(AppDbContext db) =>
        _ => db.Scope.IsSystem || db.Scope.Role == Roles.ProvinceAdmin || db.Scope.Role == Roles.CommuneOfficer || db.Scope.Role == Roles.Inspector;

    private static Expression<Func<T, bool>> Through<T>(Expression<Func<Learner, bool>> rule, Expression<Func<T, Learner>> learner)
    {
        var body = new Replace(rule.Parameters[0], learner.Body).Visit(rule.Body)!;
        return Expression.Lambda<Func<T, bool>>(body, learner.Parameters);
    }

    private sealed class Replace(Expression from, Expression to) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node) => node == from ? to : base.Visit(node);
    }
}

internal static class ExpressionAnd
{
    public static Expression<Func<T, bool>> And<T>(this Expression<Func<T, bool>> left, Expression<Func<T, bool>> right)
    {
        var body = new Rebind(right.Parameters[0], left.Parameters[0]).Visit(right.Body)!;
        return Expression.Lambda<Func<T, bool>>(Expression.AndAlso(left.Body, body), left.Parameters);
    }

    private sealed class Rebind(Expression from, Expression to) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node) => node == from ? to : base.Visit(node);
    }
}
