using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Occupations;

public sealed record OccupationChoice(int Id, string Code, string Name, OccupationField Field, OccupationOrigin Origin)
{
    public string Label => $"{Name} ({Code})";
}

/// <summary>The catalogue's small, named queries other features use to fill their forms and check their input.</summary>
[AreaContract]
public sealed class OccupationChoices(AppDbContext db) : IHandler
{
    /// <summary>Occupations in use in the caller's province, by name.</summary>
    public Task<List<OccupationChoice>> ActiveAsync(CancellationToken cancellationToken = default) =>
        db.Occupations.AsNoTracking().Where(o => o.IsActive)
            .OrderBy(o => o.Name).ThenBy(o => o.Code)
            .Select(o => new OccupationChoice(o.Id, o.Code, o.Name, o.Field, o.Origin))
            .ToListAsync(cancellationToken);

    public async Task<List<SelectListItem>> SelectListAsync(CancellationToken cancellationToken = default) =>
        (await ActiveAsync(cancellationToken)).Select(o => new SelectListItem(o.Label, o.Id.ToString())).ToList();

    /// <summary>Whether the id is an occupation in use that the caller's province has.</summary>
    public Task<bool> IsActiveAsync(int occupationId, CancellationToken cancellationToken = default) =>
        db.Occupations.AnyAsync(o => o.Id == occupationId && o.IsActive, cancellationToken);
}
