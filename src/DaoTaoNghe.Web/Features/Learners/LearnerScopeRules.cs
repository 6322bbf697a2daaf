using System.Linq.Expressions;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Expressions;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// Which learners a caller sees, in one place: their commune's residents (commune officers), the
/// province's (province-wide roles and the employment centre, which matches people to jobs), whom
/// another area's <see cref="ILearnerVisibility"/> adds (the learners enrolled in an institution's
/// courses, for its staff), or none (enterprises, the bank). A learner's households,
/// consents, priorities, residence history and population checks follow the learner; household rows and the disability category are
/// further limited to the holders of <see cref="CommonPolicies.SensitivePersonalData"/>.
/// </summary>
public sealed class LearnerScopeRules : IScopeRules<AppDbContext>
{
    public void Apply(ModelBuilder model, AppDbContext db)
    {
        var visible = Visible(db);
        model.Entity<Learner>().HasQueryFilter(ScopeRules.FilterName, visible);
        model.Entity<LearnerConsent>().HasQueryFilter(ScopeRules.FilterName, visible.Through((LearnerConsent c) => c.Learner));
        model.Entity<PopulationCheck>().HasQueryFilter(ScopeRules.FilterName, visible.Through((PopulationCheck c) => c.Learner));
        model.Entity<LearnerResidence>().HasQueryFilter(ScopeRules.FilterName, visible.Through((LearnerResidence r) => r.Learner));
        model.Entity<LearnerHousehold>().HasQueryFilter(ScopeRules.FilterName,
            visible.Through((LearnerHousehold h) => h.Learner).And(Sensitive(db).Through((LearnerHousehold h) => h.Learner)));
        model.Entity<LearnerPriority>().HasQueryFilter(ScopeRules.FilterName,
            visible.Through((LearnerPriority p) => p.Learner)
                .And(Sensitive(db).Through((LearnerPriority p) => p.Learner).Or(p => p.Category != PriorityCategory.Disabled)));
    }

    public static Expression<Func<Learner, bool>> Visible(AppDbContext db) =>
        FeatureDiscovery.CreateAll<ILearnerVisibility>().Aggregate(
            ScopeFilter.Commune<Learner>(db, l => l.Commune)
                .Or(l => db.Scope.Level == ScopeLevel.EmploymentCentre && l.ProvinceId == db.Scope.ProvinceId),
            (rule, other) => rule.Or(other.Visible(db)));

    /// <summary><see cref="CommonPolicies.SensitivePersonalData"/> for EF, which reads db.Scope on each query.</summary>
    private static Expression<Func<Learner, bool>> Sensitive(AppDbContext db) => _ => db.Scope.Holds(CommonPolicies.SensitivePersonalData);
}

/// <summary>
/// Another area's reason a caller sees a learner (an institution sees whom it enrols), added to the
/// learner filter at start-up. It must reference <c>db.Scope</c>, like every filter.
/// </summary>
[AreaContract]
public interface ILearnerVisibility
{
    Expression<Func<Learner, bool>> Visible(AppDbContext db);
}
