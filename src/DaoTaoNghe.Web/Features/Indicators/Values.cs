using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>
/// Indicator values with their targets for the JSON API, read like the dashboards: one indicator or
/// all that apply, for a unit (default: the caller's own), a year, optionally broken down by a
/// dimension, by year or by month. Out-of-scope units are not found; a breakdown the caller may not
/// see is refused.
/// </summary>
public static class Values
{
    public sealed class Query
    {
        /// <summary>Indicator code (see GET /api/v1/indicators); all indicators that apply when empty.</summary>
        [FromQuery(Name = "indicator")] public string? Indicator { get; set; }

        /// <summary>Administrative unit id: the province, a commune (today's or before 2025) or a pre-2025 district.</summary>
        [FromQuery(Name = "unit")] public int? Unit { get; set; }

        /// <summary>An organisation's own figures (an institution) instead of a unit's.</summary>
        [FromQuery(Name = "institution")] public int? Institution { get; set; }

        /// <summary>The year, e.g. 2026; this year when empty.</summary>
        [FromQuery(Name = "period")] public string? Period { get; set; }

        /// <summary>Commune, District, Sex, Minority, EthnicGroup, Priority, Level, Occupation, Institution, Year or Month.</summary>
        [FromQuery(Name = "by")] public string? By { get; set; }

        /// <summary>2024 for breakdowns by place on the map before 1/7/2025.</summary>
        [FromQuery(Name = "map")] public int? Map { get; set; }
    }

    public sealed record UnitResult(UnitKind Kind, int Id, string Name, bool IsFormer);

    public sealed record PeriodResult(int Year, DateOnly From, DateOnly To);

    public sealed record TargetResult(double Value, TargetDirection Direction, int Year, string? Basis, TargetState State, double? Progress);

    public sealed record GroupResult(string? Key, string Label, double? Value, long? Numerator, long? Denominator, int? UnitId);

    public sealed record IndicatorResult(
        string Code, string Name, string Unit, IndicatorMeasure Measure, ValueOrigin Origin, bool EnteredByHand,
        double? Value, long? Numerator, long? Denominator, TargetResult? Target, string? By, bool? GroupsOverlap, IReadOnlyList<GroupResult>? Groups,
        string CountingRule);

    /// <param name="Lag">Null when every change saved is counted; else how many wait and since when the numbers are current.</param>
    public sealed record Result(UnitResult Unit, PeriodResult Period, MapKind Map, IReadOnlyList<IndicatorResult> Indicators, ValuesLag? Lag);

