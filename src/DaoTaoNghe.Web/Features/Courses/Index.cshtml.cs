using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Institutions;
using DaoTaoNghe.Features.Map;
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

namespace DaoTaoNghe.Features.Courses;

/// <summary>The courses the caller may see, with learners and support counted as far as the caller sees them.</summary>
[Authorize(Policy = CoursePolicies.Read)]
public class Index(Index.Handler handler, InstitutionChoices institutions, OccupationChoices occupations, UnitChoices units, AuditTrail audit) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "q")] public string? Search { get; set; }
        [FromQuery(Name = "nam")] public int? Year { get; set; }
        [FromQuery(Name = "co-so")] public int? InstitutionId { get; set; }
        [FromQuery(Name = "nghe")] public int? OccupationId { get; set; }
        [FromQuery(Name = "trang-thai")] public CourseState? State { get; set; }
        [FromQuery(Name = "xa")] public int? CommuneId { get; set; }
        [FromQuery(Name = "don")] public int? OrderId { get; set; }

        /// <summary>Courses waiting for an action (<see cref="CourseWork"/>): "can-khai-giang" or "can-ket-thuc".</summary>
        [FromQuery(Name = "viec")] public string? Work { get; set; }

    }

    public sealed record Row(
        int Id, string Name, string InstitutionName, string OccupationName, TrainingLevel Level, string VenueName, string? VenueNowName,
        DateOnly StartDate, DateOnly EndDate, CourseState State, int Capacity, int Enrolled, int Completed, long SupportTotal, bool SelfFunded);

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IHandler
    {
        public IQueryable<Row> Rows(Query query)
        {
            var courses = db.Courses.AsNoTracking();
            if (CourseWork.Waiting(query.Work, VietnamTime.Today(clock)) is { } waiting) courses = courses.Where(waiting);
            if (query.Year is { } year) courses = courses.Where(c => c.StartDate >= new DateOnly(year, 1, 1) && c.StartDate <= new DateOnly(year, 12, 31));
            if (query.InstitutionId is { } institutionId) courses = courses.Where(c => c.InstitutionId == institutionId);
            if (query.OccupationId is { } occupationId) courses = courses.Where(c => c.OccupationId == occupationId);
            if (query.State is { } state) courses = courses.Where(c => c.State == state);
            if (query.CommuneId is { } communeId) courses = courses.Where(c => c.VenueCommuneId == communeId || c.VenueCommune.RollUpUnitId == communeId);
            if (query.OrderId is { } orderId) courses = courses.Where(c => c.OrderId == orderId);
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var pattern = TextSearch.ContainsPattern(query.Search);
                courses = courses.Where(c => EF.Functions.Like(c.SearchText, pattern, "\\") || EF.Functions.Like(c.Occupation.SearchText, pattern, "\\"));
            }
            return courses
                .OrderByDescending(c => c.StartDate).ThenByDescending(c => c.Id)
                .Select(c => new Row(c.Id, c.Name, c.Institution.Name, c.Occupation.Name, c.Level, c.VenueCommune.Name,
                    c.VenueCommune.RollUpUnit != null ? c.VenueCommune.RollUpUnit.Name : null, c.StartDate, c.EndDate, c.State, c.Capacity,
                    c.Enrolments.Count(e => e.Status != EnrolmentStatus.DroppedOut), c.Enrolments.Count(e => e.Status == EnrolmentStatus.Completed),
                    c.Enrolments.Sum(e => e.SupportTotal), c.OrderId == null));
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;
    public List<SelectListItem> Institutions { get; private set; } = [];
    public List<SelectListItem> Occupations { get; private set; } = [];
    public List<SelectListItem> Communes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await handler.Rows(Filter).ToPagedListAsync(Filter, cancellationToken: cancellationToken);
        Institutions = await institutions.SelectListAsync(cancellationToken);
        Occupations = await occupations.SelectListAsync(cancellationToken);
        Communes = await units.CurrentCommunesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.Rows(Filter).ToListAsync(cancellationToken);
        await audit.RecordExportAsync("Lớp đào tạo", rows.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Lớp đào tạo", [
            new XlsxColumn<Row>("Mã lớp", r => r.Id, XlsxFormat.Code, 8),
            new XlsxColumn<Row>("Tên lớp", r => r.Name, Width: 44),
            new XlsxColumn<Row>("Cơ sở đào tạo", r => r.InstitutionName, Width: 36),
            new XlsxColumn<Row>("Nghề", r => r.OccupationName, Width: 28),
            new XlsxColumn<Row>("Trình độ", r => Fmt.Enum(r.Level), Width: 16),
            new XlsxColumn<Row>("Xã, phường nơi học", r => r.VenueName, Width: 20),
            new XlsxColumn<Row>("Nay thuộc", r => r.VenueNowName, Width: 20),
            new XlsxColumn<Row>("Khai giảng", r => r.StartDate, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Kết thúc", r => r.EndDate, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Trạng thái", r => Fmt.Enum(r.State), Width: 14),
            new XlsxColumn<Row>("Sĩ số", r => r.Capacity, XlsxFormat.Integer, 8),
            new XlsxColumn<Row>("Người học", r => r.Enrolled, XlsxFormat.Integer, 10),
            new XlsxColumn<Row>("Hoàn thành", r => r.Completed, XlsxFormat.Integer, 10),
            new XlsxColumn<Row>("Hỗ trợ (đ)", r => r.SupportTotal, XlsxFormat.Money, 16),
            new XlsxColumn<Row>("Tự chủ kinh phí", r => r.SelfFunded, Width: 12),
        ], rows, title: "Lớp đào tạo nghề");
        return book.ToFileResult("lop-dao-tao.xlsx");
    }
}
