using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Institutions;

public sealed record InstitutionChoice(int Id, string Name, InstitutionType? Type, int UnitId, string UnitName);

/// <summary>The institution registry's small, named queries other features use to fill their forms and check their input.</summary>
[AreaContract]
public sealed class InstitutionChoices(AppDbContext db) : IHandler
{
    /// <summary>Active training institutions of the caller's province, by name.</summary>
    public Task<List<InstitutionChoice>> ActiveAsync(CancellationToken cancellationToken = default)
    {
        var provinceId = db.Scope.ProvinceId;
        return (from o in OrganisationDirectory.Visible(db).AsNoTracking()
                where o.Kind == OrganisationKind.TrainingInstitution && o.IsActive && o.ProvinceId == provinceId
                join p in db.InstitutionProfiles.AsNoTracking() on o.Id equals p.OrganisationId into profiles
                from p in profiles.DefaultIfEmpty()
                orderby o.Name
                select new InstitutionChoice(o.Id, o.Name, p != null ? p.Type : null, o.UnitId, o.Unit.Name))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The institutions the caller may keep programmes and trainers for: their own, or all of the province for its admin.</summary>
    public async Task<List<SelectListItem>> KeptByCallerAsync(CancellationToken cancellationToken = default)
    {
        var scope = db.Scope;
        return (await ActiveAsync(cancellationToken))
            .Where(i => scope.IsProvinceAdmin || (scope.Level == ScopeLevel.Institution && i.Id == scope.OrganisationId))
            .Select(i => new SelectListItem(i.Name, i.Id.ToString()))
            .ToList();
    }

    public async Task<List<SelectListItem>> SelectListAsync(CancellationToken cancellationToken = default) =>
        (await ActiveAsync(cancellationToken)).Select(i => new SelectListItem(i.Name, i.Id.ToString())).ToList();

    /// <summary>Whether the id is an active training institution of the caller's province.</summary>
    public Task<bool> IsActiveAsync(int institutionId, CancellationToken cancellationToken = default)
    {
        var provinceId = db.Scope.ProvinceId;
        return OrganisationDirectory.Visible(db).AnyAsync(o => o.Id == institutionId && o.Kind == OrganisationKind.TrainingInstitution && o.IsActive
                                              && o.ProvinceId == provinceId, cancellationToken);
    }
}
