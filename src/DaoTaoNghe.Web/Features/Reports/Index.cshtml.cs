using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Plans;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Reports;

/// <summary>
/// Reports the caller works with: a body's own reports (to draft and send), or every report of the
/// province for province-wide roles, the standing agency reviewing them first.
/// </summary>
public class Index(Index.Handler handler, PlanChoices choices, AuditTrail audit, TimeProvider clock) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "q")] public string? Search { get; set; }
        [FromQuery(Name = "nam")] public int? Year { get; set; }
        [FromQuery(Name = "yeu-cau")] public int? ObligationId { get; set; }
        [FromQuery(Name = "don-vi")] public int? OrganisationId { get; set; }
        [FromQuery(Name = "trang-thai")] public ReportState? State { get; set; }

        /// <summary>Only reports not yet sent whose deadline has passed: the late units.</summary>
        [FromQuery(Name = "qua-han")] public bool? Late { get; set; }
    }

    public sealed class Handler(AppDbContext db, ReportRows reports, TimeProvider clock) : IHandler
    {
        public IQueryable<ReportRow> Rows(Query query)
        {
            var rows = reports.All();
            if (query.Year is { } year) rows = rows.Where(r => r.PeriodYear == year);
            if (query.ObligationId is { } obligationId) rows = rows.Where(r => r.ObligationId == obligationId);
            if (query.OrganisationId is { } organisationId) rows = rows.Where(r => r.OrganisationId == organisationId);
            if (query.State is { } state) rows = rows.Where(r => r.State == state);
            if (query.Late == true)
            {
                var today = VietnamTime.Today(clock);
                rows = rows.Where(r => r.State == ReportState.Draft && r.DueOn < today);
            }
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var pattern = TextSearch.ContainsPattern(query.Search);
                var organisations = OrganisationDirectory.Visible(db).Where(o => EF.Functions.Like(o.SearchName, pattern, "\\")).Select(o => o.Id);
                var obligations = db.ReportingObligations.Where(o => EF.Functions.Like(o.SearchText, pattern, "\\")).Select(o => o.Id);
                rows = rows.Where(r => organisations.Contains(r.OrganisationId) || obligations.Contains(r.ObligationId));
            }
            return rows
                .OrderBy(r => r.State == ReportState.Submitted ? 0 : r.State == ReportState.Returned ? 1 : r.State == ReportState.Draft ? 2 : 3)
                .ThenByDescending(r => r.DueOn).ThenBy(r => r.OrganisationName);
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<ReportRow> Data { get; private set; } = null!;
    public List<SelectListItem> Organisations { get; private set; } = [];
    public DateTime Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Data = await handler.Rows(Filter).ToPagedListAsync(Filter, cancellationToken: cancellationToken);
        Organisations = await choices.OrganisationsAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await handler.Rows(Filter).ToListAsync(cancellationToken);
        await audit.RecordExportAsync("Báo cáo định kỳ", rows.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Báo cáo", ReportExports.Columns(now), rows, title: "Báo cáo định kỳ");
        return book.ToFileResult("bao-cao.xlsx");
    }
}

/// <summary>The columns every list of reports exports with.</summary>
public static class ReportExports
{
    public static IReadOnlyList<XlsxColumn<ReportRow>> Columns(DateTime nowUtc) =>
    [
        new("Yêu cầu báo cáo", r => r.ObligationTitle, Width: 50),
        new("Kỳ", r => r.Period, Width: 18),
        new("Đơn vị báo cáo", r => r.OrganisationName, Width: 40),
        new("Hạn gửi", r => r.DueOn, XlsxFormat.Date, 12),
        new("Trạng thái", r => Fmt.Enum(r.State), Width: 18),
        new("Gửi lần đầu", r => r.FirstSubmittedAt is { } at ? VietnamTime.ToLocal(at) : null, XlsxFormat.DateTime, 17),
        new("Đúng hạn", r => Fmt.Enum(r.TimelinessAt(nowUtc)), Width: 16),
        new("Ngày duyệt", r => r.ApprovedAt is { } at ? VietnamTime.ToLocal(at) : null, XlsxFormat.DateTime, 17),
    ];
}
