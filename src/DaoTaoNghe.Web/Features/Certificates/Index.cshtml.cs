using System.Linq.Expressions;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Institutions;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Expressions;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Certificates;

/// <summary>The certificate register (sổ cấp chứng chỉ) as far as the caller sees enrolments, found by holder's name without diacritics or by number.</summary>
[Authorize(Policy = CoursePolicies.Read)]
public class Index(Index.Handler handler, InstitutionChoices institutions, AuditTrail audit) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "q")] public string? Search { get; set; }
        [FromQuery(Name = "nam")] public int? Year { get; set; }
        [FromQuery(Name = "co-so")] public int? InstitutionId { get; set; }
        [FromQuery(Name = "thu-hoi")] public bool? Revoked { get; set; }
        [FromQuery(Name = "lop")] public int? CourseId { get; set; }
    }

    public sealed record Row(
        int Id, string Number, DateOnly IssuedOn, string HolderName, DateOnly HolderBirthDate, string OccupationName, TrainingLevel Level,
        string InstitutionName, int CourseId, DateOnly? RevokedOn, string? RevocationReason);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        public IQueryable<Row> Rows(Query query)
        {
            var certificates = db.Certificates.AsNoTracking();
            if (query.Year is { } year) certificates = certificates.Where(c => c.Year == year);
            if (query.InstitutionId is { } institutionId) certificates = certificates.Where(c => c.InstitutionId == institutionId);
            if (query.Revoked is { } revoked) certificates = certificates.Where(c => (c.RevokedOn != null) == revoked);
            if (query.CourseId is { } courseId) certificates = certificates.Where(c => c.Enrolment.CourseId == courseId);
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var text = query.Search.Trim();
                Expression<Func<Certificate, bool>> number = c => c.Number == text;
                certificates = certificates.Where(NameSearch.HasWords<Certificate>(c => c.Enrolment.Learner.SearchName, text, db.Database.IsNpgsql()) is { } name
                    ? number.Or(name) : number);
            }
            return certificates
                .OrderByDescending(c => c.IssuedOn).ThenByDescending(c => c.Id)
                .Select(c => new Row(c.Id, c.Number, c.IssuedOn, c.HolderName, c.HolderBirthDate, c.OccupationName, c.Level, c.InstitutionName,
                    c.Enrolment.CourseId, c.RevokedOn, c.RevocationReason));
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;
    public List<SelectListItem> Institutions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await audit.ListedAsync(await handler.Rows(Filter).ToPagedListAsync(Filter, cancellationToken: cancellationToken),
            "Certificate", "Xem sổ cấp chứng chỉ", r => r.Id, cancellationToken);
        Institutions = await institutions.SelectListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.Rows(Filter).ToListAsync(cancellationToken);
        await audit.RecordExportAsync("Sổ cấp chứng chỉ", rows.Count, containsPersonalData: true, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Chứng chỉ", [
            new XlsxColumn<Row>("Số hiệu", r => r.Number, Width: 20),
            new XlsxColumn<Row>("Ngày cấp", r => r.IssuedOn, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Họ và tên", r => r.HolderName, Width: 26),
            new XlsxColumn<Row>("Ngày sinh", r => r.HolderBirthDate, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Nghề", r => r.OccupationName, Width: 28),
            new XlsxColumn<Row>("Trình độ", r => Fmt.Enum(r.Level), Width: 16),
            new XlsxColumn<Row>("Cơ sở đào tạo", r => r.InstitutionName, Width: 36),
            new XlsxColumn<Row>("Ngày thu hồi", r => r.RevokedOn, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Lý do thu hồi", r => r.RevocationReason, Width: 30),
        ], rows, title: "Sổ cấp chứng chỉ đào tạo nghề");
        return book.ToFileResult("chung-chi.xlsx");
    }
}
