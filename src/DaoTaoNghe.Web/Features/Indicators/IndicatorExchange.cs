using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>An administrative unit as other systems know it: its official statistics-office code.</summary>
[AreaContract]
public sealed record ExchangeUnit(string Code, string Name, UnitKind Kind);

/// <summary>
/// One value for exchange: a unit (by official code), an indicator's code, and either the total
/// (<see cref="By"/> null) or one group of a breakdown (the group's key as the values API gives it;
/// <see cref="IndicatorExchange.NotRecorded"/> for records without the value).
/// </summary>
[AreaContract]
public sealed record ExchangeValue(string UnitCode, string Indicator, Dimension? By, string? Key, double Value);

[AreaContract]
public sealed record ExchangeValues(int Year, ExchangeUnit Unit, IReadOnlyList<ExchangeUnit> Units, IReadOnlyList<ExchangeValue> Values);

/// <summary>
/// Indicator values for national platforms (IHE ADX, DHIS2), read exactly as
/// <c>/api/v1/indicators/values</c> reads them (the same engine, the maintained cells for whole years)
/// and scoped the same way. A commune's code gives the commune's totals and breakdowns; a province's
/// code gives the province's totals and breakdowns and each of its communes' totals (the province's
/// breakdown by commune), so one request carries the whole province without one query per commune
/// and breakdown. Breakdowns exchanged are those of <see cref="Breakdowns"/> the caller may see.
/// </summary>
[AreaContract]
public sealed class IndicatorExchange(AppDbContext db, IndicatorEngine engine, IndicatorUnits units) : IHandler
{
    /// <summary>The record dimensions exchanged: small fixed code lists a receiving platform can map once.</summary>
    public static IReadOnlyList<Dimension> Breakdowns { get; } = [Dimension.Sex, Dimension.Minority, Dimension.Priority, Dimension.Level];

    /// <summary>The key of a breakdown's group of records that lack the value.</summary>
    public const string NotRecorded = "NotRecorded";

    public DateOnly Today => engine.Today;

    /// <summary>The values of a unit (by official code; the caller's own unit when empty) for a calendar year.</summary>
    public async Task<ExchangeValues> ValuesAsync(string? unitCode, int year, CancellationToken cancellationToken = default)
    {
        int? unitId = null;
        if (!string.IsNullOrWhiteSpace(unitCode))
        {
            var code = unitCode.Trim();
            // A 2025 commune often kept the code of one of the communes merged into it: today's unit answers for the code.
            unitId = await UnitDirectory.Units(db)
                .Where(u => u.Code == code && (u.Level == UnitLevel.Province || u.Level == UnitLevel.Commune))
                .OrderBy(u => u.ValidTo == null ? 0 : 1)
                .Select(u => (int?)u.Id)
                .FirstOrDefaultAsync(cancellationToken) ?? throw NotFound(code);
        }
        IndicatorUnit unit;
        try
        {
            unit = await units.ResolveAsync(unitId, null, cancellationToken);
        }
        catch (NotFoundException) when (unitId is not null)
        {
            // Out of scope answers as a code that exists nowhere, so the answer tells nothing of other units.
            throw NotFound(unitCode!.Trim());
        }
        if (!unit.IsMapUnit || unit.Kind == UnitKind.District)
            throw new ForbiddenException("Trao đổi số liệu theo chuẩn ADX, DHIS2 dành cho tỉnh và xã, phường (theo mã đơn vị hành chính), không cho số liệu riêng của một cơ sở.");

        var period = IndicatorPeriod.Year(year);
        var map = DashboardQuery.Map(null, year, unit);
        var own = await UnitDirectory.Units(db).Where(u => u.Id == unit.Id).Select(u => u.Code).SingleAsync(cancellationToken);
        var indicators = IndicatorCatalogue.All.Where(i => IndicatorEngine.Applies(i, unit)).ToList();
        var totals = await engine.ValuesAsync(indicators, unit, period, cancellationToken);
        var values = new List<ExchangeValue>();
        var communes = new Dictionary<int, List<(string Indicator, double Value)>>();
        foreach (var indicator in indicators)
        {
            if (totals[indicator.Code]?.Value is { } total) values.Add(new ExchangeValue(own, indicator.Code, null, null, total));
            var breakdowns = IndicatorEngine.BreakdownsOf(indicator, unit, map);
            foreach (var dimension in Breakdowns.Where(d => breakdowns.Contains(d) && units.MaySee(d)))
                foreach (var row in await engine.BreakdownAsync(indicator, unit, period, dimension, map, cancellationToken))
                    if (row.Number.Value is { } value)
                        values.Add(new ExchangeValue(own, indicator.Code, dimension, string.IsNullOrEmpty(row.Key) ? NotRecorded : row.Key, value));
            if (unit.Kind != UnitKind.Province || !breakdowns.Contains(Dimension.Commune)) continue;
            foreach (var row in await engine.BreakdownAsync(indicator, unit, period, Dimension.Commune, map, cancellationToken))
                if (row is { Place: { } place, Number.Value: { } value })
                    (communes.TryGetValue(place.Id, out var list) ? list : communes[place.Id] = []).Add((indicator.Code, value));
        }

        var ids = communes.Keys.ToList();
        var places = await UnitDirectory.Units(db).Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.Code, u.Name }).ToDictionaryAsync(u => u.Id, cancellationToken);
        var listed = places.Values.OrderBy(p => p.Code, StringComparer.Ordinal).ToList();
        foreach (var place in listed)
            values.AddRange(communes[place.Id].Select(v => new ExchangeValue(place.Code, v.Indicator, null, null, v.Value)));
        var name = await UnitDirectory.Units(db).Where(u => u.Id == unit.Id).Select(u => u.Name).SingleAsync(cancellationToken);
        return new ExchangeValues(year, new ExchangeUnit(own, name, unit.Kind),
            [new ExchangeUnit(own, name, unit.Kind), .. listed.Select(p => new ExchangeUnit(p.Code, p.Name, UnitKind.Commune))], values);
    }

    private static NotFoundException NotFound(string code) =>
        new($"Không tìm thấy đơn vị hành chính mã \"{code}\" (tham số unit) hoặc bạn không có quyền xem số liệu của đơn vị này.");
}
