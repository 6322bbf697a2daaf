using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Institutions;
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

namespace DaoTaoNghe.Features.Programmes;

/// <summary>The province's training programmes with their accreditation and current norm, searched without diacritics.</summary>
public class Index(Index.Handler handler, InstitutionChoices institutions, OccupationChoices occupations, AuditTrail audit) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "q")] public string? Search { get; set; }
        [FromQuery(Name = "co-so")] public int? InstitutionId { get; set; }
        [FromQuery(Name = "nghe")] public int? OccupationId { get; set; }
        [FromQuery(Name = "trinh-do")] public TrainingLevel? Level { get; set; }
        [FromQuery(Name = "trong-diem")] public bool? KeyOnly { get; set; }
        [FromQuery(Name = "ca-ngung")] public bool? IncludeInactive { get; set; }
    }

    public sealed record Row(
        int Id, string Name, string? Code, int InstitutionId, string InstitutionName, string OccupationCode, string OccupationName,
        TrainingLevel Level, int DurationHours, bool IsKey, DateOnly? AccreditedUntil, long? CostPerLearner, int Materials, bool IsActive);

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IHandler
    {
        public IQueryable<Row> Rows(Query query)
        {
            var today = VietnamTime.Today(clock);
            var programmes = db.Programmes.AsNoTracking();
            if (query.IncludeInactive != true) programmes = programmes.Where(p => p.IsActive);
            if (query.InstitutionId is { } institutionId) programmes = programmes.Where(p => p.InstitutionId == institutionId);
            if (query.OccupationId is { } occupationId) programmes = programmes.Where(p => p.OccupationId == occupationId);
            if (query.Level is { } level) programmes = programmes.Where(p => p.Level == level);
            if (query.KeyOnly == true) programmes = programmes.Where(p => p.IsKey);
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var pattern = TextSearch.ContainsPattern(query.Search);
                programmes = programmes.Where(p => EF.Functions.Like(p.SearchText, pattern, "\\")
                                                   || EF.Functions.Like(p.Occupation.SearchText, pattern, "\\")
                                                   || EF.Functions.Like(p.Institution.SearchName, pattern, "\\"));
            }
            return programmes
                .OrderBy(p => p.Institution.Name).ThenBy(p => p.Name)
                .Select(p => new Row(p.Id, p.Name, p.Code, p.InstitutionId, p.Institution.Name, p.Occupation.Code, p.Occupation.Name,
                    p.Level, p.DurationHours, p.IsKey,
                    p.Accreditations.Where(a => a.Result == AccreditationResult.Passed && a.DecidedOn <= today && (a.ExpiresOn == null || a.ExpiresOn >= today))
                        .Max(a => a.ExpiresOn),
                    p.Norms.Where(n => n.EffectiveFrom <= today).OrderByDescending(n => n.EffectiveFrom).Select(n => (long?)n.CostPerLearner).FirstOrDefault(),
                    p.Materials.Count(m => m.IsActive), p.IsActive));
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
        await audit.RecordExportAsync("Danh sách chương trình đào tạo", rows.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Chương trình", [
            new XlsxColumn<Row>("Cơ sở đào tạo", r => r.InstitutionName, Width: 40),
            new XlsxColumn<Row>("Tên chương trình", r => r.Name, Width: 45),
            new XlsxColumn<Row>("Mã chương trình", r => r.Code, Width: 14),
            new XlsxColumn<Row>("Mã nghề", r => r.OccupationCode, Width: 12),
            new XlsxColumn<Row>("Nghề", r => r.OccupationName, Width: 36),
            new XlsxColumn<Row>("Trình độ", r => Fmt.Enum(r.Level), Width: 22),
            new XlsxColumn<Row>("Số giờ", r => r.DurationHours, XlsxFormat.Integer, 10),
            new XlsxColumn<Row>("Trọng điểm", r => r.IsKey, Width: 10),
            new XlsxColumn<Row>("Kiểm định còn hiệu lực đến", r => r.AccreditedUntil, XlsxFormat.Date, 14),
            new XlsxColumn<Row>("Định mức hiện hành (đ/người)", r => r.CostPerLearner, XlsxFormat.Money, 16),
            new XlsxColumn<Row>("Số học liệu", r => r.Materials, XlsxFormat.Integer, 10),
            new XlsxColumn<Row>("Đang đào tạo", r => r.IsActive, Width: 10),
        ], rows, title: "Danh sách chương trình đào tạo");
        return book.ToFileResult("chuong-trinh-dao-tao.xlsx");
    }
}
