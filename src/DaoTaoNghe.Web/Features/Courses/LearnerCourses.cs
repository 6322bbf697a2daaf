using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Courses;

public sealed record LearnerCourse(
    int EnrolmentId, int CourseId, string CourseName, string InstitutionName, DateOnly StartDate, DateOnly EndDate, EnrolmentStatus Status,
    DateOnly? ResultOn, long SupportTotal);

/// <summary>The courses area's named query for a person's record: the courses they were enrolled in, as far as the caller sees them.</summary>
public sealed class LearnerCourses(AppDbContext db) : IHandler
{
    public Task<List<LearnerCourse>> OfLearnerAsync(int learnerId, CancellationToken cancellationToken = default) =>
        db.Enrolments.AsNoTracking().Where(e => e.LearnerId == learnerId)
            .OrderByDescending(e => e.Course.StartDate)
            .Select(e => new LearnerCourse(e.Id, e.CourseId, e.Course.Name, e.Course.Institution.Name, e.Course.StartDate, e.Course.EndDate, e.Status,
                e.ResultOn, e.SupportTotal))
            .ToListAsync(cancellationToken);
}
