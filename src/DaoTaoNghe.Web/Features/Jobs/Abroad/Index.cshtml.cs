using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs.Abroad;

/// <summary>Contracts to work abroad: the employment centre's, read by province-wide roles.</summary>
[Authorize(Policy = JobPolicies.ReadAbroad)]
public class Index(Index.Handler handler, AuditTrail audit) : PageModel
{

    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "nam")] public int? Year { get; set; }
        [FromQuery(Name = "nuoc")] public string? Country { get; set; }
    }

    public sealed record Row(int Id, int LearnerId, string FullName, string CommuneName, string Country, string ReceivingCompany, string SendingAgency,
        DateOnly DepartureOn, DateOnly? ReturnOn);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        public IQueryable<Row> Rows(Query query)
        {
            var contracts = db.AbroadContracts.AsNoTracking();
            if (query.Year is { } year) contracts = contracts.Where(c => c.DepartureOn >= new DateOnly(year, 1, 1) && c.DepartureOn <= new DateOnly(year, 12, 31));
            if (!string.IsNullOrWhiteSpace(query.Country)) contracts = contracts.Where(c => c.Country == query.Country.Trim());
            return contracts.OrderByDescending(c => c.DepartureOn).ThenByDescending(c => c.Id)
                .Select(c => new Row(c.Id, c.LearnerId, c.Learner.FullName, c.Learner.Commune.Name, c.Country, c.ReceivingCompany, c.SendingAgency,
                    c.DepartureOn, c.ReturnOn));
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Data = await audit.ListedAsync(await handler.Rows(Filter).ToPagedListAsync(Filter, cancellationToken: cancellationToken),
            "AbroadContract", "Xem danh sách đi làm việc ở nước ngoài", r => r.Id, cancellationToken);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.Rows(Filter).ToListAsync(cancellationToken);
        await audit.RecordExportAsync("Hợp đồng đi làm việc ở nước ngoài", rows.Count, containsPersonalData: true, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Đi làm việc nước ngoài", [
            new XlsxColumn<Row>("Họ và tên", r => r.FullName, Width: 26),
            new XlsxColumn<Row>("Xã, phường", r => r.CommuneName, Width: 22),
            new XlsxColumn<Row>("Nước", r => r.Country, Width: 16),
            new XlsxColumn<Row>("Đơn vị tiếp nhận", r => r.ReceivingCompany, Width: 30),
            new XlsxColumn<Row>("Doanh nghiệp đưa đi", r => r.SendingAgency, Width: 30),
            new XlsxColumn<Row>("Ngày xuất cảnh", r => r.DepartureOn, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Dự kiến về nước", r => r.ReturnOn, XlsxFormat.Date, 12),
        ], rows, title: "Lao động đi làm việc ở nước ngoài theo hợp đồng");
        return book.ToFileResult("di-lam-viec-nuoc-ngoai.xlsx");
    }
}
