using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Institutions;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Partnerships;

/// <summary>Partnership agreements the caller may see: all of the province, or those their enterprise or institution is party to.</summary>
[Authorize(Policy = PartnershipPolicies.Read)]
public class Index(Index.Handler handler, InstitutionChoices institutions, OccupationChoices occupations, AuditTrail audit) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "q")] public string? Search { get; set; }
        [FromQuery(Name = "doanh-nghiep")] public int? EnterpriseId { get; set; }
        [FromQuery(Name = "co-so")] public int? InstitutionId { get; set; }
        [FromQuery(Name = "nghe")] public int? OccupationId { get; set; }
        [FromQuery(Name = "hieu-luc")] public bool? InForceOnly { get; set; }
    }

    public sealed record Row(int Id, string EnterpriseName, string InstitutionName, string OccupationName, DateOnly StartsOn, DateOnly? EndsOn,
        int? PracticePlaces, bool ProvidesTrainers, int? HiringCommitment, bool InForce);

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IHandler
    {
        public IQueryable<Row> Rows(Query query)
        {
            var today = VietnamTime.Today(clock);
            var partnerships = db.Partnerships.AsNoTracking();
            if (query.EnterpriseId is { } enterpriseId) partnerships = partnerships.Where(p => p.EnterpriseId == enterpriseId);
            if (query.InstitutionId is { } institutionId) partnerships = partnerships.Where(p => p.InstitutionId == institutionId);
            if (query.OccupationId is { } occupationId) partnerships = partnerships.Where(p => p.OccupationId == occupationId);
            if (query.InForceOnly == true)
                partnerships = partnerships.Where(p => p.IsActive && p.StartsOn <= today && (p.EndsOn == null || p.EndsOn >= today));
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var pattern = TextSearch.ContainsPattern(query.Search);
                partnerships = partnerships.Where(p => EF.Functions.Like(p.Enterprise.SearchName, pattern, "\\")
                                                       || EF.Functions.Like(p.Institution.SearchName, pattern, "\\")
                                                       || EF.Functions.Like(p.Occupation.SearchText, pattern, "\\"));
            }
            return partnerships
                .OrderByDescending(p => p.StartsOn).ThenByDescending(p => p.Id)
                .Select(p => new Row(p.Id, p.Enterprise.Name, p.Institution.Name, p.Occupation.Name, p.StartsOn, p.EndsOn, p.PracticePlaces,
                    p.ProvidesTrainers, p.HiringCommitment, p.IsActive && p.StartsOn <= today && (p.EndsOn == null || p.EndsOn >= today)));
        }

        public Task<PagedList<Row>> PageAsync(Query query, CancellationToken cancellationToken) =>
            Rows(query).ToPagedListAsync(query, cancellationToken: cancellationToken);
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;
    public List<SelectListItem> Institutions { get; private set; } = [];
    public List<SelectListItem> Occupations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await handler.PageAsync(Filter, cancellationToken);
        Institutions = await institutions.SelectListAsync(cancellationToken);
        Occupations = await occupations.SelectListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.Rows(Filter).ToListAsync(cancellationToken);
        await audit.RecordExportAsync("Danh sách thỏa thuận liên kết đào tạo", rows.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Liên kết", [
            new XlsxColumn<Row>("Doanh nghiệp", r => r.EnterpriseName, Width: 40),
            new XlsxColumn<Row>("Cơ sở đào tạo", r => r.InstitutionName, Width: 40),
            new XlsxColumn<Row>("Nghề", r => r.OccupationName, Width: 32),
            new XlsxColumn<Row>("Từ ngày", r => r.StartsOn, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Đến ngày", r => r.EndsOn, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Chỗ thực hành/năm", r => r.PracticePlaces, XlsxFormat.Integer, 12),
            new XlsxColumn<Row>("Cử người dạy", r => r.ProvidesTrainers, Width: 10),
            new XlsxColumn<Row>("Cam kết tuyển (người)", r => r.HiringCommitment, XlsxFormat.Integer, 12),
            new XlsxColumn<Row>("Còn hiệu lực", r => r.InForce, Width: 10),
        ], rows, title: "Thỏa thuận liên kết đào tạo giữa doanh nghiệp và cơ sở đào tạo");
        return book.ToFileResult("lien-ket-doanh-nghiep.xlsx");
    }
}
