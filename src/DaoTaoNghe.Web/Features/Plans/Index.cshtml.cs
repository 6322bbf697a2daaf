using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Plans;

/// <summary>The province's plans, newest first, with what each replaced and is replaced by.</summary>
public class Index(Index.Handler handler, AuditTrail audit) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "q")] public string? Search { get; set; }
        [FromQuery(Name = "nam")] public int? Year { get; set; }
    }

    public sealed record Row(int Id, string? Number, DateOnly IssuedOn, string Title, string? IssuedBy,
        int? ReplacesId, string? ReplacesNumber, int? ReplacedById, string? ReplacedByNumber, int Tasks);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        public IQueryable<Row> Rows(Query query)
        {
            var plans = db.Plans.AsNoTracking();
            if (query.Year is { } year) plans = plans.Where(p => p.IssuedOn >= new DateOnly(year, 1, 1) && p.IssuedOn <= new DateOnly(year, 12, 31));
            if (!string.IsNullOrWhiteSpace(query.Search))
                plans = plans.Where(p => EF.Functions.Like(p.SearchText, TextSearch.ContainsPattern(query.Search), "\\"));
            return plans
                .OrderByDescending(p => p.IssuedOn).ThenByDescending(p => p.Id)
                .Select(p => new Row(p.Id, p.Number, p.IssuedOn, p.Title, p.IssuedBy != null ? p.IssuedBy.Name : null,
                    p.ReplacesId, p.Replaces != null ? p.Replaces.Number : null,
                    db.Plans.Where(n => n.ReplacesId == p.Id).Select(n => (int?)n.Id).FirstOrDefault(),
                    db.Plans.Where(n => n.ReplacesId == p.Id).Select(n => n.Number).FirstOrDefault(),
                    db.PlanTasks.Count(t => t.PlanId == p.Id)));
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Data = await handler.Rows(Filter).ToPagedListAsync(Filter, cancellationToken: cancellationToken);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.Rows(Filter).ToListAsync(cancellationToken);
        await audit.RecordExportAsync("Danh sách kế hoạch", rows.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Kế hoạch", [
            new XlsxColumn<Row>("Số, ký hiệu", r => r.Number),
            new XlsxColumn<Row>("Ngày ban hành", r => r.IssuedOn, XlsxFormat.Date, 14),
            new XlsxColumn<Row>("Trích yếu", r => r.Title, Width: 70),
            new XlsxColumn<Row>("Cơ quan ban hành", r => r.IssuedBy, Width: 30),
            new XlsxColumn<Row>("Thay thế", r => r.ReplacesNumber),
            new XlsxColumn<Row>("Được thay thế bởi", r => r.ReplacedByNumber),
            new XlsxColumn<Row>("Số nhiệm vụ", r => r.Tasks, XlsxFormat.Integer, 12),
        ], rows, title: "Kế hoạch về đào tạo nghề cho lao động nông thôn");
        return book.ToFileResult("ke-hoach.xlsx");
    }
}
