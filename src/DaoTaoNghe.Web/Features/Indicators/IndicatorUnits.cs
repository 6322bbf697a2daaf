using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>
/// Whose numbers a caller may open: province-wide roles any unit of their province (a commune of
/// today or before 2025, a pre-2025 district) or any of its organisations; a commune officer their
/// commune and the pre-2025 communes that merged into it; institution staff their own institution.
/// Anything else reads as not found, like any record out of scope.
/// </summary>
public sealed class IndicatorUnits(AppDbContext db) : IHandler
{

    /// <summary>The caller's own unit when nothing is asked; otherwise the unit or organisation asked for, if the caller may see it.</summary>
    public async Task<IndicatorUnit> ResolveAsync(int? unitId, int? organisationId, CancellationToken cancellationToken = default)
    {
        var scope = db.Scope;
        if (!scope.SeesWholeProvince && !scope.SeesEverything && scope.Level is not (ScopeLevel.Commune or ScopeLevel.Institution))
            throw new ForbiddenException("Vai trò của bạn không có bảng chỉ số.");
        if (organisationId is { } org)
        {
            if (scope.Level == ScopeLevel.Commune || (scope.Level == ScopeLevel.Institution && org != scope.OrganisationId)) throw NotFound();
            return await OrganisationDirectory.Visible(db).AsNoTracking()
                .Where(o => o.Id == org && (scope.SeesEverything || o.ProvinceId == scope.ProvinceId))
                .Select(o => new IndicatorUnit(UnitKind.Institution, o.Id, o.ProvinceId, o.Name, false))
                .SingleOrDefaultAsync(cancellationToken) ?? throw NotFound();
        }
        if (scope.Level == ScopeLevel.Institution)
        {
            if (unitId is not null) throw NotFound();
            return await ResolveAsync(null, scope.OrganisationId, cancellationToken);
        }
        var id = unitId ?? (scope.Level == ScopeLevel.Commune ? scope.CommuneId : scope.ProvinceId);
        var unit = await UnitDirectory.Units(db).AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.Id, u.Name, u.Level, u.ProvinceId, u.RollUpUnitId, u.ValidTo, District = u.Parent != null && u.Parent.Level == UnitLevel.District ? u.Parent.Name : null })
            .SingleOrDefaultAsync(cancellationToken) ?? throw NotFound();
        var provinceId = unit.ProvinceId ?? unit.Id;
        // The national tier reads every province; its ids are the provinces' own (units are loaded alike everywhere).
        var visible = scope.SeesEverything || provinceId == scope.ProvinceId
                      && (scope.SeesWholeProvince || (unit.Level == UnitLevel.Commune && (unit.Id == scope.CommuneId || unit.RollUpUnitId == scope.CommuneId)));
        if (!visible) throw NotFound();
        var kind = unit.Level switch { UnitLevel.Province => UnitKind.Province, UnitLevel.District => UnitKind.District, _ => UnitKind.Commune };
        var name = unit.District is not null ? $"{unit.Name} ({unit.District})" : unit.Name;
        return new IndicatorUnit(kind, unit.Id, provinceId, name, unit.ValidTo is not null);
    }

    /// <summary>Province-wide roles may open any commune's or institution's dashboard, and get pickers for them.</summary>
    public bool SeesWholeProvince => db.Scope.SeesWholeProvince;

    /// <summary>Breakdowns by ethnicity and priority group show sensitive personal data in aggregate: only to the roles that see it on the records.</summary>
    public bool MaySee(Dimension dimension) =>
        dimension is not (Dimension.Minority or Dimension.EthnicGroup or Dimension.Priority) || db.Scope.Holds(CommonPolicies.SensitivePersonalData);

    /// <summary>Today's communes of the caller's province, for the province roles' unit picker.</summary>
    public Task<List<SelectListItem>> CommunesAsync(CancellationToken cancellationToken = default)
    {
        var provinceId = db.Scope.ProvinceId;
        return UnitDirectory.Units(db).AsNoTracking()
            .Where(u => u.ProvinceId == provinceId && u.Level == UnitLevel.Commune && u.ValidTo == null)
            .OrderBy(u => u.Name)
            .Select(u => new SelectListItem(u.Name, u.Id.ToString()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The province's training institutions, for the province roles' institution picker.</summary>
    public Task<List<SelectListItem>> InstitutionsAsync(CancellationToken cancellationToken = default)
    {
        var provinceId = db.Scope.ProvinceId;
        return OrganisationDirectory.Visible(db).AsNoTracking()
            .Where(o => o.ProvinceId == provinceId && o.Kind == OrganisationKind.TrainingInstitution && o.IsActive)
            .OrderBy(o => o.Name)
            .Select(o => new SelectListItem(o.Name, o.Id.ToString()))
            .ToListAsync(cancellationToken);
    }

    private static NotFoundException NotFound() => new("Không tìm thấy đơn vị hoặc bạn không có quyền xem số liệu của đơn vị này.");
}
