using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs.Vacancies;

/// <summary>Vacancies the caller may see: an enterprise its own, the employment centre and province-wide roles the province's.</summary>
public class Index(Index.Handler handler, OccupationChoices occupations, UnitChoices units, AuditTrail audit) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "q")] public string? Search { get; set; }
        [FromQuery(Name = "nghe")] public int? OccupationId { get; set; }
        [FromQuery(Name = "xa")] public int? CommuneId { get; set; }
        [FromQuery(Name = "con-han")] public bool? OpenOnly { get; set; }

        /// <summary>Vacancies waiting for an action (<see cref="JobWork"/>): "cho-tra-loi".</summary>
        [FromQuery(Name = "viec")] public string? Work { get; set; }
    }

    public sealed record Row(int Id, string Title, string EnterpriseName, string OccupationName, int Quantity, long? WageFrom, long? WageTo,
        string PlaceCommuneName, DateOnly PostedOn, DateOnly Deadline, int Leads);

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IHandler
    {
        public IQueryable<Row> Rows(Query query)
        {
            var vacancies = db.Vacancies.AsNoTracking();
            if (JobWork.Vacancies(db, query.Work, db.Scope.OrganisationId) is { } waiting) vacancies = vacancies.Where(waiting);
            if (query.OccupationId is { } occupationId) vacancies = vacancies.Where(v => v.OccupationId == occupationId);
            if (query.CommuneId is { } communeId) vacancies = vacancies.Where(v => v.PlaceCommuneId == communeId);
            if (query.OpenOnly == true)
            {
                var today = VietnamTime.Today(clock);
                vacancies = vacancies.Where(v => v.Deadline >= today);
            }
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var pattern = TextSearch.ContainsPattern(query.Search);
                vacancies = vacancies.Where(v => EF.Functions.Like(v.SearchText, pattern, "\\") || EF.Functions.Like(v.Enterprise.SearchName, pattern, "\\"));
            }
            return vacancies
                .OrderByDescending(v => v.PostedOn).ThenByDescending(v => v.Id)
                .Select(v => new Row(v.Id, v.Title, v.Enterprise.Name, v.Occupation.Name, v.Quantity, v.WageFrom, v.WageTo, v.PlaceCommune.Name,
                    v.PostedOn, v.Deadline, db.InterestLeads.Count(l => l.VacancyId == v.Id)));
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;
    public List<SelectListItem> Occupations { get; private set; } = [];
    public List<SelectListItem> Communes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await handler.Rows(Filter).ToPagedListAsync(Filter, cancellationToken: cancellationToken);
        Occupations = await occupations.SelectListAsync(cancellationToken);
        Communes = await units.CurrentCommunesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.Rows(Filter).ToListAsync(cancellationToken);
        await audit.RecordExportAsync("Tin tuyển dụng", rows.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Tin tuyển dụng", [
            new XlsxColumn<Row>("Vị trí", r => r.Title, Width: 40),
            new XlsxColumn<Row>("Doanh nghiệp", r => r.EnterpriseName, Width: 36),
            new XlsxColumn<Row>("Nghề", r => r.OccupationName, Width: 30),
            new XlsxColumn<Row>("Số lượng", r => r.Quantity, XlsxFormat.Integer, 10),
            new XlsxColumn<Row>("Lương từ (đ)", r => r.WageFrom, XlsxFormat.Integer, 14),
            new XlsxColumn<Row>("Lương đến (đ)", r => r.WageTo, XlsxFormat.Integer, 14),
            new XlsxColumn<Row>("Nơi làm việc", r => r.PlaceCommuneName, Width: 22),
            new XlsxColumn<Row>("Ngày đăng", r => r.PostedOn, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Hạn nộp", r => r.Deadline, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Người quan tâm", r => r.Leads, XlsxFormat.Integer, 12),
        ], rows, title: "Tin tuyển dụng");
        return book.ToFileResult("tin-tuyen-dung.xlsx");
    }
}
