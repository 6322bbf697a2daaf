using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Enterprises;

[AreaContract]
public sealed record EnterpriseChoice(int Id, string Name, string? TaxCode, EnterpriseSector? Sector, int UnitId, string UnitName)
{
    public string Label => TaxCode is null ? Name : $"{Name} (MST {TaxCode})";
}

/// <summary>The enterprise registry's small, named queries other features use (job postings, follow-ups, fairs).</summary>
[AreaContract]
public sealed class EnterpriseChoices(AppDbContext db) : IHandler
{
    /// <summary>Active enterprises and cooperatives of the caller's province, by name, with their tax codes where registered.</summary>
    public Task<List<EnterpriseChoice>> ActiveAsync(CancellationToken cancellationToken = default)
    {
        var provinceId = db.Scope.ProvinceId;
        return (from o in OrganisationDirectory.Visible(db).AsNoTracking()
                where o.Kind == OrganisationKind.Enterprise && o.IsActive && o.ProvinceId == provinceId
                join p in db.EnterpriseProfiles.AsNoTracking() on o.Id equals p.OrganisationId into profiles
                from p in profiles.DefaultIfEmpty()
                orderby o.Name
                select new EnterpriseChoice(o.Id, o.Name, p != null ? p.TaxCode : null, p != null ? p.Sector : null, o.UnitId, o.Unit.Name))
            .ToListAsync(cancellationToken);
    }

    public async Task<List<SelectListItem>> SelectListAsync(CancellationToken cancellationToken = default) =>
        (await ActiveAsync(cancellationToken)).Select(e => new SelectListItem(e.Label, e.Id.ToString())).ToList();

    /// <summary>Whether the id is an active enterprise of the caller's province.</summary>
    public Task<bool> IsActiveAsync(int enterpriseId, CancellationToken cancellationToken = default)
    {
        var provinceId = db.Scope.ProvinceId;
        return OrganisationDirectory.Visible(db).AnyAsync(o => o.Id == enterpriseId && o.Kind == OrganisationKind.Enterprise && o.IsActive && o.ProvinceId == provinceId,
            cancellationToken);
    }
}
