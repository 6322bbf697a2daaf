using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Support;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Courses;

/// <summary>
/// A new rule set starts: every unpaid enrolment of a course (not cancelled) starting on or after its
/// first day is recomputed at once, so payment lists and order commitments never wait for a "recompute".
/// Paid-out enrolments keep what was paid.
/// </summary>
public sealed class RuleSetStart(AppDbContext db, EnrolmentSupport support) : ISupportRuleSetStart
{
    public async Task<IReadOnlyList<string>> RecomputeFromAsync(int provinceId, DateOnly from, CancellationToken cancellationToken = default)
    {
        var courses = await db.Courses.IgnoreQueryFilters()
            .Where(c => c.ProvinceId == provinceId && c.StartDate >= from && c.State != CourseState.Cancelled && c.OrderId != null
                        && c.Enrolments.Any(e => e.SettledOn == null))
            .Include(c => c.Enrolments.Where(e => e.SettledOn == null))
            .OrderBy(c => c.StartDate).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var changed = new List<string>();
        foreach (var course in courses)
        {
            await support.ComputeAllAsync(course, cancellationToken);
            changed.Add($"Lớp {course.Name} (khai giảng {Fmt.Date(course.StartDate)}): {Fmt.Number(course.Enrolments.Count)} lượt ghi danh");
        }
        return changed;
    }
}
