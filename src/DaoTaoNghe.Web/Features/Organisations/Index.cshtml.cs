using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Organisations;

/// <summary>The bodies of the caller's province: departments, communes' People's Committees, institutions, enterprises.</summary>
public class Index(Index.Handler handler, UnitChoices units, AuditTrail audit) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "q")] public string? Search { get; set; }
        [FromQuery(Name = "loai")] public OrganisationKind? Kind { get; set; }
        [FromQuery(Name = "xa")] public int? UnitId { get; set; }
        [FromQuery(Name = "ca-ngung")] public bool? IncludeInactive { get; set; }
    }

    public sealed record Row(int Id, string Name, string? ShortName, OrganisationKind Kind, string UnitName, string? Phone, bool IsActive);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        public IQueryable<Row> Rows(Query query)
        {
            var provinceId = db.Scope.ProvinceId;
            var organisations = db.Organisations.AsNoTracking().Where(o => o.ProvinceId == provinceId);
            if (query.IncludeInactive != true) organisations = organisations.Where(o => o.IsActive);
            if (query.Kind is { } kind) organisations = organisations.Where(o => o.Kind == kind);
            if (query.UnitId is { } unitId) organisations = organisations.Where(o => o.UnitId == unitId);
            if (!string.IsNullOrWhiteSpace(query.Search))
                organisations = organisations.Where(o => EF.Functions.Like(o.SearchName, TextSearch.ContainsPattern(query.Search), "\\"));
            return organisations
                .OrderBy(o => o.Kind).ThenBy(o => o.Name)
                .Select(o => new Row(o.Id, o.Name, o.ShortName, o.Kind, o.Unit.Name, o.Phone, o.IsActive));
        }

        public Task<PagedList<Row>> PageAsync(Query query, CancellationToken cancellationToken) =>
            Rows(query).ToPagedListAsync(query, cancellationToken: cancellationToken);
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;
    public List<SelectListItem> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await handler.PageAsync(Filter, cancellationToken);
        Units = await units.ProvinceAndCommunesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.Rows(Filter).ToListAsync(cancellationToken);
        await audit.RecordExportAsync("Danh sách cơ quan, đơn vị", rows.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Cơ quan, đơn vị", [
            new XlsxColumn<Row>("Tên", r => r.Name, Width: 50),
            new XlsxColumn<Row>("Tên viết tắt", r => r.ShortName),
            new XlsxColumn<Row>("Loại", r => Fmt.Enum(r.Kind), Width: 26),
            new XlsxColumn<Row>("Địa bàn", r => r.UnitName, Width: 24),
            new XlsxColumn<Row>("Điện thoại", r => r.Phone),
            new XlsxColumn<Row>("Đang hoạt động", r => r.IsActive, Width: 12),
        ], rows, title: "Danh sách cơ quan, đơn vị");
        return book.ToFileResult("co-quan-don-vi.xlsx");
    }
}
