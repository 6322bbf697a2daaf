using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Reports.Obligations;

/// <summary>One obligation: who must report, who has, on time or late, and who has not.</summary>
[Authorize(Policy = CommonPolicies.ReadProvince)]
public class Details(Details.Handler handler, AuditTrail audit, TimeProvider clock) : PageModel
{
    public sealed record Result(int Id, string Title, string TemplateName, string Period, DateOnly PeriodStart, DateOnly PeriodEnd, DateOnly DueOn,
        string ReceiverName, int? PlanId, string? PlanNumber, int RemindDaysBefore, int RemindDaysAfter, IReadOnlyList<(int Id, string Title)> Sources,
        IReadOnlyList<ReportRow> Reports);

    public sealed class Handler(AppDbContext db, ReportRows reports) : IHandler
    {
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default)
        {
            var o = await db.ReportingObligations.AsNoTracking().Where(o => o.Id == id)
                .Select(o => new
                {
                    o.Id, o.Title, o.TemplateCode, o.PeriodKind, o.PeriodYear, o.PeriodNumber, o.PeriodStart, o.PeriodEnd, o.DueOn, o.ReceiverName,
                    o.PlanId, PlanNumber = o.Plan != null ? o.Plan.Number ?? "Kế hoạch chưa ghi số" : null, o.RemindDaysBefore, o.RemindDaysAfter,
                    Sources = o.Sources.Select(s => new { s.SourceId, s.Source.Title }).ToList(),
                })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Không tìm thấy yêu cầu báo cáo.");
            var rows = await reports.All().Where(r => r.ObligationId == id).OrderBy(r => r.OrganisationKind).ThenBy(r => r.OrganisationName)
                .ToListAsync(cancellationToken);
            return new Result(o.Id, o.Title, ReportTemplates.Find(o.TemplateCode)?.Name ?? o.TemplateCode,
                ReportPeriods.Label(o.PeriodKind, o.PeriodYear, o.PeriodNumber, o.PeriodStart, o.PeriodEnd), o.PeriodStart, o.PeriodEnd, o.DueOn,
                o.ReceiverName, o.PlanId, o.PlanNumber, o.RemindDaysBefore, o.RemindDaysAfter,
                o.Sources.Select(s => (s.SourceId, s.Title)).ToList(), rows);
        }
    }

    [BindProperty(SupportsGet = true, Name = "dung-han")]
    public Timeliness? TimelinessFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }

    public Result Data { get; private set; } = null!;
    public TimelinessSummary Summary { get; private set; } = null!;
    public PagedList<ReportRow> Reports { get; private set; } = null!;
    public DateTime Now { get; private set; }

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Data = await handler.HandleAsync(id, cancellationToken);
        Summary = TimelinessSummary.Of(Data.Reports.Select(r => (r.TimelinessAt(Now), r.State)));
        var rows = Filtered().ToList();
        var size = 100;
        var number = Math.Clamp(PageNumber ?? 1, 1, Math.Max(1, (rows.Count + size - 1) / size));
        Reports = new PagedList<ReportRow>(rows.Skip((number - 1) * size).Take(size).ToList(), number, size, rows.Count);
    }

    private IEnumerable<ReportRow> Filtered() =>
        TimelinessFilter is { } t ? Data.Reports.Where(r => r.TimelinessAt(Now) == t) : Data.Reports;

    public async Task<IActionResult> OnGetExportAsync(int id, CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Data = await handler.HandleAsync(id, cancellationToken);
        var rows = Filtered().ToList();
        await audit.RecordExportAsync("Tình hình nộp báo cáo: " + Data.Title, rows.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Đơn vị báo cáo", ReportExports.Columns(Now), rows, title: $"{Data.Title} – hạn {Fmt.Date(Data.DueOn)}");
        return book.ToFileResult($"yeu-cau-bao-cao-{id}.xlsx");
    }
}
