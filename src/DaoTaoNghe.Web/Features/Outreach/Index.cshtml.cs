using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Outreach;

/// <summary>Outreach activities the caller may see: their commune's (with its pre-2025 communes), their organisation's, or the province's.</summary>
public class Index(Index.Handler handler, UnitChoices units, AuditTrail audit) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "q")] public string? Search { get; set; }
        [FromQuery(Name = "nam")] public int? Year { get; set; }
        [FromQuery(Name = "xa")] public int? CommuneId { get; set; }
        [FromQuery(Name = "hinh-thuc")] public OutreachChannel? Channel { get; set; }
    }

    public sealed record Row(int Id, DateOnly HeldOn, string Title, OutreachChannel Channel, string CommuneName, string? CommuneNowName, string OrganisationName, int Participants);

    public sealed record Summary(int Events, long Participants);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        private IQueryable<OutreachEvent> Filtered(Query query)
        {
            var events = db.OutreachEvents.AsNoTracking();
            if (query.Year is { } year)
                events = events.Where(e => e.HeldOn >= new DateOnly(year, 1, 1) && e.HeldOn <= new DateOnly(year, 12, 31));
            if (query.CommuneId is { } communeId)
                events = events.Where(e => e.CommuneId == communeId || e.Commune.RollUpUnitId == communeId);
            if (query.Channel is { } channel) events = events.Where(e => e.Channel == channel);
            if (!string.IsNullOrWhiteSpace(query.Search))
                events = events.Where(e => EF.Functions.Like(e.SearchText, TextSearch.ContainsPattern(query.Search), "\\"));
            return events;
        }

        public IQueryable<Row> Rows(Query query) =>
            Filtered(query)
                .OrderByDescending(e => e.HeldOn).ThenByDescending(e => e.Id)
                .Select(e => new Row(e.Id, e.HeldOn, e.Title, e.Channel, e.Commune.Name,
                    e.Commune.RollUpUnit != null ? e.Commune.RollUpUnit.Name : null, e.Organisation.Name, e.Participants));

        public async Task<Summary> SummarizeAsync(Query query, CancellationToken cancellationToken)
        {
            var events = Filtered(query);
            return new Summary(await events.CountAsync(cancellationToken), await events.SumAsync(e => (long)e.Participants, cancellationToken));
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;
    public Summary Totals { get; private set; } = null!;
    public List<SelectListItem> Communes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await handler.Rows(Filter).ToPagedListAsync(Filter, cancellationToken: cancellationToken);
        Totals = await handler.SummarizeAsync(Filter, cancellationToken);
        Communes = await units.CurrentCommunesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.Rows(Filter).ToListAsync(cancellationToken);
        await audit.RecordExportAsync("Hoạt động tuyên truyền", rows.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Tuyên truyền", [
            new XlsxColumn<Row>("Ngày", r => r.HeldOn, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Nội dung", r => r.Title, Width: 50),
            new XlsxColumn<Row>("Hình thức", r => Fmt.Enum(r.Channel), Width: 28),
            new XlsxColumn<Row>("Xã, phường", r => r.CommuneName, Width: 22),
            new XlsxColumn<Row>("Nay thuộc", r => r.CommuneNowName, Width: 22),
            new XlsxColumn<Row>("Đơn vị tổ chức", r => r.OrganisationName, Width: 36),
            new XlsxColumn<Row>("Số người tham dự", r => r.Participants, XlsxFormat.Integer, 14),
        ], rows, title: "Hoạt động tuyên truyền về đào tạo nghề");
        return book.ToFileResult("tuyen-truyen.xlsx");
    }
}
