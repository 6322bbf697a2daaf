using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>A unit aggregate values can be entered for: the province, or a commune valid at some time in the year.</summary>
public sealed record EntryUnit(int Id, string Name, UnitKind Kind, int ProvinceId, DateOnly? ValidFrom, DateOnly? ValidTo, string? NowName)
{
    public bool IsValidIn(int year) => (ValidFrom is null || ValidFrom <= new DateOnly(year, 12, 31)) && (ValidTo is null || ValidTo >= new DateOnly(year, 1, 1));

    /// <summary>"Xã Tà Mung chỉ có đến 30/06/2025 (nay thuộc Xã Mường Kim)": why a year cannot be entered for this unit.</summary>
    public string NotValidMessage(int year) => ValidTo is { } end && end < new DateOnly(year, 1, 1)
        ? $"{Name} chỉ có đến ngày {Fmt.Date(end)}; số liệu năm {year} hãy nhập cho {NowName ?? "xã, phường kế thừa"}."
        : $"{Name} có hiệu lực từ ngày {Fmt.Date(ValidFrom)}; số liệu năm {year} hãy nhập cho xã, phường cũ (trước 01/7/2025).";
}

/// <summary>
/// Entering aggregate values, shared by the form, the API and the Excel import: who may enter for
/// which unit, which elements are entered there, and the validation rules of the catalogue – each
/// element's range and decimals, and the rules between elements of the same unit and year (entrants
/// ≤ graduates), judged on the values as they would be after saving.
/// </summary>
public sealed class AggregateEntry(AppDbContext db) : IHandler
{

    /// <summary>
    /// Elements entered by hand today: aggregate elements by nature, and the stand-ins of computed
    /// indicators whose records do not exist yet. Once an area computes an indicator, its stand-in is no longer offered.
    /// </summary>
    public static IReadOnlyList<DataElement> InUse { get; } = IndicatorCatalogue.Elements
        .Where(e => IndicatorCatalogue.All.Any(i => IndicatorEngine.ElementOf(i)?.Code == e.Code))
        .ToList();

    public static IReadOnlyList<DataElement> ElementsFor(UnitKind kind) =>
        InUse.Where(e => e.Levels.Contains(kind == UnitKind.Province ? UnitKind.Province : UnitKind.Commune)).ToList();

    /// <summary>The unit if the caller may enter values for it (the province admin: the province and its communes; a commune officer: their commune and its former communes).</summary>
    public async Task<EntryUnit> UnitAsync(int? unitId, CancellationToken cancellationToken = default)
    {
        var scope = db.Scope;
        var id = unitId ?? (scope.Level == ScopeLevel.Commune ? scope.CommuneId : scope.ProvinceId);
        var unit = await UnitDirectory.Units(db).AsNoTracking().Where(u => u.Id == id && (u.Level == UnitLevel.Province || u.Level == UnitLevel.Commune))
            .Select(u => new
            {
                u.Id, u.Name, u.Level, u.ProvinceId, u.RollUpUnitId, u.ValidFrom, u.ValidTo,
                District = u.Parent != null && u.Parent.Level == UnitLevel.District ? u.Parent.Name : null,
                NowName = u.RollUpUnit != null ? u.RollUpUnit.Name : null,
            })
            .SingleOrDefaultAsync(cancellationToken);
        var provinceId = unit is null ? 0 : unit.ProvinceId ?? unit.Id;
        var visible = unit is not null && provinceId == scope.ProvinceId
                      && (scope.SeesWholeProvince || (scope.Level == ScopeLevel.Commune && unit.Level == UnitLevel.Commune
                                                      && (unit.Id == scope.CommuneId || unit.RollUpUnitId == scope.CommuneId)));
        if (!visible) throw new NotFoundException("Không tìm thấy đơn vị hoặc bạn không có quyền nhập số liệu cho đơn vị này.");
        return new EntryUnit(unit!.Id, unit.District is null ? unit.Name : $"{unit.Name} ({unit.District})",
            unit.Level == UnitLevel.Province ? UnitKind.Province : UnitKind.Commune, provinceId, unit.ValidFrom, unit.ValidTo, unit.NowName);
    }

