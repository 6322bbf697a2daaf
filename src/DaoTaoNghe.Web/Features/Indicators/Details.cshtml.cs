using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>
/// One indicator of one unit: its value beside its target, where the value comes from, five years
/// with their targets, the months of the year for indicators counted from dated records, and a
/// breakdown by any dimension the indicator allows and the caller may see, each row leading to its
/// commune's dashboard or to the records behind it.
/// </summary>
[Authorize(Policy = IndicatorPolicies.ReadDashboards)]
public class Details(ReadOnlyWork reads, AuditTrail audit) : PageModel
{
    public sealed class Query
    {
        [FromQuery(Name = "ma")] public string? Code { get; set; }
        [FromQuery(Name = "don-vi")] public int? UnitId { get; set; }
        [FromQuery(Name = "co-so")] public int? OrganisationId { get; set; }
        [FromQuery(Name = "nam")] public int? Year { get; set; }
        [FromQuery(Name = "ban-do")] public int? Map { get; set; }
        [FromQuery(Name = "theo")] public Dimension? By { get; set; }
    }

    public sealed record Row(BreakdownRow Breakdown, double? Share, string? DashboardUrl, string? RecordsUrl);

    public sealed record Result(
        Indicator Indicator, IndicatorUnit Unit, int Year, MapKind Map, IndicatorNumber? Number, TargetAssessment? Target, string? TargetText,
        ValueOrigin Origin, bool ByHand, DataElement? Element, string? RecordsUrl, IReadOnlyList<Dimension> Breakdowns, Dimension? By, bool Overlaps,
        IReadOnlyList<Row> Rows, ChartModel Years, ChartModel? Months, ChartModel? Breakdown, int OutsideScope);

