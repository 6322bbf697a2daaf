using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Map;

/// <summary>The map's small, named queries other features use to fill their forms and check their input.</summary>
[AreaContract]
public sealed class UnitChoices(AppDbContext db) : IHandler
{
    /// <summary>Today's communes the caller may record data for: their own commune, or every commune of their province.</summary>
    public async Task<List<SelectListItem>> CurrentCommunesAsync(CancellationToken cancellationToken = default)
    {
        var scope = db.Scope;
        return await db.AdministrativeUnits.AsNoTracking()
            .Where(u => u.Level == UnitLevel.Commune && u.ValidTo == null && u.ProvinceId == scope.ProvinceId)
            .Where(u => scope.Level != ScopeLevel.Commune || u.Id == scope.CommuneId)
            .OrderBy(u => u.Name)
            .Select(u => new SelectListItem(u.Name, u.Id.ToString()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Communes the caller may record past or present activity in: today's, then those in force before
    /// 1/7/2025 (grouped separately) for activity dated before the merger.
    /// </summary>
    public async Task<List<SelectListItem>> WritableCommunesAsync(CancellationToken cancellationToken = default)
    {
        var scope = db.Scope;
        var current = new SelectListGroup { Name = "Xã, phường hiện hành" };
        var former = new SelectListGroup { Name = "Trước 01/7/2025" };
        var units = await db.AdministrativeUnits.AsNoTracking()
            .Where(u => u.Level == UnitLevel.Commune && u.ProvinceId == scope.ProvinceId)
            .Where(u => scope.Level != ScopeLevel.Commune || u.Id == scope.CommuneId || u.RollUpUnitId == scope.CommuneId)
            .OrderBy(u => u.ValidTo != null).ThenBy(u => u.Name)
            .Select(u => new { u.Id, u.Name, Former = u.ValidTo != null, District = u.Parent!.Name })
            .ToListAsync(cancellationToken);
        return units.Select(u => new SelectListItem(u.Former ? $"{u.Name} ({u.District})" : u.Name, u.Id.ToString())
        {
            Group = u.Former ? former : current,
        }).ToList();
    }

    /// <summary>Where an organisation of the caller's province can sit: the province itself or one of today's communes.</summary>
    public async Task<List<SelectListItem>> ProvinceAndCommunesAsync(CancellationToken cancellationToken = default)
    {
        var provinceId = db.Scope.ProvinceId;
        return await db.AdministrativeUnits.AsNoTracking()
            .Where(u => u.Id == provinceId || (u.ProvinceId == provinceId && u.Level == UnitLevel.Commune && u.ValidTo == null))
            .OrderBy(u => u.Level).ThenBy(u => u.Name)
            .Select(u => new SelectListItem(u.Level == UnitLevel.Province ? u.Name + " (cấp tỉnh)" : u.Name, u.Id.ToString()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Whether the caller may record data in this commune on <paramref name="date"/>: valid then, and within their scope.</summary>
    public async Task<bool> IsWritableCommuneAsync(int communeId, DateOnly date, CancellationToken cancellationToken = default)
    {
        var scope = db.Scope;
        return await db.AdministrativeUnits.AnyAsync(u =>
            u.Id == communeId && u.Level == UnitLevel.Commune
            && (u.ValidFrom == null || u.ValidFrom <= date) && (u.ValidTo == null || u.ValidTo >= date)
            && (scope.IsSystem
                || (scope.Level == ScopeLevel.Commune ? u.Id == scope.CommuneId || u.RollUpUnitId == scope.CommuneId : u.ProvinceId == scope.ProvinceId)),
            cancellationToken);
    }

    /// <summary>The unit's province, for records that store it beside the unit; null when the unit does not exist.</summary>
    public Task<int?> ProvinceOfAsync(int unitId, CancellationToken cancellationToken = default) =>
        db.AdministrativeUnits.Where(u => u.Id == unitId).Select(u => u.ProvinceId ?? u.Id).Cast<int?>().SingleOrDefaultAsync(cancellationToken);
}
