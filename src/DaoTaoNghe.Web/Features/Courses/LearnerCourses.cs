using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Courses;

public sealed record LearnerCourse(
    int EnrolmentId, int CourseId, string CourseName, string InstitutionName, DateOnly StartDate, DateOnly EndDate, EnrolmentStatus Status,
    DateOnly? ResultOn, long? SupportTotal);

/// <summary>A person's record shows the courses they were enrolled in, as far as the caller sees them.</summary>
public sealed class LearnerCourses(AppDbContext db) : IRecordPart<Learner>
{
    public int Order => 10;

    public async Task<RecordPartView?> LoadAsync(int learnerId, CancellationToken cancellationToken) =>
        new("/Features/Courses/_LearnerCourses.cshtml", (await db.Enrolments.AsNoTracking().Where(e => e.LearnerId == learnerId)
                .OrderByDescending(e => e.Course.StartDate)
                .Select(e => new LearnerCourse(e.Id, e.CourseId, e.Course.Name, e.Course.Institution.Name, e.Course.StartDate, e.Course.EndDate, e.Status,
                    e.ResultOn, e.SupportTotal))
                .ToListAsync(cancellationToken))
            .Select(c => c with { SupportTotal = SupportVisibility.Amount(db.Scope, c.SupportTotal) }).ToList());
}
