using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Reports;

/// <summary>
/// The province at a glance for a year: per obligation how many reports came in, on time or late,
/// and which are missing; then every reporting body against every obligation, so who is late or
/// silent stands out. All computed from timestamps now, none of it declared by anyone.
/// </summary>
[Authorize(Policy = CommonPolicies.ReadProvince)]
public class Overview(ReportRows reports, AppDbContext db, AuditTrail audit, TimeProvider clock) : PageModel
{
    public sealed record Column(int Id, string Title, string Period, DateOnly DueOn, TimelinessSummary Summary);

    public sealed record Line(int OrganisationId, string OrganisationName, IReadOnlyDictionary<int, ReportRow> Reports, TimelinessSummary Summary);

    [BindProperty(SupportsGet = true, Name = "nam")]
    public int? Year { get; set; }

    public int ShownYear { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<Column> Columns { get; private set; } = [];
    public IReadOnlyList<Line> Lines { get; private set; } = [];
    public TimelinessSummary Total { get; private set; } = TimelinessSummary.Of([]);
    public DateTime Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Years = await db.ReportingObligations.AsNoTracking().Select(o => o.PeriodYear).Distinct().OrderByDescending(y => y).ToListAsync(cancellationToken);
        ShownYear = Year ?? (Years.Contains(VietnamTime.Today(clock).Year) ? VietnamTime.Today(clock).Year : Years.FirstOrDefault(VietnamTime.Today(clock).Year));
        var rows = await reports.All().Where(r => r.PeriodYear == ShownYear).ToListAsync(cancellationToken);
        Columns = rows.GroupBy(r => r.ObligationId)
            .Select(g => new Column(g.Key, g.First().ObligationTitle, g.First().Period, g.First().DueOn,
                TimelinessSummary.Of(g.Select(r => (r.TimelinessAt(Now), r.State)))))
            .OrderBy(c => c.DueOn).ThenBy(c => c.Id).ToList();
        Lines = rows.GroupBy(r => r.OrganisationId)
            .Select(g => new Line(g.Key, g.First().OrganisationName, g.ToDictionary(r => r.ObligationId),
                TimelinessSummary.Of(g.Select(r => (r.TimelinessAt(Now), r.State)))))
            .OrderByDescending(l => l.Summary.Missing).ThenByDescending(l => l.Summary.Late).ThenBy(l => l.OrganisationName).ToList();
        Total = TimelinessSummary.Of(rows.Select(r => (r.TimelinessAt(Now), r.State)));
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        await audit.RecordExportAsync($"Tình hình nộp báo cáo năm {ShownYear}", Lines.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Theo yêu cầu", [
            new XlsxColumn<Column>("Yêu cầu báo cáo", c => c.Title, Width: 50),
            new XlsxColumn<Column>("Kỳ", c => c.Period, Width: 18),
            new XlsxColumn<Column>("Hạn gửi", c => c.DueOn, XlsxFormat.Date, 12),
            new XlsxColumn<Column>("Phải gửi", c => c.Summary.Expected, XlsxFormat.Integer, 10),
            new XlsxColumn<Column>("Đã gửi", c => c.Summary.Submitted, XlsxFormat.Integer, 10),
            new XlsxColumn<Column>("Đúng hạn", c => c.Summary.OnTime, XlsxFormat.Integer, 10),
            new XlsxColumn<Column>("Trễ hạn", c => c.Summary.Late, XlsxFormat.Integer, 10),
            new XlsxColumn<Column>("Quá hạn chưa gửi", c => c.Summary.Missing, XlsxFormat.Integer, 10),
            new XlsxColumn<Column>("Đã duyệt", c => c.Summary.Approved, XlsxFormat.Integer, 10),
            new XlsxColumn<Column>("Tỷ lệ đầy đủ", c => c.Summary.Completeness, XlsxFormat.Percent, 12),
            new XlsxColumn<Column>("Tỷ lệ đúng hạn", c => c.Summary.OnTimeRate, XlsxFormat.Percent, 12),
        ], Columns, title: $"Tình hình nộp báo cáo năm {ShownYear}");
        var columns = new List<XlsxColumn<Line>> { new("Đơn vị báo cáo", l => l.OrganisationName, Width: 44) };
        columns.AddRange(Columns.Select(c => new XlsxColumn<Line>($"{c.Title} (hạn {Fmt.Date(c.DueOn)})",
            l => l.Reports.TryGetValue(c.Id, out var r) ? Fmt.Enum(r.TimelinessAt(Now)) : "", Width: 24)));
        columns.Add(new("Tỷ lệ đúng hạn", l => l.Summary.OnTimeRate, XlsxFormat.Percent, 12));
        book.AddSheet("Theo đơn vị", columns, Lines, title: $"Đơn vị báo cáo năm {ShownYear}");
        return book.ToFileResult($"tinh-hinh-nop-bao-cao-{ShownYear}.xlsx");
    }
}
