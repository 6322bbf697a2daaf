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

namespace DaoTaoNghe.Features.Institutions;

/// <summary>The province's training institutions, with what their licences say; those not yet profiled show as such.</summary>
public class Index(Index.Handler handler, UnitChoices units, AuditTrail audit) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "q")] public string? Search { get; set; }
        [FromQuery(Name = "loai")] public InstitutionType? Type { get; set; }
        [FromQuery(Name = "xa")] public int? UnitId { get; set; }
        [FromQuery(Name = "ca-ngung")] public bool? IncludeInactive { get; set; }
    }

    public sealed record Row(
        int Id, string Name, InstitutionType? Type, string UnitName, string? Phone, string? LicenceNumber, DateOnly? LicensedOn,
        int? Capacity, int Programmes, bool IsActive);

    public sealed class Handler(AppDbContext db, IInstitutionProgrammes programmes) : IHandler
    {
        public IQueryable<Row> Rows(Query query)
        {
            var provinceId = db.Scope.ProvinceId;
            var institutions =
                from o in OrganisationDirectory.Visible(db).AsNoTracking()
                where o.Kind == OrganisationKind.TrainingInstitution && o.ProvinceId == provinceId
                join p in db.InstitutionProfiles.AsNoTracking() on o.Id equals p.OrganisationId into profiles
                from p in profiles.DefaultIfEmpty()
                select new { Organisation = o, Profile = p };
            if (query.IncludeInactive != true) institutions = institutions.Where(i => i.Organisation.IsActive);
            if (query.Type is { } type) institutions = institutions.Where(i => i.Profile != null && i.Profile.Type == type);
            if (query.UnitId is { } unitId) institutions = institutions.Where(i => i.Organisation.UnitId == unitId);
            if (!string.IsNullOrWhiteSpace(query.Search))
                institutions = institutions.Where(i => EF.Functions.Like(i.Organisation.SearchName, TextSearch.ContainsPattern(query.Search), "\\"));
            return institutions
                // Public schools first, as the province lists them; enums are stored by name, so rank them here.
                .OrderBy(i => i.Profile == null ? 9
                    : i.Profile.Type == InstitutionType.College ? 1
                    : i.Profile.Type == InstitutionType.IntermediateSchool ? 2
                    : i.Profile.Type == InstitutionType.VocationalContinuingCentre ? 3 : 4)
                .ThenBy(i => i.Organisation.Name)
                .Select(i => new Row(i.Organisation.Id, i.Organisation.Name, i.Profile != null ? i.Profile.Type : null, i.Organisation.Unit.Name,
                    i.Organisation.Phone, i.Profile != null ? i.Profile.LicenceNumber : null, i.Profile != null ? i.Profile.LicensedOn : null,
                    i.Profile != null ? i.Profile.Capacity : null, 0, i.Organisation.IsActive));
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
    public List<SelectListItem> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await handler.PageAsync(Filter, cancellationToken);
        Units = await units.ProvinceAndCommunesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.AllAsync(Filter, cancellationToken);
        await audit.RecordExportAsync("Danh sách cơ sở đào tạo", rows.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Cơ sở đào tạo", [
            new XlsxColumn<Row>("Tên cơ sở", r => r.Name, Width: 50),
            new XlsxColumn<Row>("Loại hình", r => r.Type is { } t ? Fmt.Enum(t) : "Chưa có hồ sơ", Width: 28),
            new XlsxColumn<Row>("Địa bàn", r => r.UnitName, Width: 22),
            new XlsxColumn<Row>("Điện thoại", r => r.Phone),
            new XlsxColumn<Row>("Số giấy chứng nhận", r => r.LicenceNumber, Width: 22),
            new XlsxColumn<Row>("Ngày cấp", r => r.LicensedOn, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Quy mô (người/năm)", r => r.Capacity, XlsxFormat.Integer, 14),
            new XlsxColumn<Row>("Chương trình đang đào tạo", r => r.Programmes, XlsxFormat.Integer, 14),
            new XlsxColumn<Row>("Đang hoạt động", r => r.IsActive, Width: 12),
        ], rows, title: "Danh sách cơ sở đào tạo nghề");
        return book.ToFileResult("co-so-dao-tao.xlsx");
    }
}
