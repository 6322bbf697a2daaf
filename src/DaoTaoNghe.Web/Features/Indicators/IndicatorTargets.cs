using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>The targets that apply to a unit: for a year its own, else the nearest later one it is heading for.</summary>
public sealed class IndicatorTargets(AppDbContext db) : IHandler
{
    /// <summary>Targets exist for the province and today's communes only; other units (former communes, districts, institutions) have none.</summary>
    public static bool HasTargets(IndicatorUnit unit) => unit.Kind is UnitKind.Province or UnitKind.Commune && !unit.IsFormer;

    /// <summary>Per indicator code, the target that applies to <paramref name="year"/>.</summary>
    public async Task<IReadOnlyDictionary<string, AppliedTarget>> ForYearAsync(IndicatorUnit unit, int year, CancellationToken cancellationToken = default)
    {
        if (!HasTargets(unit)) return new Dictionary<string, AppliedTarget>();
        var targets = await db.IndicatorTargets.AsNoTracking()
            .Where(t => t.UnitId == unit.Id && t.Year >= year)
            .Select(t => new { t.IndicatorCode, t.Year, t.Value, t.Direction, t.Basis })
            .ToListAsync(cancellationToken);
        return targets.GroupBy(t => t.IndicatorCode).ToDictionary(g => g.Key, g =>
        {
            var nearest = g.MinBy(t => t.Year)!;
            return new AppliedTarget(nearest.Value, nearest.Direction, nearest.Year, nearest.Basis);
        });
    }

    /// <summary>One indicator's target for <paramref name="year"/> in each of <paramref name="provinces"/>, in one query (the comparison of the provinces).</summary>
    public async Task<IReadOnlyDictionary<int, AppliedTarget>> ForProvincesAsync(IReadOnlyCollection<int> provinces, string code, int year,
        CancellationToken cancellationToken = default)
    {
        var ids = provinces.ToList();
        var targets = await db.IndicatorTargets.AsNoTracking()
            .Where(t => ids.Contains(t.UnitId) && t.IndicatorCode == code && t.Year >= year)
            .Select(t => new { t.UnitId, t.Year, t.Value, t.Direction, t.Basis })
            .ToListAsync(cancellationToken);
        return targets.GroupBy(t => t.UnitId).ToDictionary(g => g.Key, g =>
        {
            var nearest = g.MinBy(t => t.Year)!;
            return new AppliedTarget(nearest.Value, nearest.Direction, nearest.Year, nearest.Basis);
        });
    }

    /// <summary>One indicator's target for each year of a range (its own, or the next later one), for a chart beside its values.</summary>
    public async Task<IReadOnlyDictionary<int, AppliedTarget>> ForYearsAsync(IndicatorUnit unit, string code, int first, int last,
        CancellationToken cancellationToken = default)
    {
        if (!HasTargets(unit)) return new Dictionary<int, AppliedTarget>();
        var targets = await db.IndicatorTargets.AsNoTracking()
            .Where(t => t.UnitId == unit.Id && t.IndicatorCode == code && t.Year >= first)
            .OrderBy(t => t.Year)
            .Select(t => new AppliedTarget(t.Value, t.Direction, t.Year, t.Basis))
            .ToListAsync(cancellationToken);
        var byYear = new Dictionary<int, AppliedTarget>();
        for (var year = first; year <= last; year++)
            if (targets.FirstOrDefault(t => t.Year >= year) is { } target) byYear[year] = target;
        return byYear;
    }
}