    public sealed class Handler(IndicatorEngine engine, IndicatorUnits units, IndicatorTargets targets) : IHandler
    {
        public async Task<Result> HandleAsync(Query query, CancellationToken cancellationToken = default)
        {
            var indicator = IndicatorCatalogue.Find(query.Code) ?? throw new NotFoundException("Không có chỉ số này trong danh mục.");
            var unit = await units.ResolveAsync(query.UnitId, query.OrganisationId, cancellationToken);
            if (!IndicatorEngine.Applies(indicator, unit))
                throw new NotFoundException($"Chỉ số \"{indicator.Name}\" không áp dụng cho {unit.Name}.");
            var year = DashboardQuery.Year(query.Year, engine.Today);
            var map = DashboardQuery.Map(query.Map, year, unit);
            var period = IndicatorPeriod.Year(year);

            var number = await engine.ValueAsync(indicator, unit, period, cancellationToken);
            var applied = (await targets.ForYearAsync(unit, year, cancellationToken)).GetValueOrDefault(indicator.Code);
            var assessment = applied is null ? null : TargetProgress.Assess(number?.Value, applied, engine.Today);

            var first = Math.Max(2015, year - 4);
            var points = await engine.YearsAsync(indicator, unit, first, year, cancellationToken);
            var yearTargets = await targets.ForYearsAsync(unit, indicator.Code, first, year, cancellationToken);
            var yearSeries = new List<ChartSeries> { new(indicator.Name, points.Select(p => p.Number?.Value).ToList()) };
            if (yearTargets.Count > 0)
                yearSeries.Add(new ChartSeries("Chỉ tiêu", points.Select(p => yearTargets.TryGetValue(p.Year, out var t) ? (double?)t.Value : null).ToList(), IsTarget: true));
            var years = new ChartModel("chart-years", $"{indicator.Name} qua các năm", "bar", indicator.Unit, "Năm",
                points.Select(p => p.Year.ToString()).ToList(), yearSeries,
                points.Select(p => (string?)DashboardQuery.DetailsUrl(indicator, unit, p.Year, MapKind.Current, query.By)).ToList());

            var monthPoints = await engine.MonthsAsync(indicator, unit, year, cancellationToken);
            var months = monthPoints is null ? null : new ChartModel("chart-months", $"{indicator.Name} theo tháng năm {year}",
                indicator.Measure == IndicatorMeasure.Percent ? "line" : "bar", indicator.Unit, "Tháng",
                monthPoints.Select(p => $"Tháng {p.Month}").ToList(), [new ChartSeries(indicator.Name, monthPoints.Select(p => p.Number?.Value).ToList())]);

            var breakdowns = IndicatorEngine.BreakdownsOf(indicator, unit, map).Where(units.MaySee).ToList();
            var by = query.By is { } asked && breakdowns.Contains(asked) ? asked : breakdowns.Cast<Dimension?>().FirstOrDefault();
            var rows = new List<Row>();
            ChartModel? breakdownChart = null;
            var overlaps = false;
            if (by is { } dimension)
            {
                overlaps = IndicatorEngine.Overlaps(indicator, dimension);
                var total = number?.Value;
                foreach (var row in await engine.BreakdownAsync(indicator, unit, period, dimension, map, cancellationToken))
                {
                    var place = row.Place;
                    var share = indicator.Measure != IndicatorMeasure.Percent && total is > 0 && row.Number.Value is { } v ? v / total : null;
                    var records = place is not null ? engine.RecordsUrl(indicator, place, period)
                        : dimension is Dimension.Commune or Dimension.District ? null
                        : engine.RecordsUrl(indicator, unit, period, dimension, row.Key);
                    rows.Add(new Row(row, share, place is null ? null : DashboardQuery.DashboardUrl(place, year, map), records));
                }
                breakdownChart = new ChartModel("chart-breakdown", $"{indicator.Name} theo {Fmt.Enum(dimension).ToLowerInvariant()}",
                    rows.Count > 8 ? "barh" : "bar", indicator.Unit, Fmt.Enum(dimension), rows.Select(r => r.Breakdown.Label).ToList(),
                    [new ChartSeries(indicator.Name, rows.Select(r => r.Breakdown.Number.Value).ToList())],
                    rows.Select(r => r.DashboardUrl ?? r.RecordsUrl).ToList());
            }

            return new Result(indicator, unit, year, map, number, assessment, applied is null ? null : TargetProgress.Describe(applied, indicator, year),
                IndicatorEngine.OriginOf(indicator), IndicatorEngine.IsEnteredByHand(indicator), IndicatorEngine.ElementOf(indicator),
                engine.RecordsUrl(indicator, unit, period), breakdowns, by, overlaps, rows, years, months, breakdownChart,
                await engine.OutsideScopeAsync(indicator, unit, period, cancellationToken));
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public Result Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Data = await reads.RunAsync<Handler, Result>(h => h.HandleAsync(Filter, cancellationToken));

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var data = await reads.RunAsync<Handler, Result>(h => h.HandleAsync(Filter, cancellationToken));
        await audit.RecordExportAsync($"Chỉ số {data.Indicator.Name} – {data.Unit.Name} năm {data.Year}", data.Rows.Count + data.Years.Labels.Count,
            containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        ChartSheet.Add(book, data.Years, "Theo năm");
        if (data.Months is { } months) ChartSheet.Add(book, months, "Theo tháng");
        if (data.By is { } by)
        {
            var ratio = data.Indicator.Kind == IndicatorKind.Ratio;
            var columns = new List<XlsxColumn<Row>>
            {
                new(Fmt.Enum(by), r => r.Breakdown.Label, Width: 40),
                new($"{data.Indicator.Name} ({data.Indicator.Unit})", r => r.Breakdown.Number.Value is { } v ? Math.Round(v, 2) : null,
                    data.Indicator.Measure == IndicatorMeasure.Money ? XlsxFormat.Money : XlsxFormat.Decimal, 20),
            };
            if (ratio)
            {
                columns.Add(new("Tử số", r => r.Breakdown.Number.Numerator, XlsxFormat.Integer, 14));
                columns.Add(new("Mẫu số", r => r.Breakdown.Number.Denominator, XlsxFormat.Integer, 14));
            }
            else columns.Add(new("Tỷ lệ trong tổng", r => r.Share, XlsxFormat.Percent, 14));
            book.AddSheet("Theo " + Fmt.Enum(by).ToLowerInvariant(), columns, data.Rows, title: data.Breakdown?.Title);
        }
        // Last, so the figures keep their sheets; it says what the number counts.
        book.AddSheet("Cách đếm", [
            new XlsxColumn<(string Label, string Text)>("Mục", r => r.Label, Width: 24),
            new XlsxColumn<(string Label, string Text)>("Nội dung", r => r.Text, Width: 110),
        ], [
            ("Chỉ số", $"{data.Indicator.Name} ({data.Indicator.Code})"),
            ("Đơn vị", $"{data.Unit.Name}, năm {data.Year}"),
            ("Kết quả", IndicatorFormat.WithUnit(data.Number?.Value, data.Indicator)),
            ("Đơn vị tính", data.Indicator.Unit),
            ("Định nghĩa", data.Indicator.Description),
            ("Cách đếm", data.Indicator.CountingRule),
        ], title: data.Indicator.Name);
        return book.ToFileResult($"chi-so-{data.Indicator.Code.Replace('.', '-')}-{data.Year}.xlsx");
    }
}
