using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs.Sessions;

/// <summary>Job-exchange sessions and fairs the caller may see, with how many enterprises, seekers and hires each had.</summary>
public class Index(Index.Handler handler, AuditTrail audit) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "q")] public string? Search { get; set; }
        [FromQuery(Name = "nam")] public int? Year { get; set; }
        [FromQuery(Name = "loai")] public SessionKind? Kind { get; set; }

        /// <summary>Sessions waiting for an action (<see cref="JobWork"/>): "sap-dien-ra".</summary>
        [FromQuery(Name = "viec")] public string? Work { get; set; }
    }

    public sealed record Row(int Id, DateOnly HeldOn, SessionKind Kind, string Title, string VenueName, bool IsOnline, string OrganiserName,
        int Enterprises, int Seekers, int Hired);

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IHandler
    {
        public IQueryable<Row> Rows(Query query)
        {
            var sessions = db.JobSessions.AsNoTracking();
            if (JobWork.Sessions(query.Work, VietnamTime.Today(clock), db.Scope.OrganisationId) is { } waiting) sessions = sessions.Where(waiting);
            if (query.Year is { } year) sessions = sessions.Where(s => s.HeldOn >= new DateOnly(year, 1, 1) && s.HeldOn <= new DateOnly(year, 12, 31));
            if (query.Kind is { } kind) sessions = sessions.Where(s => s.Kind == kind);
            if (!string.IsNullOrWhiteSpace(query.Search))
                sessions = sessions.Where(s => EF.Functions.Like(s.SearchText, TextSearch.ContainsPattern(query.Search), "\\"));
            return sessions.OrderByDescending(s => s.HeldOn).ThenByDescending(s => s.Id)
                .Select(s => new Row(s.Id, s.HeldOn, s.Kind, s.Title, s.VenueCommune.Name, s.IsOnline, s.Organiser.Name, s.Enterprises.Count, s.Seekers.Count,
                    db.JobApplications.Count(a => a.SessionId == s.Id && a.Status == ApplicationStatus.Hired)));
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Data = await handler.Rows(Filter).ToPagedListAsync(Filter, cancellationToken: cancellationToken);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.Rows(Filter).ToListAsync(cancellationToken);
        await audit.RecordExportAsync("Phiên giao dịch việc làm", rows.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Phiên giao dịch", [
            new XlsxColumn<Row>("Ngày", r => r.HeldOn, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Loại", r => Fmt.Enum(r.Kind), Width: 24),
            new XlsxColumn<Row>("Tên phiên", r => r.Title, Width: 44),
            new XlsxColumn<Row>("Nơi tổ chức", r => r.IsOnline ? "Trực tuyến (" + r.VenueName + ")" : r.VenueName, Width: 26),
            new XlsxColumn<Row>("Đơn vị tổ chức", r => r.OrganiserName, Width: 32),
            new XlsxColumn<Row>("Doanh nghiệp", r => r.Enterprises, XlsxFormat.Integer, 12),
            new XlsxColumn<Row>("Người tìm việc", r => r.Seekers, XlsxFormat.Integer, 12),
            new XlsxColumn<Row>("Được tuyển", r => r.Hired, XlsxFormat.Integer, 12),
        ], rows, title: "Phiên giao dịch việc làm, ngày hội việc làm");
        return book.ToFileResult("phien-giao-dich-viec-lam.xlsx");
    }
}
