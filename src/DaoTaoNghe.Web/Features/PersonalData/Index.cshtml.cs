using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
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

namespace DaoTaoNghe.Features.PersonalData;

/// <summary>The register of data subjects' requests the caller may see, open ones by their nearest deadline first.</summary>
[Authorize(Policy = PersonalDataPolicies.Requests)]
public class Index(Index.Handler handler, UnitChoices units, AuditTrail audit, TimeProvider clock) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "q")] public string? Search { get; set; }
        [FromQuery(Name = "loai")] public SubjectRequestKind? Kind { get; set; }
        [FromQuery(Name = "tt")] public SubjectRequestStatus? Status { get; set; }
        [FromQuery(Name = "xa")] public int? CommuneId { get; set; }
        [FromQuery(Name = "nam")] public int? Year { get; set; }
    }

    public sealed record Row(int Id, string PersonName, SubjectRequestKind Kind, DateOnly ReceivedOn, DateOnly AnswerBy, DateOnly? AnsweredOn, DateOnly CarryOutBy,
        bool Extended, SubjectRequestStatus Status, DateOnly? ClosedOn, string CommuneName, string OfficerName);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        public IQueryable<Row> Rows(Query query)
        {
            var requests = db.SubjectRequests.AsNoTracking();
            if (query.Kind is { } kind) requests = requests.Where(r => r.Kind == kind);
            if (query.Status is { } status) requests = requests.Where(r => r.Status == status);
            if (query.CommuneId is { } communeId) requests = requests.Where(r => r.CommuneId == communeId || r.Commune.RollUpUnitId == communeId);
            if (query.Year is { } year) requests = requests.Where(r => r.ReceivedOn >= new DateOnly(year, 1, 1) && r.ReceivedOn <= new DateOnly(year, 12, 31));
            if (!string.IsNullOrWhiteSpace(query.Search))
                requests = requests.Where(r => EF.Functions.Like(r.SearchName, TextSearch.ContainsPattern(query.Search), "\\"));
            return requests
                .OrderBy(r => r.Status).ThenBy(r => r.CarryOutBy).ThenBy(r => r.Id)
                .Select(r => new Row(r.Id, r.PersonName, r.Kind, r.ReceivedOn, r.AnswerBy, r.AnsweredOn, r.CarryOutBy, r.ExtendedFrom != null, r.Status, r.ClosedOn,
                    r.Commune.Name, r.Officer.FullName));
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;
    public List<SelectListItem> Communes { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = VietnamTime.Today(clock);
        Data = await audit.ListedAsync(await handler.Rows(Filter).ToPagedListAsync(Filter, cancellationToken: cancellationToken),
            nameof(SubjectRequest), "Yêu cầu về dữ liệu cá nhân", r => r.Id, cancellationToken);
        Communes = await units.CurrentCommunesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.Rows(Filter).ToListAsync(cancellationToken);
        await audit.RecordExportAsync("Yêu cầu về dữ liệu cá nhân", rows.Count, containsPersonalData: true, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Yêu cầu", [
            new XlsxColumn<Row>("Người yêu cầu", r => r.PersonName, Width: 28),
            new XlsxColumn<Row>("Loại yêu cầu", r => Fmt.Enum(r.Kind), Width: 24),
            new XlsxColumn<Row>("Ngày nhận", r => r.ReceivedOn, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Hạn trả lời", r => r.AnswerBy, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Ngày trả lời", r => r.AnsweredOn, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Hạn thực hiện", r => r.CarryOutBy, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Đã gia hạn", r => r.Extended ? "Có" : "", Width: 10),
            new XlsxColumn<Row>("Trạng thái", r => Fmt.Enum(r.Status), Width: 16),
            new XlsxColumn<Row>("Ngày hoàn thành", r => r.ClosedOn, XlsxFormat.Date, 14),
            new XlsxColumn<Row>("Xã, phường", r => r.CommuneName, Width: 22),
            new XlsxColumn<Row>("Cán bộ phụ trách", r => r.OfficerName, Width: 26),
        ], rows, title: "Yêu cầu của chủ thể dữ liệu cá nhân");
        return book.ToFileResult("yeu-cau-du-lieu-ca-nhan.xlsx");
    }
}
