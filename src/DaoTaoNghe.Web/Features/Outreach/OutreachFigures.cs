using System.Linq.Expressions;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Outreach;

/// <summary>
/// Outreach's named query for other areas (reports): how many activities were held and how many
/// people they reached, for a commune, a province or an organiser, over local dates [from, to].
/// Reads through the caller's scope like every other query.
/// </summary>
public sealed class OutreachFigures(AppDbContext db) : IHandler
{
    public sealed record Totals(int Events, long People);

    /// <summary>Held in the commune, or in a pre-2025 commune that merged into it.</summary>
    public Task<Totals> InCommuneAsync(int communeId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        SumAsync(e => e.CommuneId == communeId || e.Commune.RollUpUnitId == communeId, from, to, cancellationToken);

    /// <summary>Held anywhere in the province, on today's map or the pre-2025 one.</summary>
    public Task<Totals> InProvinceAsync(int provinceId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        SumAsync(e => e.Commune.ProvinceId == provinceId, from, to, cancellationToken);

    /// <summary>Organised by the organisation, wherever it was held.</summary>
    public Task<Totals> ByOrganisationAsync(int organisationId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        SumAsync(e => e.OrganisationId == organisationId, from, to, cancellationToken);

    private async Task<Totals> SumAsync(Expression<Func<OutreachEvent, bool>> where, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var totals = await db.OutreachEvents.AsNoTracking()
            .Where(where)
            .Where(e => e.HeldOn >= from && e.HeldOn <= to)
            .GroupBy(_ => 1)
            .Select(g => new Totals(g.Count(), g.Sum(e => (long)e.Participants)))
            .SingleOrDefaultAsync(cancellationToken);
        return totals ?? new Totals(0, 0);
    }
}
