using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Courses;

/// <summary>
/// Courses and enrolments as other areas read them (untracked, through the caller's scope): the
/// follow-ups of completions, certificates of learners, matches of trained people to jobs. Only this
/// area changes them.
/// </summary>
[AreaContract]
public static class TrainingRecords
{
    public static IQueryable<Course> Courses(AppDbContext db) => db.Courses.AsNoTracking();

    public static IQueryable<Enrolment> Enrolments(AppDbContext db) => db.Enrolments.AsNoTracking();

    /// <summary>Completions: learners who passed a course not cancelled, on the date of their result.</summary>
    public static IQueryable<Enrolment> Completions(AppDbContext db) =>
        Enrolments(db).Where(e => e.Status == EnrolmentStatus.Completed && e.ResultOn != null && e.Course.State != CourseState.Cancelled);
}
