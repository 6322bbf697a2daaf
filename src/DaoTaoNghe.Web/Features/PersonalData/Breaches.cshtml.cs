using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.PersonalData;

/// <summary>The province's breach register, newest discovery first, each with its 72-hour notification deadline and whether it is met.</summary>
[Authorize(Policy = PersonalDataPolicies.ReadBreaches)]
public class Breaches(Breaches.Handler handler, AuditTrail audit, TimeProvider clock) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "tt")] public DataBreachStatus? Status { get; set; }
    }

    public sealed record Row(int Id, string Description, DateTime DiscoveredAt, string DataCategories, int PeopleAffected, DateTime? NotifiedAt, DataBreachStatus Status)
    {
        public DateTime NotifyBy => BreachClock.NotifyBy(DiscoveredAt);
        public BreachNotice Notice(DateTime nowUtc) => BreachClock.Notice(DiscoveredAt, NotifiedAt, nowUtc);
    }

    public sealed class Handler(AppDbContext db) : IHandler
    {
        public IQueryable<Row> Rows(Query query)
        {
            var breaches = db.DataBreaches.AsNoTracking();
            if (query.Status is { } status) breaches = breaches.Where(b => b.Status == status);
            return breaches.OrderByDescending(b => b.DiscoveredAt).ThenByDescending(b => b.Id)
                .Select(b => new Row(b.Id, b.Description, b.DiscoveredAt, b.DataCategories, b.PeopleAffected, b.NotifiedAt, b.Status));
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;
    public DateTime Now { get; private set; }
    public bool CanKeep => User.Holds(PersonalDataPolicies.KeepBreaches);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Data = await handler.Rows(Filter).ToPagedListAsync(Filter, cancellationToken: cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await handler.Rows(Filter).ToListAsync(cancellationToken);
        await audit.RecordExportAsync("Vi phạm dữ liệu cá nhân", rows.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Vi phạm", [
            new XlsxColumn<Row>("Sự việc", r => r.Description, Width: 40),
            new XlsxColumn<Row>("Phát hiện lúc", r => Fmt.DateTime(r.DiscoveredAt), Width: 17),
            new XlsxColumn<Row>("Hạn thông báo (72 giờ)", r => Fmt.DateTime(r.NotifyBy), Width: 17),
            new XlsxColumn<Row>("Thông báo lúc", r => Fmt.DateTime(r.NotifiedAt), Width: 17),
            new XlsxColumn<Row>("Tình trạng thông báo", r => Fmt.Enum(r.Notice(now)), Width: 22),
            new XlsxColumn<Row>("Loại dữ liệu", r => r.DataCategories, Width: 30),
            new XlsxColumn<Row>("Số người bị ảnh hưởng", r => r.PeopleAffected, XlsxFormat.Integer, 12),
            new XlsxColumn<Row>("Trạng thái", r => Fmt.Enum(r.Status), Width: 18),
        ], rows, title: "Sổ theo dõi vi phạm dữ liệu cá nhân");
        return book.ToFileResult("vi-pham-du-lieu-ca-nhan.xlsx");
    }
}