    public sealed class Handler(IndicatorEngine engine, IndicatorUnits units, IndicatorTargets targets) : IHandler
    {
        public async Task<Result> HandleAsync(Query query, CancellationToken cancellationToken = default)
        {
            var year = ParseYear(query.Period);
            var single = query.Indicator is { Length: > 0 } code
                ? IndicatorCatalogue.Find(code) ?? throw new NotFoundException($"Không có chỉ số mã \"{code}\" trong danh mục (xem /api/v1/indicators).")
                : null;
            var unit = await units.ResolveAsync(query.Unit, query.Institution, cancellationToken);
            var map = DashboardQuery.Map(query.Map, year, unit);
            var by = ParseBy(query.By);
            if (by is { } dimension && !units.MaySee(dimension))
                throw new ForbiddenException("Phân tổ theo dân tộc, nhóm đối tượng ưu tiên chỉ dành cho vai trò được xem dữ liệu nhạy cảm.");
            if (single is not null && !IndicatorEngine.Applies(single, unit))
                throw new ValidationFailedException("indicator", $"Chỉ số \"{single.Name}\" không áp dụng cho {unit.Name}.");
            if (single is not null && by is { } asked && !IndicatorEngine.BreakdownsOf(single, unit, map).Contains(asked))
                throw new ValidationFailedException("by", $"Chỉ số \"{single.Name}\" không phân tổ theo {Fmt.Enum(asked).ToLowerInvariant()} cho {unit.Name}.");

            var period = IndicatorPeriod.Year(year);
            var indicators = single is not null ? [single] : IndicatorCatalogue.All.Where(i => IndicatorEngine.Applies(i, unit)).ToList();
            var values = await engine.ValuesAsync(indicators, unit, period, cancellationToken);
            var applied = await targets.ForYearAsync(unit, year, cancellationToken);
            var results = new List<IndicatorResult>();
            foreach (var indicator in indicators)
            {
                var number = values[indicator.Code];
                var target = applied.TryGetValue(indicator.Code, out var t) ? TargetProgress.Assess(number?.Value, t, engine.Today) : null;
                var groups = await GroupsAsync(indicator, unit, period, map, by, query.By, cancellationToken);
                results.Add(new IndicatorResult(indicator.Code, indicator.Name, indicator.Unit, indicator.Measure, IndicatorEngine.OriginOf(indicator),
                    IndicatorEngine.IsEnteredByHand(indicator), number?.Value, number?.Numerator, number?.Denominator,
                    target is null ? null : new TargetResult(target.Target.Value, target.Target.Direction, target.Target.Year, target.Target.Basis, target.State, target.Progress),
                    groups is null ? null : query.By, by is { } d && groups is not null ? IndicatorEngine.Overlaps(indicator, d) : null, groups, indicator.CountingRule));
            }
            return new Result(new UnitResult(unit.Kind, unit.Id, unit.Name, unit.IsFormer), new PeriodResult(year, period.From, period.To), map, results,
                engine.Lag);
        }

        private async Task<IReadOnlyList<GroupResult>?> GroupsAsync(Indicator indicator, IndicatorUnit unit, IndicatorPeriod period, MapKind map,
            Dimension? by, string? asked, CancellationToken cancellationToken)
        {
            if (string.Equals(asked, "Year", StringComparison.OrdinalIgnoreCase))
                return (await engine.YearsAsync(indicator, unit, period.To.Year - 4, period.To.Year, cancellationToken))
                    .Select(p => new GroupResult(p.Year.ToString(), p.Year.ToString(), p.Number?.Value, p.Number?.Numerator, p.Number?.Denominator, null)).ToList();
            if (string.Equals(asked, "Month", StringComparison.OrdinalIgnoreCase))
                return (await engine.MonthsAsync(indicator, unit, period.To.Year, cancellationToken))?
                    .Select(p => new GroupResult(p.Month.ToString(), $"Tháng {p.Month}", p.Number?.Value, p.Number?.Numerator, p.Number?.Denominator, null)).ToList();
            if (by is not { } dimension || !IndicatorEngine.BreakdownsOf(indicator, unit, map).Contains(dimension)) return null;
            return (await engine.BreakdownAsync(indicator, unit, period, dimension, map, cancellationToken))
                .Select(r => new GroupResult(r.Key, r.Label, r.Number.Value, r.Number.Numerator, r.Number.Denominator, r.Place?.Id)).ToList();
        }

        private int ParseYear(string? period)
        {
            if (string.IsNullOrWhiteSpace(period)) return engine.Today.Year;
            return int.TryParse(period.Trim(), out var year) && year is >= 2015 and <= 2100 ? year
                : throw new ValidationFailedException("period", $"Kỳ \"{period}\" không hợp lệ: ghi năm, ví dụ {engine.Today.Year}.");
        }

        private static Dimension? ParseBy(string? by)
        {
            if (string.IsNullOrWhiteSpace(by) || by.Equals("Year", StringComparison.OrdinalIgnoreCase) || by.Equals("Month", StringComparison.OrdinalIgnoreCase))
                return null;
            return Enum.TryParse<Dimension>(by, ignoreCase: true, out var dimension) && Enum.IsDefined(dimension) ? dimension
                : throw new ValidationFailedException("by",
                    $"Phân tổ \"{by}\" không hợp lệ; dùng một trong: {string.Join(", ", Enum.GetNames<Dimension>())}, Year, Month.");
        }
    }
}
