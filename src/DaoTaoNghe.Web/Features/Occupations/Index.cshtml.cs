using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Occupations;

/// <summary>The province's occupation catalogue, searched by code or name without diacritics.</summary>
public class Index(Index.Handler handler, AuditTrail audit) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "q")] public string? Search { get; set; }
        [FromQuery(Name = "nhom")] public OccupationField? Field { get; set; }
        [FromQuery(Name = "nguon")] public OccupationOrigin? Origin { get; set; }
        [FromQuery(Name = "ca-ngung")] public bool? IncludeInactive { get; set; }
    }

    public sealed record Row(int Id, string Code, string Name, OccupationOrigin Origin, OccupationField Field, bool IsActive, int Programmes);

    public sealed class Handler(AppDbContext db, IOccupationProgrammes programmes) : IHandler
    {
        public IQueryable<Row> Rows(Query query)
        {
            var occupations = db.Occupations.AsNoTracking();
            if (query.IncludeInactive != true) occupations = occupations.Where(o => o.IsActive);
            if (query.Field is { } field) occupations = occupations.Where(o => o.Field == field);
            if (query.Origin is { } origin) occupations = occupations.Where(o => o.Origin == origin);
            if (!string.IsNullOrWhiteSpace(query.Search))
                occupations = occupations.Where(o => EF.Functions.Like(o.SearchText, TextSearch.ContainsPattern(query.Search), "\\"));
            return occupations
                .OrderBy(o => o.Name).ThenBy(o => o.Code)
                .Select(o => new Row(o.Id, o.Code, o.Name, o.Origin, o.Field, o.IsActive, 0));
        }

        public async Task<PagedList<Row>> PageAsync(Query query, CancellationToken cancellationToken)
        {
            var page = await Rows(query).ToPagedListAsync(query, cancellationToken: cancellationToken);
            return page with { Items = await WithProgrammesAsync(page.Items, cancellationToken) };
        }

        public async Task<List<Row>> AllAsync(Query query, CancellationToken cancellationToken) =>
            await WithProgrammesAsync(await Rows(query).ToListAsync(cancellationToken), cancellationToken);

        private async Task<List<Row>> WithProgrammesAsync(IReadOnlyList<Row> rows, CancellationToken cancellationToken)
        {
            var counts = await programmes.ActiveCountsAsync(rows.Select(r => r.Id).ToList(), cancellationToken);
            return rows.Select(r => r with { Programmes = counts.GetValueOrDefault(r.Id) }).ToList();
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Data = await handler.PageAsync(Filter, cancellationToken);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.AllAsync(Filter, cancellationToken);
        await audit.RecordExportAsync("Danh mục nghề đào tạo", rows.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Nghề đào tạo", [
            new XlsxColumn<Row>("Mã nghề", r => r.Code, Width: 14),
            new XlsxColumn<Row>("Tên nghề", r => r.Name, Width: 50),
            new XlsxColumn<Row>("Nhóm nghề", r => Fmt.Enum(r.Field), Width: 16),
            new XlsxColumn<Row>("Nguồn", r => Fmt.Enum(r.Origin), Width: 20),
            new XlsxColumn<Row>("Số chương trình đang đào tạo", r => r.Programmes, XlsxFormat.Integer, 14),
            new XlsxColumn<Row>("Đang sử dụng", r => r.IsActive, Width: 12),
        ], rows, title: "Danh mục nghề đào tạo");
        return book.ToFileResult("danh-muc-nghe.xlsx");
    }
}
