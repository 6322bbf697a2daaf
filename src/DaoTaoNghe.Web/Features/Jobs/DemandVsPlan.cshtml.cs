using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Occupations;
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

namespace DaoTaoNghe.Features.Jobs;

/// <summary>
/// Per occupation, the workers enterprises said they need from a year beside the places the year's
/// training orders buy (their quotas, read through the courses area's named query).
/// </summary>
[Authorize(Policy = JobPolicies.ReadDemandVsPlan)]
public class DemandVsPlan(DemandVsPlan.Handler handler, AuditTrail audit, TimeProvider clock) : PageModel
{

    public sealed record Row(int OccupationId, string OccupationName, int Demanded, int Planned)
    {
        public int Gap => Demanded - Planned;
    }

    public sealed class Handler(AppDbContext db, TrainingFacts facts) : IHandler
    {
        public async Task<List<Row>> HandleAsync(int year, CancellationToken cancellationToken = default)
        {
            var from = new DateOnly(year, 1, 1);
            var to = new DateOnly(year, 12, 31);
            var demanded = await db.LabourDemands.AsNoTracking().Where(d => d.NeededFrom >= from && d.NeededFrom <= to)
                .GroupBy(d => d.OccupationId).Select(g => new { OccupationId = g.Key, Workers = g.Sum(d => d.Workers) })
                .ToDictionaryAsync(g => g.OccupationId, g => g.Workers, cancellationToken);
            var planned = await facts.OrderBudgets(year).GroupBy(o => o.OccupationId).Select(g => new { OccupationId = g.Key, Quota = g.Sum(o => o.Quota) })
                .ToDictionaryAsync(g => g.OccupationId, g => g.Quota, cancellationToken);
            var ids = demanded.Keys.Union(planned.Keys).ToList();
            var names = await OccupationDirectory.Visible(db).AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
            return ids.Select(id => new Row(id, names.GetValueOrDefault(id, ""), demanded.GetValueOrDefault(id), planned.GetValueOrDefault(id)))
                .OrderByDescending(r => r.Gap).ThenBy(r => r.OccupationName).ToList();
        }
    }

    [BindProperty(SupportsGet = true, Name = "nam")]
    public int? Year { get; set; }

    public int ShownYear => Year ?? VietnamTime.Today(clock).Year + 1;

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Rows = await handler.HandleAsync(ShownYear, cancellationToken);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.HandleAsync(ShownYear, cancellationToken);
        await audit.RecordExportAsync("Nhu cầu tuyển dụng so với kế hoạch đào tạo", rows.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Nhu cầu - kế hoạch", [
            new XlsxColumn<Row>("Nghề", r => r.OccupationName, Width: 36),
            new XlsxColumn<Row>("Doanh nghiệp cần (người)", r => r.Demanded, XlsxFormat.Integer, 16),
            new XlsxColumn<Row>("Đặt hàng đào tạo (người)", r => r.Planned, XlsxFormat.Integer, 16),
            new XlsxColumn<Row>("Chênh lệch", r => r.Gap, XlsxFormat.Integer, 12),
        ], rows, title: $"Nhu cầu tuyển dụng so với kế hoạch đào tạo năm {ShownYear}");
        return book.ToFileResult($"nhu-cau-so-voi-ke-hoach-{ShownYear}.xlsx");
    }
}
