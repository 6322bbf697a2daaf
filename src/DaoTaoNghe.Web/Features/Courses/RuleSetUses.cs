using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Support;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Courses;

/// <summary>The enrolments whose support a rule set computed, read past the caller's scope: any institution's use keeps the set.</summary>
public sealed class RuleSetUses(AppDbContext db) : ISupportRuleSetUses
{
    public async Task<string?> DescribeAsync(int ruleSetId, CancellationToken cancellationToken = default)
    {
        var used = db.Enrolments.IgnoreQueryFilters().Where(e => e.SupportRuleSetId == ruleSetId);
        var count = await used.CountAsync(cancellationToken);
        if (count == 0) return null;
        var courses = await used.Select(e => e.Course.Name).Distinct().OrderBy(n => n).Take(4).ToListAsync(cancellationToken);
        var courseCount = await used.Select(e => e.CourseId).Distinct().CountAsync(cancellationToken);
        return $"{Fmt.Number(count)} lượt ghi danh của {Fmt.Number(courseCount)} lớp ({string.Join("; ", courses)}{(courseCount > courses.Count ? "; …" : "")})";
    }
}
