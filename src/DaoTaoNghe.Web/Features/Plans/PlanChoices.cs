using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Plans;

/// <summary>Select lists for plan and task forms (and, as a named query, for the reports area).</summary>
[AreaContract]
public sealed class PlanChoices(AppDbContext db) : IHandler
{
    /// <summary>Bodies that sit at the province itself: those that issue plans and receive reports.</summary>
    public Task<List<SelectListItem>> ProvincialBodiesAsync(CancellationToken cancellationToken = default)
    {
        var provinceId = db.Scope.ProvinceId;
        return OrganisationDirectory.Visible(db).AsNoTracking()
            .Where(o => o.ProvinceId == provinceId && o.UnitId == provinceId && o.IsActive)
            .OrderBy(o => o.Kind).ThenBy(o => o.Name)
            .Select(o => new SelectListItem(o.Name, o.Id.ToString()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Every active body of the province that can be given a task or asked for a report, grouped by kind.</summary>
    public async Task<List<SelectListItem>> OrganisationsAsync(CancellationToken cancellationToken = default)
    {
        var provinceId = db.Scope.ProvinceId;
        var rows = await OrganisationDirectory.Visible(db).AsNoTracking()
            .Where(o => o.ProvinceId == provinceId && o.IsActive)
            .OrderBy(o => o.Kind).ThenBy(o => o.Name)
            .Select(o => new { o.Id, o.Name, o.Kind })
            .ToListAsync(cancellationToken);
        var groups = rows.Select(r => r.Kind).Distinct().ToDictionary(k => k, k => new SelectListGroup { Name = Fmt.Enum(k) });
        return rows.Select(r => new SelectListItem(r.Name, r.Id.ToString()) { Group = groups[r.Kind] }).ToList();
    }

    public async Task<List<SelectListItem>> PlansAsync(int? except = null, CancellationToken cancellationToken = default) =>
        (await db.Plans.AsNoTracking()
            .Where(p => p.Id != except)
            .OrderByDescending(p => p.IssuedOn)
            .Select(p => new { p.Id, p.Number, p.IssuedOn, p.Title })
            .ToListAsync(cancellationToken))
        .Select(p => new SelectListItem($"{p.Number ?? "Chưa ghi số"} ({Fmt.Date(p.IssuedOn)}) – {(p.Title.Length > 70 ? p.Title[..70] + "…" : p.Title)}", p.Id.ToString()))
        .ToList();

    public Task<List<SelectListItem>> SectionsAsync(int planId, CancellationToken cancellationToken = default) =>
        db.PlanSections.AsNoTracking()
            .Where(s => s.PlanId == planId)
            .OrderBy(s => s.Order)
            .Select(s => new SelectListItem(s.Code + ". " + s.Title, s.Id.ToString()))
            .ToListAsync(cancellationToken);

    /// <summary>Whether each id is an active body of the caller's province (the forms' and the API's check).</summary>
    public async Task<bool> AreOrganisationsOfProvinceAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0) return true;
        var provinceId = db.Scope.ProvinceId;
        var found = await OrganisationDirectory.Visible(db).CountAsync(o => ids.Contains(o.Id) && o.ProvinceId == provinceId && o.IsActive, cancellationToken);
        return found == ids.Distinct().Count();
    }
}
