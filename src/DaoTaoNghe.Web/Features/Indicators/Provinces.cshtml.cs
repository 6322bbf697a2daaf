using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>
/// The ministry's comparison of the provinces (national tier): for one indicator of the catalogue and a year, every
/// province of today's map with its value beside its own target, sortable, each value leading to that province's
/// dashboard. The values are the ones each province's dashboard shows (the same engine over the replicated
/// maintained values), so a province and the ministry never quote different numbers.
/// </summary>
[Authorize(Policy = IndicatorPolicies.CompareProvinces)]
public class Provinces(Provinces.Handler handler, AuditTrail audit) : PageModel
{
    public enum SortKey
    {
        [Display(Name = "Tỉnh, thành phố")] Name,
        [Display(Name = "Kết quả")] Value,
        [Display(Name = "Đạt so với chỉ tiêu")] Progress,
        [Display(Name = "Đánh giá")] State,
    }

    public sealed class Query
    {
        [FromQuery(Name = "ma")] public string? Code { get; set; }
        [FromQuery(Name = "nam")] public int? Year { get; set; }
        [FromQuery(Name = "sap-xep")] public SortKey Sort { get; set; }
        [FromQuery(Name = "giam")] public bool Descending { get; set; }
    }

    public sealed record Row(int ProvinceId, string Name, bool HasData, IndicatorNumber? Number, TargetAssessment? Target, string? TargetText,
        string DashboardUrl, string DetailsUrl);

    /// <param name="Nation">The nation's value: the provinces' added up, or for people each person once (<paramref name="PersonsOnce"/>),
    /// as last counted.</param>
    /// <param name="NationRecordsUrl">The national list of the people the nation's value counts (as of now), when one shows them.</param>
    /// <param name="CountedEvery">How often the nation's people are counted again.</param>
    public sealed record Result(Indicator Indicator, int Year, SortKey Sort, bool Descending, IReadOnlyList<Row> Rows, NationValue? Nation, bool PersonsOnce,
        string? NationRecordsUrl, TimeSpan CountedEvery)
    {
        public int WithData => Rows.Count(r => r.HasData);
    }

