using System.Linq.Expressions;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Expressions;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs.Leads;

/// <summary>
/// People who registered interest on the public site: an enterprise sees those for its vacancies, a
/// commune officer those for courses who live in the commune, the employment centre the vacancy leads of
/// the province, province-wide roles all.
/// </summary>
[Authorize(Policy = JobPolicies.ReadLeads)]
public class Index(Index.Handler handler, AuditTrail audit) : PageModel
{

    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "q")] public string? Search { get; set; }
        [FromQuery(Name = "loai")] public LeadKind? Kind { get; set; }
        [FromQuery(Name = "tin")] public int? VacancyId { get; set; }

        /// <summary>Leads waiting for an action (<see cref="JobWork"/>): "moi".</summary>
        [FromQuery(Name = "viec")] public string? Work { get; set; }
    }

    public sealed record Row(int Id, DateTime CreatedAt, LeadKind Kind, string About, int? VacancyId, int? CourseId, string FullName, string Phone,
        string CommuneName);

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IHandler
    {
        public IQueryable<Row> Rows(Query query)
        {
            var leads = db.InterestLeads.AsNoTracking();
            if (JobWork.Leads(query.Work, VietnamTime.Today(clock)) is { } waiting) leads = leads.Where(waiting);
            if (query.Kind is { } kind) leads = leads.Where(l => l.Kind == kind);
            if (query.VacancyId is { } vacancyId) leads = leads.Where(l => l.VacancyId == vacancyId);
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var phone = query.Search.Trim();
                Expression<Func<InterestLead, bool>> byPhone = l => l.Phone.Contains(phone);
                leads = leads.Where(NameSearch.HasWords<InterestLead>(l => l.SearchName, query.Search, db.Database.IsNpgsql()) is { } name
                    ? byPhone.Or(name) : byPhone);
            }
            return leads.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id)
                .Select(l => new Row(l.Id, l.CreatedAt, l.Kind, l.Subject, l.VacancyId, l.CourseId, l.FullName, l.Phone, l.Commune.Name));
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Data = await audit.ListedAsync(await handler.Rows(Filter).ToPagedListAsync(Filter, cancellationToken: cancellationToken),
            "InterestLead", "Xem danh sách người đăng ký quan tâm", r => r.Id, cancellationToken);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.Rows(Filter).ToListAsync(cancellationToken);
        await audit.RecordExportAsync("Người đăng ký quan tâm", rows.Count, containsPersonalData: true, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Đăng ký quan tâm", [
            new XlsxColumn<Row>("Thời điểm", r => Fmt.DateTime(r.CreatedAt), Width: 18),
            new XlsxColumn<Row>("Loại", r => Fmt.Enum(r.Kind), Width: 16),
            new XlsxColumn<Row>("Tin / lớp", r => r.About, Width: 40),
            new XlsxColumn<Row>("Họ và tên", r => r.FullName, Width: 26),
            new XlsxColumn<Row>("Số điện thoại", r => r.Phone, Width: 14),
            new XlsxColumn<Row>("Xã, phường nơi ở", r => r.CommuneName, Width: 22),
        ], rows, title: "Người đăng ký quan tâm trên trang công khai");
        return book.ToFileResult("dang-ky-quan-tam.xlsx");
    }
}
