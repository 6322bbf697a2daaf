using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Reports.Obligations;

/// <summary>The province's reporting obligations with how complete and timely each is so far.</summary>
[Authorize(Policy = CommonPolicies.ReadProvince)]
public class Index(Index.Handler handler, AuditTrail audit, TimeProvider clock) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "q")] public string? Search { get; set; }
        [FromQuery(Name = "nam")] public int? Year { get; set; }
    }

    public sealed record Row(int Id, string Title, PeriodKind PeriodKind, int PeriodYear, int? PeriodNumber, DateOnly PeriodStart, DateOnly PeriodEnd,
        DateOnly DueOn, string ReceiverName, bool IsAggregate)
    {
        public string Period => ReportPeriods.Label(PeriodKind, PeriodYear, PeriodNumber, PeriodStart, PeriodEnd);
    }

    public sealed class Handler(AppDbContext db, ReportRows reports) : IHandler
    {
        public IQueryable<Row> Rows(Query query)
        {
            var obligations = db.ReportingObligations.AsNoTracking();
            if (query.Year is { } year) obligations = obligations.Where(o => o.PeriodYear == year);
            if (!string.IsNullOrWhiteSpace(query.Search))
                obligations = obligations.Where(o => EF.Functions.Like(o.SearchText, TextSearch.ContainsPattern(query.Search), "\\"));
            return obligations.OrderByDescending(o => o.DueOn).ThenBy(o => o.Id)
                .Select(o => new Row(o.Id, o.Title, o.PeriodKind, o.PeriodYear, o.PeriodNumber, o.PeriodStart, o.PeriodEnd, o.DueOn, o.ReceiverName, o.Sources.Any()));
        }

        /// <summary>Completeness and timeliness per obligation, computed from the reports' timestamps at <paramref name="nowUtc"/>.</summary>
        public async Task<Dictionary<int, TimelinessSummary>> SummariesAsync(IReadOnlyCollection<int> obligationIds, DateTime nowUtc, CancellationToken cancellationToken)
        {
            var rows = await reports.All().Where(r => obligationIds.Contains(r.ObligationId))
                .Select(r => new { r.ObligationId, r.DueOn, r.FirstSubmittedAt, r.State }).ToListAsync(cancellationToken);
            return rows.GroupBy(r => r.ObligationId).ToDictionary(g => g.Key,
                g => TimelinessSummary.Of(g.Select(r => (TimelinessRules.Of(r.DueOn, r.FirstSubmittedAt, nowUtc), r.State))));
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;
    public Dictionary<int, TimelinessSummary> Summaries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await handler.Rows(Filter).ToPagedListAsync(Filter, cancellationToken: cancellationToken);
        Summaries = await handler.SummariesAsync(Data.Items.Select(r => r.Id).ToList(), clock.GetUtcNow().UtcDateTime, cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.Rows(Filter).ToListAsync(cancellationToken);
        var summaries = await handler.SummariesAsync(rows.Select(r => r.Id).ToList(), clock.GetUtcNow().UtcDateTime, cancellationToken);
        var empty = TimelinessSummary.Of([]);
        await audit.RecordExportAsync("Yêu cầu báo cáo", rows.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Yêu cầu báo cáo", [
            new XlsxColumn<Row>("Yêu cầu báo cáo", r => r.Title, Width: 50),
            new XlsxColumn<Row>("Kỳ", r => r.Period, Width: 18),
            new XlsxColumn<Row>("Hạn gửi", r => r.DueOn, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Nơi nhận", r => r.ReceiverName, Width: 30),
            new XlsxColumn<Row>("Số đơn vị phải báo cáo", r => summaries.GetValueOrDefault(r.Id, empty).Expected, XlsxFormat.Integer, 12),
            new XlsxColumn<Row>("Đã gửi", r => summaries.GetValueOrDefault(r.Id, empty).Submitted, XlsxFormat.Integer, 10),
            new XlsxColumn<Row>("Đúng hạn", r => summaries.GetValueOrDefault(r.Id, empty).OnTime, XlsxFormat.Integer, 10),
            new XlsxColumn<Row>("Trễ hạn", r => summaries.GetValueOrDefault(r.Id, empty).Late, XlsxFormat.Integer, 10),
            new XlsxColumn<Row>("Quá hạn chưa gửi", r => summaries.GetValueOrDefault(r.Id, empty).Missing, XlsxFormat.Integer, 10),
            new XlsxColumn<Row>("Đã duyệt", r => summaries.GetValueOrDefault(r.Id, empty).Approved, XlsxFormat.Integer, 10),
            new XlsxColumn<Row>("Tỷ lệ đầy đủ", r => summaries.GetValueOrDefault(r.Id, empty).Completeness, XlsxFormat.Percent, 12),
            new XlsxColumn<Row>("Tỷ lệ đúng hạn", r => summaries.GetValueOrDefault(r.Id, empty).OnTimeRate, XlsxFormat.Percent, 12),
        ], rows, title: "Yêu cầu báo cáo");
        return book.ToFileResult("yeu-cau-bao-cao.xlsx");
    }
}