    public sealed class Handler(AppDbContext db, IndicatorEngine engine, IndicatorTargets targets, NationalPersonCounter counter,
        NationalPersonCountOptions counting) : IHandler
    {
        /// <summary>The indicators a province has: the comparison offers every one of them.</summary>
        public static IReadOnlyList<Indicator> Comparable { get; } = IndicatorCatalogue.All.Where(i => i.AppliesTo(UnitKind.Province)).ToList();

        public async Task<Result> HandleAsync(Query query, CancellationToken cancellationToken = default)
        {
            var indicator = query.Code is { Length: > 0 } code
                ? Comparable.FirstOrDefault(i => i.Code == code) ?? throw new NotFoundException($"Không có chỉ số mã \"{code}\" áp dụng cho cấp tỉnh trong danh mục.")
                : Comparable.FirstOrDefault(i => i.Headline) ?? Comparable[0];
            var year = DashboardQuery.Year(query.Year, engine.Today);
            var period = IndicatorPeriod.Year(year);
            var provinces = await UnitDirectory.Provinces(db).Where(u => u.ValidTo == null).OrderBy(u => u.Name)
                .Select(u => new { u.Id, u.Name }).ToListAsync(cancellationToken);
            var ids = provinces.Select(p => p.Id).ToList();
            var withData = await ProvincesWithDataAsync(ids, year, cancellationToken);
            var numbers = await engine.ProvincesAsync(indicator, ids, period, cancellationToken);
            var applied = await targets.ForProvincesAsync(ids, indicator.Code, year, cancellationToken);

            var rows = new List<Row>();
            foreach (var province in provinces)
            {
                var unit = new IndicatorUnit(UnitKind.Province, province.Id, province.Id, province.Name, false);
                var dashboard = DashboardQuery.DashboardUrl(unit, year, MapKind.Current);
                var details = DashboardQuery.DetailsUrl(indicator, unit, year, MapKind.Current);
                if (!withData.Contains(province.Id))
                {
                    rows.Add(new Row(province.Id, province.Name, false, null, null, null, dashboard, details));
                    continue;
                }
                var number = numbers.GetValueOrDefault(province.Id);
                var target = applied.GetValueOrDefault(province.Id);
                rows.Add(new Row(province.Id, province.Name, true, number, target is null ? null : TargetProgress.Assess(number?.Value, target, engine.Today),
                    target is null ? null : TargetProgress.Describe(target, indicator, year), dashboard, details));
            }
            var nation = withData.Count == 0 ? null : await engine.NationAsync(indicator, year, cancellationToken);
            if (nation is { Counting.Count: > 0 }) await counter.AskAsync(db, nation.Counting, year, cancellationToken);
            return new Result(indicator, year, query.Sort, query.Descending, Sorted(rows, query.Sort, query.Descending), nation,
                IndicatorEngine.CountsPersonsNationally(indicator), nation?.Number is null ? null : IndicatorEngine.NationRecordsUrl(indicator, period),
                counting.Every);
        }

        /// <summary>
        /// Provinces that have sent anything for the year: maintained values, hand-entered figures or targets. A province
        /// whose rows have not arrived says so instead of showing zeros the ministry would read as results. The values are
        /// asked per province (does one yearly total exist?), which stops at the first one found: the national database holds
        /// tens of millions of them.
        /// </summary>
        private async Task<HashSet<int>> ProvincesWithDataAsync(List<int> provinces, int year, CancellationToken cancellationToken)
        {
            var cells = db.IndicatorCells.AsNoTracking().Where(c => c.Year == year && c.Month == 0 && c.Dimension == null);
            var counted = await UnitDirectory.Provinces(db).Where(u => provinces.Contains(u.Id)
                    && (cells.Any(c => c.Commune.ProvinceId == u.Id) || cells.Any(c => c.CommuneId == u.Id)))
                .Select(u => u.Id).ToListAsync(cancellationToken);
            var entered = await db.AggregateValues.AsNoTracking().Where(v => v.Year == year).Select(v => v.ProvinceId).Distinct().ToListAsync(cancellationToken);
            var targeted = await db.IndicatorTargets.AsNoTracking().Where(t => t.Year >= year).Select(t => t.ProvinceId).Distinct().ToListAsync(cancellationToken);
            return [.. counted, .. entered, .. targeted];
        }

        /// <summary>Provinces without data (or without the sorted figure) always last, whichever the direction.</summary>
        private static List<Row> Sorted(List<Row> rows, SortKey sort, bool descending)
        {
            Func<Row, IComparable?> key = sort switch
            {
                SortKey.Value => r => r.Number?.Value,
                SortKey.Progress => r => r.Target?.Progress,
                SortKey.State => r => r.Target?.State,
                _ => r => r.Name,
            };
            var known = rows.Where(r => key(r) is not null);
            var ordered = descending ? known.OrderByDescending(key).ThenBy(r => r.Name) : known.OrderBy(key).ThenBy(r => r.Name);
            return [.. ordered, .. rows.Where(r => key(r) is null).OrderBy(r => r.Name)];
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public Result Data { get; private set; } = null!;

    public List<SelectListItem> Indicators { get; } = Handler.Comparable
        .Select(i => new SelectListItem($"{i.Name} ({i.Unit})", i.Code) { Group = AreaGroups[i.Area] }).ToList();

    private static readonly Dictionary<IndicatorArea, SelectListGroup> AreaGroups =
        Enum.GetValues<IndicatorArea>().ToDictionary(a => a, a => new SelectListGroup { Name = Fmt.Enum(a) });

    public async Task OnGetAsync(CancellationToken cancellationToken) => Data = await handler.HandleAsync(Filter, cancellationToken);

    /// <summary>The address of this table sorted by <paramref name="key"/>; the current column again turns the order round.</summary>
    public string SortUrl(SortKey key)
    {
        var descending = key == Data.Sort ? !Data.Descending : key is SortKey.Value or SortKey.Progress;
        return $"/Indicators/Provinces?ma={Uri.EscapeDataString(Data.Indicator.Code)}&nam={Data.Year}&sap-xep={key}{(descending ? "&giam=true" : "")}";
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var data = await handler.HandleAsync(Filter, cancellationToken);
        var indicator = data.Indicator;
        await audit.RecordExportAsync($"So sánh các tỉnh: {indicator.Name} năm {data.Year}", data.Rows.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        var ratio = indicator.Kind == IndicatorKind.Ratio;
        var columns = new List<XlsxColumn<Row>>
        {
            new("Tỉnh, thành phố", r => r.Name, Width: 28),
            new($"Kết quả ({indicator.Unit})", r => r.Number?.Value is { } v ? Math.Round(v, 2) : null,
                indicator.Measure == IndicatorMeasure.Money ? XlsxFormat.Money : XlsxFormat.Decimal, 16),
        };
        if (ratio)
        {
            columns.Add(new("Tử số", r => r.Number?.Numerator, XlsxFormat.Integer, 12));
            columns.Add(new("Mẫu số", r => r.Number?.Denominator, XlsxFormat.Integer, 12));
        }
        columns.Add(new("Chỉ tiêu", r => r.TargetText, Width: 22));
        columns.Add(new("Đạt so với chỉ tiêu", r => r.Target?.Progress, XlsxFormat.Percent, 14));
        columns.Add(new("Đánh giá", r => !r.HasData ? "Chưa có dữ liệu" : r.Target is null ? "Chưa giao chỉ tiêu" : Fmt.Enum(r.Target.State), Width: 18));
        book.AddSheet("So sánh các tỉnh", columns, data.Rows, title: $"{indicator.Name} ({indicator.Unit}) theo tỉnh, thành phố năm {data.Year}");
        book.AddSheet("Cách đếm", [
            new XlsxColumn<(string Label, string Text)>("Mục", r => r.Label, Width: 24),
            new XlsxColumn<(string Label, string Text)>("Nội dung", r => r.Text, Width: 100),
        ], [
            ("Chỉ số", $"{indicator.Name} ({indicator.Code})"),
            ("Năm", data.Year.ToString()),
            ("Đơn vị tính", indicator.Unit),
            ("Định nghĩa", indicator.Description),
            ("Cách đếm", indicator.CountingRule),
            ("Tỉnh có số liệu", $"{data.WithData}/{data.Rows.Count}"),
            ("Cả nước", data.Nation?.Number?.Value is { } nation
                ? $"{Math.Round(nation, 2)} {indicator.Unit}" + (data.PersonsOnce
                    ? $": mỗi người (một số CCCD) tính một lần dù có hồ sơ ở nhiều tỉnh, số liệu tính lúc {Fmt.DateTime(data.Nation.CountedAt)}"
                    : ": tổng các tỉnh")
                : data.Nation is { Counting.Count: > 0 } ? "đang được tính, xuất lại sau ít phút" : "không cộng được"),
        ], title: indicator.Name);
        return book.ToFileResult($"so-sanh-cac-tinh-{indicator.Code.Replace('.', '-')}-{data.Year}.xlsx");
    }
}
