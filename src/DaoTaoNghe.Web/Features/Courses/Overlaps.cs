using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Courses;

/// <summary>
/// Whether a person is already taught in another course over the same days: an enrolment not
/// dropped out, in a course not cancelled, whose dates meet the given ones. Read past the caller's
/// scope, since a learner cannot sit in two institutions' courses at once either.
/// </summary>
public sealed class Overlaps(AppDbContext db) : IHandler
{
    public sealed record Clash(int LearnerId, int CourseId, string CourseName, string InstitutionName, DateOnly StartDate, DateOnly EndDate)
    {
        public string Describe() =>
            $"lớp \"{CourseName}\" của {InstitutionName} ({Fmt.Date(StartDate)}–{Fmt.Date(EndDate)})";
    }

    public async Task<List<Clash>> FindAsync(IReadOnlyCollection<int> learnerIds, DateOnly start, DateOnly end, int excludeCourseId,
        CancellationToken cancellationToken = default) =>
        await db.Enrolments.IgnoreQueryFilters().AsNoTracking()
            .Where(e => learnerIds.Contains(e.LearnerId) && e.CourseId != excludeCourseId && e.Status != EnrolmentStatus.DroppedOut
                        && e.Course.State != CourseState.Cancelled && e.Course.StartDate <= end && start <= e.Course.EndDate)
            .OrderBy(e => e.Course.StartDate)
            .Select(e => new Clash(e.LearnerId, e.CourseId, e.Course.Name, e.Course.Institution.Name, e.Course.StartDate, e.Course.EndDate))
            .ToListAsync(cancellationToken);
}
