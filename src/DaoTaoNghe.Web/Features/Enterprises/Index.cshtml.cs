using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Enterprises;

/// <summary>The province's enterprises and cooperatives, searched by name (without diacritics) or tax code.</summary>
public class Index(Index.Handler handler, UnitChoices units, AuditTrail audit) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "q")] public string? Search { get; set; }
        [FromQuery(Name = "xa")] public int? UnitId { get; set; }
        [FromQuery(Name = "nganh")] public EnterpriseSector? Sector { get; set; }
        [FromQuery(Name = "quy-mo")] public EnterpriseSize? Size { get; set; }
        [FromQuery(Name = "loai")] public EnterpriseForm? Form { get; set; }
        [FromQuery(Name = "ca-ngung")] public bool? IncludeInactive { get; set; }
    }

    public sealed record Row(int Id, string Name, string? TaxCode, EnterpriseForm? Form, EnterpriseSector? Sector, EnterpriseSize? Size,
        int? Employees, string UnitName, string? Phone, bool IsActive);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        public IQueryable<Row> Rows(Query query)
        {
            var provinceId = db.Scope.ProvinceId;
            var enterprises =
                from o in OrganisationDirectory.Visible(db).AsNoTracking()
                where o.Kind == OrganisationKind.Enterprise && o.ProvinceId == provinceId
                join p in db.EnterpriseProfiles.AsNoTracking() on o.Id equals p.OrganisationId into profiles
                from p in profiles.DefaultIfEmpty()
                select new { Organisation = o, Profile = p };
            if (query.IncludeInactive != true) enterprises = enterprises.Where(e => e.Organisation.IsActive);
            if (query.UnitId is { } unitId) enterprises = enterprises.Where(e => e.Organisation.UnitId == unitId);
            if (query.Sector is { } sector) enterprises = enterprises.Where(e => e.Profile != null && e.Profile.Sector == sector);
            if (query.Size is { } size) enterprises = enterprises.Where(e => e.Profile != null && e.Profile.Size == size);
            if (query.Form is { } form) enterprises = enterprises.Where(e => e.Profile != null && e.Profile.Form == form);
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var pattern = TextSearch.ContainsPattern(query.Search);
                enterprises = enterprises.Where(e => EF.Functions.Like(e.Organisation.SearchName, pattern, "\\")
                                                     || (e.Profile != null && EF.Functions.Like(e.Profile.TaxCode, pattern, "\\")));
            }
            return enterprises
                .OrderBy(e => e.Organisation.Name)
                .Select(e => new Row(e.Organisation.Id, e.Organisation.Name, e.Profile != null ? e.Profile.TaxCode : null,
                    e.Profile != null ? e.Profile.Form : null, e.Profile != null ? e.Profile.Sector : null, e.Profile != null ? e.Profile.Size : null,
                    e.Profile != null ? e.Profile.Employees : null, e.Organisation.Unit.Name, e.Organisation.Phone, e.Organisation.IsActive));
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
        await audit.RecordExportAsync("Danh sách doanh nghiệp, hợp tác xã", rows.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Doanh nghiệp", [
            new XlsxColumn<Row>("Tên doanh nghiệp, hợp tác xã", r => r.Name, Width: 45),
            new XlsxColumn<Row>("Mã số thuế", r => r.TaxCode, Width: 16),
            new XlsxColumn<Row>("Loại hình", r => r.Form is { } f ? Fmt.Enum(f) : null, Width: 20),
            new XlsxColumn<Row>("Ngành, lĩnh vực", r => r.Sector is { } s ? Fmt.Enum(s) : null, Width: 32),
            new XlsxColumn<Row>("Quy mô", r => r.Size is { } z ? Fmt.Enum(z) : null, Width: 10),
            new XlsxColumn<Row>("Số lao động", r => r.Employees, XlsxFormat.Integer, 12),
            new XlsxColumn<Row>("Xã, phường", r => r.UnitName, Width: 20),
            new XlsxColumn<Row>("Điện thoại", r => r.Phone, Width: 14),
            new XlsxColumn<Row>("Đang hoạt động", r => r.IsActive, Width: 12),
        ], rows, title: "Danh sách doanh nghiệp, hợp tác xã");
        return book.ToFileResult("doanh-nghiep.xlsx");
    }
}
