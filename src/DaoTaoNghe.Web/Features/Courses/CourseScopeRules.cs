using System.Linq.Expressions;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Courses;

/// <summary>
/// Who sees courses and enrolments, in one place. Province-wide roles and the employment centre
/// (which matches trained people to jobs) see the province's; an institution its own; a commune
/// officer the enrolments of residents of their commune, and the courses held in their commune or
/// taking their residents. Enterprises and the bank see none. Enrolments are filtered on their own
/// columns (never through the learner), so the learner filter may ask which institutions a learner
/// is enrolled with without the two filters referring to each other.
/// </summary>
public sealed class CourseScopeRules : IScopeRules<AppDbContext>
{
    public void Apply(ModelBuilder model, AppDbContext db)
    {
        var enrolment = EnrolmentVisible(db);
        var course = CourseVisible(db);
        model.Entity<Enrolment>().HasQueryFilter(ScopeRules.FilterName, enrolment);
        model.Entity<AttendanceRecord>().HasQueryFilter(ScopeRules.FilterName, Through<AttendanceRecord, Enrolment>(enrolment, a => a.Enrolment));
        model.Entity<Course>().HasQueryFilter(ScopeRules.FilterName, course);
        model.Entity<CourseTrainer>().HasQueryFilter(ScopeRules.FilterName, Through<CourseTrainer, Course>(course, t => t.Course));
    }

    public static Expression<Func<Enrolment, bool>> EnrolmentVisible(AppDbContext db) =>
        e => db.Scope.IsSystem
             || ((db.Scope.SeesWholeProvince || db.Scope.Level == ScopeLevel.EmploymentCentre) && e.ProvinceId == db.Scope.ProvinceId)
             || (db.Scope.Level == ScopeLevel.Institution && e.InstitutionId == db.Scope.OrganisationId)
             || (db.Scope.Level == ScopeLevel.Commune
                 && (e.ResidenceCommuneId == db.Scope.CommuneId || e.ResidenceCommune.RollUpUnitId == db.Scope.CommuneId));

    public static Expression<Func<Course, bool>> CourseVisible(AppDbContext db) =>
        c => db.Scope.IsSystem
             || ((db.Scope.SeesWholeProvince || db.Scope.Level == ScopeLevel.EmploymentCentre) && c.ProvinceId == db.Scope.ProvinceId)
             || (db.Scope.Level == ScopeLevel.Institution && c.InstitutionId == db.Scope.OrganisationId)
             || (db.Scope.Level == ScopeLevel.Commune
                 && (c.VenueCommuneId == db.Scope.CommuneId || c.VenueCommune.RollUpUnitId == db.Scope.CommuneId
                     || db.Enrolments.Any(e => e.CourseId == c.Id
                                               && (e.ResidenceCommuneId == db.Scope.CommuneId || e.ResidenceCommune.RollUpUnitId == db.Scope.CommuneId))));

    /// <summary>The rule of <typeparamref name="TOwner"/> applied to a record reached through a navigation.</summary>
    public static Expression<Func<T, bool>> Through<T, TOwner>(Expression<Func<TOwner, bool>> rule, Expression<Func<T, TOwner>> owner)
    {
        var body = new Replace(rule.Parameters[0], owner.Body).Visit(rule.Body)!;
        return Expression.Lambda<Func<T, bool>>(body, owner.Parameters);
    }

    private sealed class Replace(Expression from, Expression to) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node) => node == from ? to : base.Visit(node);
    }
}
