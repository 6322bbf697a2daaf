using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs.Demand;

/// <summary>Labour-demand returns the caller may see: an enterprise its own, the employment centre and province-wide roles all.</summary>
public class Index(Index.Handler handler, OccupationChoices occupations, AuditTrail audit) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "nam")] public int? Year { get; set; }
        [FromQuery(Name = "nghe")] public int? OccupationId { get; set; }
        [FromQuery(Name = "trinh-do")] public TrainingLevel? Level { get; set; }
    }

    public sealed record Row(int Id, string EnterpriseName, string OccupationName, TrainingLevel Level, int Workers, string PlaceCommuneName, DateOnly NeededFrom, string? Notes);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        private IQueryable<LabourDemand> Filtered(Query query)
        {
            var demands = db.LabourDemands.AsNoTracking();
            if (query.Year is { } year) demands = demands.Where(d => d.NeededFrom >= new DateOnly(year, 1, 1) && d.NeededFrom <= new DateOnly(year, 12, 31));
            if (query.OccupationId is { } occupationId) demands = demands.Where(d => d.OccupationId == occupationId);
            if (query.Level is { } level) demands = demands.Where(d => d.Level == level);
            return demands;
        }

        public IQueryable<Row> Rows(Query query) =>
            Filtered(query)
                .OrderByDescending(d => d.NeededFrom).ThenBy(d => d.Enterprise.Name).ThenBy(d => d.Id)
                .Select(d => new Row(d.Id, d.Enterprise.Name, d.Occupation.Name, d.Level, d.Workers, d.PlaceCommune.Name, d.NeededFrom, d.Notes));

        public Task<int> WorkersAsync(Query query, CancellationToken cancellationToken) => Filtered(query).SumAsync(d => d.Workers, cancellationToken);
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;
    public int Workers { get; private set; }
    public List<SelectListItem> Occupations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await handler.Rows(Filter).ToPagedListAsync(Filter, cancellationToken: cancellationToken);
        Workers = await handler.WorkersAsync(Filter, cancellationToken);
        Occupations = await occupations.SelectListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.Rows(Filter).ToListAsync(cancellationToken);
        await audit.RecordExportAsync("Nhu cầu tuyển dụng", rows.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Nhu cầu", [
            new XlsxColumn<Row>("Doanh nghiệp", r => r.EnterpriseName, Width: 36),
            new XlsxColumn<Row>("Nghề", r => r.OccupationName, Width: 30),
            new XlsxColumn<Row>("Trình độ", r => Fmt.Enum(r.Level), Width: 18),
            new XlsxColumn<Row>("Số lao động", r => r.Workers, XlsxFormat.Integer, 12),
            new XlsxColumn<Row>("Nơi làm việc", r => r.PlaceCommuneName, Width: 22),
            new XlsxColumn<Row>("Cần từ ngày", r => r.NeededFrom, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Ghi chú", r => r.Notes, Width: 40),
        ], rows, title: "Nhu cầu tuyển dụng lao động của doanh nghiệp");
        return book.ToFileResult("nhu-cau-tuyen-dung.xlsx");
    }
}
