using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Reports;

/// <summary>One reporting body over time: every report it owed, whether it came on time, and its rate year by year.</summary>
public class Unit(Unit.Handler handler, AuditTrail audit) : PageModel
{
    public sealed record YearLine(int Year, TimelinessSummary Summary);

    public sealed record Result(string OrganisationName, IReadOnlyList<ReportRow> Reports, IReadOnlyList<YearLine> Years, DateTime Now);

    public sealed class Handler(ReportRows reports, AppDbContext db, TimeProvider clock) : IHandler
    {
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var scope = db.Scope;
            if (!scope.SeesWholeProvince && id != scope.OrganisationId)
                throw new NotFoundException("Không tìm thấy đơn vị hoặc bạn không có quyền xem.");
            var name = await OrganisationDirectory.Visible(db).AsNoTracking().Where(o => o.Id == id && o.ProvinceId == scope.ProvinceId)
                .Select(o => o.Name).SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Không tìm thấy đơn vị.");
            var rows = await reports.All().Where(r => r.OrganisationId == id).OrderByDescending(r => r.DueOn).ToListAsync(cancellationToken);
            var years = rows.GroupBy(r => r.PeriodYear).OrderByDescending(g => g.Key)
                .Select(g => new YearLine(g.Key, TimelinessSummary.Of(g.Select(r => (r.TimelinessAt(now), r.State))))).ToList();
            return new Result(name, rows, years, now);
        }
    }

    public string OrganisationName { get; private set; } = "";
    public IReadOnlyList<ReportRow> Reports { get; private set; } = [];
    public IReadOnlyList<YearLine> Years { get; private set; } = [];
    public DateTime Now { get; private set; }

    public async Task OnGetAsync(int id, CancellationToken cancellationToken) => await LoadAsync(id, cancellationToken);

    private async Task LoadAsync(int id, CancellationToken cancellationToken) =>
        (OrganisationName, Reports, Years, Now) = await handler.HandleAsync(id, cancellationToken);

    public async Task<IActionResult> OnGetExportAsync(int id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        await audit.RecordExportAsync("Báo cáo của " + OrganisationName, Reports.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Báo cáo", ReportExports.Columns(Now), Reports, title: "Báo cáo của " + OrganisationName);
        return book.ToFileResult($"bao-cao-don-vi-{id}.xlsx");
    }
}
