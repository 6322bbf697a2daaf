using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>
/// The dashboard of a unit for a year: every indicator that applies beside its target, with progress;
/// the headline indicators over the last three years; and for the province (or a pre-2025 district)
/// the same indicators commune by commune, each commune leading to its own dashboard and each
/// number to the records behind it. Computed live from the records on every request, on the hot standbys
/// when there are (<see cref="ReadOnlyWork"/>).
/// </summary>
[Authorize(Policy = IndicatorPolicies.ReadDashboards)]
public class Index(ReadOnlyWork reads, IndicatorUnits units, AuditTrail audit) : PageModel
{
    public sealed class Query
    {
        [FromQuery(Name = "don-vi")] public int? UnitId { get; set; }
        [FromQuery(Name = "co-so")] public int? OrganisationId { get; set; }
        [FromQuery(Name = "nam")] public int? Year { get; set; }

        /// <summary>2024 draws breakdowns on the map before 1/7/2025 (only for years up to 2025).</summary>
        [FromQuery(Name = "ban-do")] public int? Map { get; set; }
    }

    public sealed record Line(Indicator Indicator, IndicatorNumber? Number, TargetAssessment? Target, string? TargetText, bool ByHand, string? RecordsUrl, string DetailsUrl);

    public sealed record Place(int UnitId, string Name, bool IsFormer, string DashboardUrl, IReadOnlyList<(IndicatorNumber Number, string? RecordsUrl)> Cells);

    public sealed record Result(IndicatorUnit Unit, int Year, MapKind Map, IReadOnlyList<Line> Lines, IReadOnlyList<Indicator> PlaceColumns,
        IReadOnlyList<Place> Places, ChartModel Progress, ChartModel Years, ValuesLag? Lag)
    {
        public bool HasTargets => IndicatorTargets.HasTargets(Unit);
    }

    public sealed class Handler(IndicatorEngine engine, IndicatorUnits units, IndicatorTargets targets) : IHandler
    {
        public async Task<Result> HandleAsync(Query query, CancellationToken cancellationToken = default)
        {
            var unit = await units.ResolveAsync(query.UnitId, query.OrganisationId, cancellationToken);
            var year = DashboardQuery.Year(query.Year, engine.Today);
            var map = DashboardQuery.Map(query.Map, year, unit);
            var period = IndicatorPeriod.Year(year);
            var indicators = IndicatorCatalogue.All.Where(i => IndicatorEngine.Applies(i, unit)).ToList();
            // The three years first: their maintained totals are read in one query that also answers the year's numbers and communes.
            var trend = indicators.Where(i => i.Headline && i.Measure == IndicatorMeasure.Count).ToList();
            var series = new List<ChartSeries>();
            foreach (var indicator in trend)
            {
                var points = await engine.YearsAsync(indicator, unit, year - 2, year, cancellationToken);
                series.Add(new ChartSeries(indicator.Name, points.Select(p => p.Number?.Value).ToList()));
            }
            var values = await engine.ValuesAsync(indicators, unit, period, cancellationToken);
            var applied = await targets.ForYearAsync(unit, year, cancellationToken);
            var lines = indicators.Select(i =>
            {
                var target = applied.TryGetValue(i.Code, out var t) ? TargetProgress.Assess(values[i.Code]?.Value, t, engine.Today) : null;
                return new Line(i, values[i.Code], target, target is null ? null : TargetProgress.Describe(target.Target, i, year),
                    IndicatorEngine.IsEnteredByHand(i), engine.RecordsUrl(i, unit, period), DashboardQuery.DetailsUrl(i, unit, year, map));
            }).ToList();

            var columns = indicators.Where(i => i.Headline && IndicatorEngine.BreakdownsOf(i, unit, map).Contains(Dimension.Commune)).ToList();
            var places = await PlacesAsync(unit, period, map, columns, cancellationToken);

            var withTargets = lines.Where(l => l.Target?.Progress is not null).ToList();
            var progress = new ChartModel("chart-progress", $"Mức độ hoàn thành chỉ tiêu năm {year}", "barh", "%", "Chỉ số",
                withTargets.Select(l => l.Indicator.Name).ToList(),
                [new ChartSeries("Đạt so với chỉ tiêu", withTargets.Select(l => (double?)Math.Round(l.Target!.Progress!.Value * 100, 1)).ToList())],
                withTargets.Select(l => (string?)l.DetailsUrl).ToList());

            var years = new ChartModel("chart-years", $"Các chỉ số chính qua các năm {year - 2}–{year}", "bar", "", "Năm",
                Enumerable.Range(year - 2, 3).Select(y => y.ToString()).ToList(), series,
                Enumerable.Range(year - 2, 3).Select(y => (string?)DashboardQuery.DashboardUrl(unit, y, MapKind.Current)).ToList());
            return new Result(unit, year, map, lines, columns, places, progress, years, engine.Lag);
        }

