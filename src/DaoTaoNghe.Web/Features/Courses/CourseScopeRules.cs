using System.Linq.Expressions;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Expressions;
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
[AreaContract]
public sealed class CourseScopeRules : IScopeRules<AppDbContext>
{
    public void Apply(ModelBuilder model, AppDbContext db)
    {
        var enrolment = EnrolmentVisible(db);
        var course = CourseVisible(db);
        model.Entity<Enrolment>().HasQueryFilter(ScopeRules.FilterName, enrolment);
        model.Entity<AttendanceRecord>().HasQueryFilter(ScopeRules.FilterName, enrolment.Through((AttendanceRecord a) => a.Enrolment));
        model.Entity<Course>().HasQueryFilter(ScopeRules.FilterName, course);
        model.Entity<CourseTrainer>().HasQueryFilter(ScopeRules.FilterName, course.Through((CourseTrainer t) => t.Course));
    }

    public static Expression<Func<Enrolment, bool>> EnrolmentVisible(AppDbContext db) =>
        e => db.Scope.SeesEverything
             || ((db.Scope.SeesWholeProvince || db.Scope.Level == ScopeLevel.EmploymentCentre) && e.ProvinceId == db.Scope.ProvinceId)
             || (db.Scope.Level == ScopeLevel.Institution && e.InstitutionId == db.Scope.OrganisationId)
             || (db.Scope.Level == ScopeLevel.Commune
                 && (e.ResidenceCommuneId == db.Scope.CommuneId || e.ResidenceCommune.RollUpUnitId == db.Scope.CommuneId));

    public static Expression<Func<Course, bool>> CourseVisible(AppDbContext db) =>
        c => db.Scope.SeesEverything
             || ((db.Scope.SeesWholeProvince || db.Scope.Level == ScopeLevel.EmploymentCentre) && c.ProvinceId == db.Scope.ProvinceId)
             || (db.Scope.Level == ScopeLevel.Institution && c.InstitutionId == db.Scope.OrganisationId)
             || (db.Scope.Level == ScopeLevel.Commune
                 && (c.VenueCommuneId == db.Scope.CommuneId || c.VenueCommune.RollUpUnitId == db.Scope.CommuneId
                     || db.Enrolments.Any(e => e.CourseId == c.Id
                                               && (e.ResidenceCommuneId == db.Scope.CommuneId || e.ResidenceCommune.RollUpUnitId == db.Scope.CommuneId))));
}

/// <summary>Institution staff see the learners enrolled in their courses (identity at enrolment, the certificate register).</summary>
public sealed class EnrolledLearnersVisibility : ILearnerVisibility
{
    public Expression<Func<Learner, bool>> Visible(AppDbContext db) =>
        l => db.Scope.Level == ScopeLevel.Institution && db.Enrolments.Any(e => e.LearnerId == l.Id && e.InstitutionId == db.Scope.OrganisationId);
}