    /// <summary>The units the caller may enter values for: the province (its admin), today's communes, then the communes before 1/7/2025.</summary>
    public async Task<List<SelectListItem>> UnitChoicesAsync(CancellationToken cancellationToken = default)
    {
        var scope = db.Scope;
        var current = new SelectListGroup { Name = "Xã, phường hiện hành" };
        var former = new SelectListGroup { Name = "Trước 01/7/2025" };
        var units = await UnitDirectory.Units(db).AsNoTracking()
            .Where(u => (u.Id == scope.ProvinceId && scope.SeesWholeProvince)
                        || (u.Level == UnitLevel.Commune && u.ProvinceId == scope.ProvinceId
                            && (scope.SeesWholeProvince || u.Id == scope.CommuneId || u.RollUpUnitId == scope.CommuneId)))
            .OrderBy(u => u.Level).ThenBy(u => u.ValidTo != null).ThenBy(u => u.Name)
            .Select(u => new { u.Id, u.Name, u.Level, Former = u.ValidTo != null, District = u.Parent!.Name })
            .ToListAsync(cancellationToken);
        return units.Select(u => new SelectListItem(u.Level == UnitLevel.Province ? u.Name + " (cấp tỉnh)" : u.Former ? $"{u.Name} ({u.District})" : u.Name,
            u.Id.ToString()) { Group = u.Level == UnitLevel.Province ? null : u.Former ? former : current }).ToList();
    }

    /// <summary>Whether the caller may write values (inspectors and department officers read them only).</summary>
    public bool MayWrite => db.Scope.Role is Roles.ProvinceAdmin or Roles.CommuneOfficer;

    /// <summary>
    /// A value's own problems: beyond its element's range, or more decimals than it keeps. The
    /// message names the element as the form labels it.
    /// </summary>
    public static string? CheckValue(DataElement element, double value)
    {
        if (value < element.Min || value > element.Max)
            return $"\"{element.Name}\" phải từ {Fmt.Number(element.Min, element.Decimals)} đến {Fmt.Number(element.Max, element.Decimals)} {element.Unit}.";
        if (Math.Abs(value * element.Scale - Math.Round(value * element.Scale)) > 1e-6)
            return element.Decimals == 0
                ? $"\"{element.Name}\" phải là số nguyên."
                : $"\"{element.Name}\" chỉ được có tối đa {element.Decimals} chữ số thập phân.";
        return null;
    }

    /// <summary>The rules between elements broken by the values as they would be; each names the element on its left side.</summary>
    public static IReadOnlyList<(ValidationRule Rule, string Element, string Message)> CheckRules(IReadOnlyDictionary<string, double> values) =>
        IndicatorCatalogue.Rules
            .Where(r => values.TryGetValue(r.Left, out var left) && values.TryGetValue(r.Right, out var right) && !r.Holds(left, right))
            .Select(r => (r, r.Left, r.Message
                .Replace("{left}", Fmt.Number(values[r.Left], IndicatorCatalogue.FindElement(r.Left)!.Decimals))
                .Replace("{right}", Fmt.Number(values[r.Right], IndicatorCatalogue.FindElement(r.Right)!.Decimals))))
            .ToList();

    /// <summary>The values stored for a unit and year, as numbers by element code.</summary>
    public async Task<Dictionary<string, double>> StoredAsync(int unitId, int year, CancellationToken cancellationToken = default) =>
        (await db.AggregateValues.AsNoTracking().Where(v => v.UnitId == unitId && v.Year == year)
            .Select(v => new { v.ElementCode, v.Value }).ToListAsync(cancellationToken))
        .Where(v => IndicatorCatalogue.FindElement(v.ElementCode) is not null)
        .ToDictionary(v => v.ElementCode, v => IndicatorCatalogue.FindElement(v.ElementCode)!.ToNumber(v.Value));
}
