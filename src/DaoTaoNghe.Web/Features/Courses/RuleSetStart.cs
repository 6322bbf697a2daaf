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
        var courses = await Affected(provinceId, from).Include(c => c.Enrolments.Where(e => e.SettledOn == null)).ToListAsync(cancellationToken);
        foreach (var course in courses) await support.ComputeAllAsync(course, cancellationToken);
        return courses.Select(c => Line(c.Name, c.StartDate, c.Enrolments.Count)).ToList();
    }

    public async Task<IReadOnlyList<string>> PreviewFromAsync(int provinceId, DateOnly from, CancellationToken cancellationToken = default) =>
        (await Affected(provinceId, from).AsNoTracking()
            .Select(c => new { c.Name, c.StartDate, Count = c.Enrolments.Count(e => e.SettledOn == null) })
            .ToListAsync(cancellationToken))
        .Select(c => Line(c.Name, c.StartDate, c.Count)).ToList();

    /// <summary>Read past the caller's scope: every institution's courses of the province follow the province's rules.</summary>
    private IQueryable<Course> Affected(int provinceId, DateOnly from) =>
        db.Courses.IgnoreQueryFilters()
            .Where(c => c.ProvinceId == provinceId && c.StartDate >= from && c.State != CourseState.Cancelled && c.OrderId != null
                        && c.Enrolments.Any(e => e.SettledOn == null))
            .OrderBy(c => c.StartDate).ThenBy(c => c.Id);

    private static string Line(string name, DateOnly start, int enrolments) =>
        $"Lớp {name} (khai giảng {Fmt.Date(start)}): {Fmt.Number(enrolments)} lượt ghi danh";
}
