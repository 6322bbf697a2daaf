using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Institutions;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Trainers;

/// <summary>Trainers the caller may see: the province's for province-wide roles, their own and visiting ones for an institution.</summary>
[Authorize(Policy = TrainerPolicies.Read)]
public class Index(Index.Handler handler, InstitutionChoices institutions, OccupationChoices occupations, AuditTrail audit) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "q")] public string? Search { get; set; }
        [FromQuery(Name = "co-so")] public int? InstitutionId { get; set; }
        [FromQuery(Name = "loai")] public TrainerKind? Kind { get; set; }
        [FromQuery(Name = "nghe")] public int? OccupationId { get; set; }
        [FromQuery(Name = "ca-ngung")] public bool? IncludeInactive { get; set; }
    }

    public sealed record Row(int Id, string FullName, int? BirthYear, TrainerKind Kind, string? Qualification, string? Phone,
        string InstitutionName, List<string> Occupations, bool IsActive);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        public IQueryable<Row> Rows(Query query)
        {
            var trainers = db.Trainers.AsNoTracking();
            if (query.IncludeInactive != true) trainers = trainers.Where(t => t.IsActive);
            if (query.InstitutionId is { } institutionId)
                trainers = trainers.Where(t => t.InstitutionId == institutionId || t.OtherInstitutions.Any(i => i.InstitutionId == institutionId));
            if (query.Kind is { } kind) trainers = trainers.Where(t => t.Kind == kind);
            if (query.OccupationId is { } occupationId) trainers = trainers.Where(t => t.Occupations.Any(o => o.OccupationId == occupationId));
            if (!string.IsNullOrWhiteSpace(query.Search))
                trainers = trainers.Where(t => EF.Functions.Like(t.SearchName, TextSearch.ContainsPattern(query.Search), "\\"));
            return trainers
                .OrderBy(t => t.Institution.Name).ThenBy(t => t.FullName).ThenBy(t => t.Id)
                .Select(t => new Row(t.Id, t.FullName, t.BirthYear, t.Kind, t.Qualification, t.Phone, t.Institution.Name,
                    t.Occupations.OrderBy(o => o.Occupation.Name).Select(o => o.Occupation.Name).ToList(), t.IsActive));
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
        await audit.RecordExportAsync("Danh sách nhà giáo, người dạy nghề", rows.Count, containsPersonalData: true, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Người dạy nghề", [
            new XlsxColumn<Row>("Họ và tên", r => r.FullName, Width: 28),
            new XlsxColumn<Row>("Năm sinh", r => r.BirthYear, XlsxFormat.Integer, 10),
            new XlsxColumn<Row>("Loại người dạy", r => Fmt.Enum(r.Kind), Width: 26),
            new XlsxColumn<Row>("Trình độ chuyên môn", r => r.Qualification, Width: 32),
            new XlsxColumn<Row>("Nghề giảng dạy", r => string.Join("; ", r.Occupations), Width: 40),
            new XlsxColumn<Row>("Cơ sở quản lý hồ sơ", r => r.InstitutionName, Width: 40),
            new XlsxColumn<Row>("Điện thoại", r => r.Phone, Width: 14),
            new XlsxColumn<Row>("Đang giảng dạy", r => r.IsActive, Width: 12),
        ], rows, title: "Danh sách nhà giáo, người dạy nghề");
        return book.ToFileResult("nguoi-day-nghe.xlsx");
    }
}