        /// <summary>One breakdown query per column, then pivoted: the headline indicators commune by commune.</summary>
        private async Task<IReadOnlyList<Place>> PlacesAsync(IndicatorUnit unit, IndicatorPeriod period, MapKind map, List<Indicator> columns,
            CancellationToken cancellationToken)
        {
            var breakdowns = new List<IReadOnlyList<BreakdownRow>>();
            foreach (var column in columns.ToList())
            {
                var rows = await engine.BreakdownAsync(column, unit, period, Dimension.Commune, map, cancellationToken);
                // Figures kept only at the province level (jobs reported by the department) say nothing commune by commune.
                if (rows.Any(r => r.Place is not null && r.Number.Value is > 0)) breakdowns.Add(rows);
                else columns.Remove(column);
            }
            if (columns.Count == 0) return [];
            var places = breakdowns.SelectMany(b => b).Where(r => r.Place is not null).Select(r => r.Place!).DistinctBy(u => u.Id).ToList();
            return places.Select(place =>
            {
                var cells = columns.Select((column, i) => (
                    breakdowns[i].FirstOrDefault(r => r.Place?.Id == place.Id)?.Number ?? IndicatorNumber.Rate(null),
                    engine.RecordsUrl(column, place, period))).ToList();
                var label = breakdowns.SelectMany(b => b).First(r => r.Place?.Id == place.Id).Label;
                return new Place(place.Id, label, place.IsFormer, DashboardQuery.DashboardUrl(place, period.To.Year, map), cells);
            }).ToList();
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public Result Data { get; private set; } = null!;
    public List<SelectListItem> Communes { get; private set; } = [];
    public List<SelectListItem> Institutions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await reads.RunAsync<Handler, Result>(h => h.HandleAsync(Filter, cancellationToken));
        if (units.SeesWholeProvince)
        {
            Communes = await units.CommunesAsync(cancellationToken);
            Institutions = await units.InstitutionsAsync(cancellationToken);
        }
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var data = await reads.RunAsync<Handler, Result>(h => h.HandleAsync(Filter, cancellationToken));
        await audit.RecordExportAsync($"Bảng chỉ số {data.Unit.Name} năm {data.Year}", data.Lines.Count + data.Places.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Chỉ số", [
            new XlsxColumn<Line>("Lĩnh vực", l => Fmt.Enum(l.Indicator.Area), Width: 30),
            new XlsxColumn<Line>("Mã chỉ số", l => l.Indicator.Code, Width: 28),
            new XlsxColumn<Line>("Chỉ số", l => l.Indicator.Name, Width: 60),
            new XlsxColumn<Line>("Đơn vị tính", l => l.Indicator.Unit, Width: 14),
            new XlsxColumn<Line>("Kết quả", l => l.Number?.Value is { } v ? Math.Round(v, 2) : null, XlsxFormat.Decimal, 16),
            new XlsxColumn<Line>("Tử số", l => l.Indicator.Kind == IndicatorKind.Ratio ? l.Number?.Numerator : null, XlsxFormat.Integer, 12),
            new XlsxColumn<Line>("Mẫu số", l => l.Number?.Denominator, XlsxFormat.Integer, 12),
            new XlsxColumn<Line>("Chỉ tiêu", l => l.TargetText, Width: 26),
            new XlsxColumn<Line>("Đạt so với chỉ tiêu", l => l.Target?.Progress, XlsxFormat.Percent, 14),
            new XlsxColumn<Line>("Đánh giá", l => l.Target is null ? null : Fmt.Enum(l.Target.State), Width: 16),
            new XlsxColumn<Line>("Nguồn số liệu", l => l.ByHand ? "Nhập tay (chưa có hồ sơ gốc)" : Fmt.Enum(IndicatorEngine.OriginOf(l.Indicator)), Width: 28),
            new XlsxColumn<Line>("Cách đếm", l => l.Indicator.CountingRule, Width: 90),
        ], data.Lines, title: $"Chỉ số của {data.Unit.Name} năm {data.Year}");
        if (data.Places.Count > 0)
        {
            var columns = new List<XlsxColumn<Place>> { new("Xã, phường", p => p.Name, Width: 34) };
            columns.AddRange(data.PlaceColumns.Select((c, i) => new XlsxColumn<Place>($"{c.Name} ({c.Unit})",
                p => p.Cells[i].Number.Value is { } v ? Math.Round(v, 2) : null, XlsxFormat.Decimal, 18)));
            book.AddSheet("Theo xã, phường", columns, data.Places, title: $"Các chỉ số chính theo xã, phường năm {data.Year}"
                + (data.Map == MapKind.Before2025 ? " (bản đồ trước 01/7/2025)" : ""));
        }
        ChartSheet.Add(book, data.Years, "Theo năm");
        ChartSheet.Add(book, data.Progress, "Hoàn thành chỉ tiêu");
        return book.ToFileResult($"bang-chi-so-{data.Year}.xlsx");
    }
}
