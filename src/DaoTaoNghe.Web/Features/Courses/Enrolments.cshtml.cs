using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Institutions;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Map;
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

namespace DaoTaoNghe.Features.Courses;

/// <summary>
/// Learners in courses across the caller's scope: a commune officer follows where their residents
/// study and how they did; an institution its learners over all its courses; the province all.
/// Found by name without diacritics or by CCCD (not by a role that sees the CCCD masked). Per-person
/// support follows <see cref="SupportVisibility"/>; every page read is audited with the enrolments shown.
/// </summary>
[Authorize(Policy = CoursePolicies.Read)]
public class Enrolments(Enrolments.Handler handler, InstitutionChoices institutions, UnitChoices units, AuditTrail audit, AppDbContext db) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "q")] public string? Search { get; set; }
        [FromQuery(Name = "nam")] public int? Year { get; set; }

        /// <summary>The year the result was recognised: how the "people trained" figure dates a completion.</summary>
        [FromQuery(Name = "nam-ket-qua")] public int? ResultYear { get; set; }
        /// <summary>"nguoi": only the completion each person counts at in "people trained" (their first of the year).</summary>
        [FromQuery(Name = "dem")] public string? Count { get; set; }
        [FromQuery(Name = "co-so")] public int? InstitutionId { get; set; }
        [FromQuery(Name = "xa")] public int? CommuneId { get; set; }
        [FromQuery(Name = "trang-thai")] public EnrolmentStatus? Status { get; set; }
        [FromQuery(Name = "lop")] public int? CourseId { get; set; }
    }

    public sealed record Row(
        int Id, int LearnerId, string FullName, DateOnly BirthDate, Sex Sex, string? Cccd, string ResidenceName, int CourseId, string CourseName,
        string InstitutionName, string OccupationName, DateOnly StartDate, DateOnly EndDate, EnrolmentStatus Status, DateOnly? ResultOn,
        DateOnly? DroppedOn, int DaysAttended, long? SupportTotal);

    public sealed class Handler(AppDbContext db, AuditTrail audit, CccdLookups lookups) : IHandler
    {
        private IQueryable<Enrolment> Filtered(Query query)
        {
            var enrolments = query.Count == "nguoi" ? TrainingIndicators.FirstOfYear(db).AsNoTracking() : db.Enrolments.AsNoTracking();
            if (query.Year is { } year)
                enrolments = enrolments.Where(e => e.Course.StartDate >= new DateOnly(year, 1, 1) && e.Course.StartDate <= new DateOnly(year, 12, 31));
            if (query.ResultYear is { } resultYear)
                enrolments = enrolments.Where(e => e.ResultOn >= new DateOnly(resultYear, 1, 1) && e.ResultOn <= new DateOnly(resultYear, 12, 31));
            if (query.InstitutionId is { } institutionId) enrolments = enrolments.Where(e => e.InstitutionId == institutionId);
            if (query.CommuneId is { } communeId)
                enrolments = enrolments.Where(e => e.ResidenceCommuneId == communeId || e.ResidenceCommune.RollUpUnitId == communeId);
            if (query.Status is { } status) enrolments = enrolments.Where(e => e.Status == status);
            if (query.CourseId is { } courseId) enrolments = enrolments.Where(e => e.CourseId == courseId);
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var digits = Learners.Cccd.Normalize(query.Search)!;
                // A role that sees numbers masked finds nobody by one: a hit would confirm a guess at the masked digits.
                enrolments = digits.All(char.IsAsciiDigit) && digits.Length >= 3
                    ? LearnerAccess.SeesFullCccd(db.Scope)
                        ? enrolments.Where(e => EF.Functions.Like(e.Learner.Cccd!, "%" + digits + "%"))
                        : enrolments.Where(e => false)
                    : enrolments.WhereNameHasWords(e => e.Learner.SearchName, query.Search, db.Database.IsNpgsql());
            }
            return enrolments;
        }

        private IQueryable<Row> Rows(Query query) =>
            Filtered(query)
                .OrderByDescending(e => e.Course.StartDate).ThenBy(e => e.CourseId).ThenBy(e => e.Learner.SearchName).ThenBy(e => e.Id)
                .Select(e => new Row(e.Id, e.LearnerId, e.Learner.FullName, e.Learner.BirthDate, e.Learner.Sex, e.Learner.Cccd, e.ResidenceCommune.Name,
                    e.CourseId, e.Course.Name, e.Course.Institution.Name, e.Course.Occupation.Name, e.Course.StartDate, e.Course.EndDate, e.Status,
                    e.ResultOn, e.DroppedOn, e.DaysAttended, e.SupportTotal));

        public async Task<PagedList<Row>> PageAsync(Query query, CancellationToken cancellationToken = default)
        {
            var page = await GuardedAsync(query, () => Rows(query).ToPagedListAsync(query, cancellationToken: cancellationToken),
                p => p.Items.Select(r => r.LearnerId), cancellationToken);
            // The page (or API page) shows people's records: one line naming them, as an export would.
            await audit.RecordListAsync(nameof(Enrolment), $"Xem danh sách người học theo lớp, trang {page.PageNumber}",
                page.Items.Select(r => r.Id).ToList(), cancellationToken);
            return page with { Items = page.Items.Select(Present).ToList() };
        }

        public async Task<List<Row>> AllAsync(Query query, CancellationToken cancellationToken = default) =>
            (await GuardedAsync(query, () => Rows(query).ToListAsync(cancellationToken), rows => rows.Select(r => r.LearnerId), cancellationToken))
            .Select(Present).ToList();

        /// <summary>Whether the search is a whole CCCD that this caller may not look up (the list then finds nobody).</summary>
        public bool LookupRefused(Query query) => CccdLookups.WholeNumber(query.Search) is not null && !LearnerAccess.SeesFullCccd(db.Scope);

        private Task<T> GuardedAsync<T>(Query query, Func<Task<T>> read, Func<T, IEnumerable<int>> found, CancellationToken cancellationToken) =>
            CccdLookups.WholeNumber(query.Search) is { } number && LearnerAccess.SeesFullCccd(db.Scope)
                ? lookups.RunAsync(number, "Tìm người học theo lớp theo số CCCD", read, found, cancellationToken)
                : read();

        private Row Present(Row row) => row with
        {
            Cccd = LearnerAccess.ShowCccd(db.Scope, row.Cccd), SupportTotal = SupportVisibility.Amount(db.Scope, row.SupportTotal),
        };
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;
    public List<SelectListItem> Institutions { get; private set; } = [];
    public List<SelectListItem> Communes { get; private set; } = [];
    public bool LookupRefused => handler.LookupRefused(Filter);
    public bool SeesAmounts => SupportVisibility.SeesAmounts(db.Scope);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await handler.PageAsync(Filter, cancellationToken);
        Institutions = await institutions.SelectListAsync(cancellationToken);
        Communes = await units.CurrentCommunesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.AllAsync(Filter, cancellationToken);
        await audit.RecordExportAsync("Người học theo lớp", rows.Count, containsPersonalData: true, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Người học theo lớp", new List<XlsxColumn<Row>>
        {
            new XlsxColumn<Row>("Họ và tên", r => r.FullName, Width: 26),
            new XlsxColumn<Row>("Ngày sinh", r => r.BirthDate, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Giới tính", r => Fmt.Enum(r.Sex), Width: 9),
            new XlsxColumn<Row>("Số CCCD", r => r.Cccd, Width: 15),
            new XlsxColumn<Row>("Nơi cư trú", r => r.ResidenceName, Width: 20),
            new XlsxColumn<Row>("Lớp", r => r.CourseName, Width: 40),
            new XlsxColumn<Row>("Cơ sở đào tạo", r => r.InstitutionName, Width: 34),
            new XlsxColumn<Row>("Nghề", r => r.OccupationName, Width: 26),
            new XlsxColumn<Row>("Khai giảng", r => r.StartDate, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Kết thúc", r => r.EndDate, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Trạng thái", r => Fmt.Enum(r.Status), Width: 12),
            new XlsxColumn<Row>("Ngày có kết quả", r => r.ResultOn, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Ngày bỏ học", r => r.DroppedOn, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Số ngày học", r => r.DaysAttended, XlsxFormat.Integer, 10),
        }.Concat(SeesAmounts ? [new XlsxColumn<Row>("Hỗ trợ (đ)", r => r.SupportTotal, XlsxFormat.Money, 14)] : []).ToList(), rows, title: "Người học theo lớp đào tạo");
        return book.ToFileResult("nguoi-hoc-theo-lop.xlsx");
    }
}
