using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Support;

/// <summary>The support area's named queries for other areas: the rule set in force on a date, a commune's classification on a date.</summary>
[AreaContract]
public sealed class SupportQueries(AppDbContext db) : IHandler
{
    /// <summary>The caller's province's rule set in force on <paramref name="date"/> (a course's start date), or null.</summary>
    public async Task<SupportRules?> RulesInForceAsync(int provinceId, DateOnly date, CancellationToken cancellationToken = default)
    {
        var set = await db.SupportRuleSets.AsNoTracking()
            .Include(r => r.Groups).Include(r => r.TravelRules)
            .Where(r => r.ProvinceId == provinceId && r.EffectiveFrom <= date && (r.EffectiveTo == null || r.EffectiveTo >= date))
            .OrderByDescending(r => r.EffectiveFrom)
            .FirstOrDefaultAsync(cancellationToken);
        if (set is null) return null;
        var policy = string.IsNullOrWhiteSpace(set.Policy) ? set.Code : set.Policy;
        var samePolicy = await db.SupportRuleSets.AsNoTracking()
            .Where(r => r.ProvinceId == provinceId && (r.Policy == policy || (r.Policy == null && r.Code == policy)))
            .Select(r => r.Id).ToListAsync(cancellationToken);
        return ToRules(set) with { PolicyRuleSetIds = samePolicy };
    }

    /// <summary>The rule sets of a province that implement the same policy as <paramref name="ruleSetId"/>, itself included.</summary>
    public async Task<IReadOnlyList<int>> SamePolicyAsync(int ruleSetId, CancellationToken cancellationToken = default)
    {
        var set = await db.SupportRuleSets.AsNoTracking().Where(r => r.Id == ruleSetId)
            .Select(r => new { r.ProvinceId, Policy = r.Policy ?? r.Code }).SingleOrDefaultAsync(cancellationToken);
        if (set is null) return [ruleSetId];
        return await db.SupportRuleSets.AsNoTracking()
            .Where(r => r.ProvinceId == set.ProvinceId && (r.Policy == set.Policy || (r.Policy == null && r.Code == set.Policy)))
            .Select(r => r.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The classification of a commune on a date; null when none was recorded for then.</summary>
    public Task<CommuneDifficulty?> DifficultyOnAsync(int communeId, DateOnly date, CancellationToken cancellationToken = default) =>
        db.CommuneClassifications.AsNoTracking()
            .Where(c => c.CommuneId == communeId && c.ValidFrom <= date && (c.ValidTo == null || c.ValidTo >= date))
            .OrderByDescending(c => c.ValidFrom)
            .Select(c => (CommuneDifficulty?)c.Difficulty)
            .FirstOrDefaultAsync(cancellationToken);

    public static SupportRules ToRules(SupportRuleSet set) => new(
        set.Id, set.Code, set.EffectiveFrom, set.EffectiveTo, set.OncePerPerson, set.MealPerDay,
        set.Groups.OrderBy(g => g.Group).Select(g => new SupportGroupLevel(g.Group, g.MaxPerCourse, g.GetsMeals, g.GetsTravel)).ToList(),
        set.TravelRules.OrderBy(t => t.MinDistanceKm).Select(t => new SupportTravelLevel(t.MinDistanceKm, t.MaxAmount, t.Condition)).ToList(),
        set.Policy, SupportRules.ParseLevels(set.CoveredLevels));
}
