using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Audit;

/// <summary>The audit trail: who created, changed, deleted, viewed or exported what, and when.</summary>
[Authorize(Policy = CommonPolicies.Audit)]
public class Index(Index.Handler handler, AuditTrail audit) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "tu")] public DateOnly? From { get; set; }
        [FromQuery(Name = "den")] public DateOnly? To { get; set; }
        [FromQuery(Name = "nguoi-dung")] public string? UserName { get; set; }
        [FromQuery(Name = "thao-tac")] public AuditAction? Action { get; set; }
        [FromQuery(Name = "doi-tuong")] public string? EntityType { get; set; }
        [FromQuery(Name = "ma")] public string? EntityId { get; set; }
        [FromQuery(Name = "ca-nhan")] public bool? PersonalDataOnly { get; set; }
    }

    public sealed record Row(long Id, DateTime At, string? UserName, AuditAction Action, string EntityType, string? EntityId,
        string? Summary, string? Before, string? After, string? IpAddress, bool ContainsPersonalData);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        public IQueryable<Row> Rows(Query query)
        {
            var entries = db.AuditEntries.AsNoTracking();
            if (query.From is { } from) entries = entries.Where(a => a.At >= VietnamTime.StartOfDayUtc(from));
            if (query.To is { } to) entries = entries.Where(a => a.At < VietnamTime.StartOfDayUtc(to.AddDays(1)));
            if (!string.IsNullOrWhiteSpace(query.UserName)) entries = entries.Where(a => a.UserName == query.UserName.Trim());
            if (query.PersonalDataOnly == true) entries = entries.Where(a => a.ContainsPersonalData);
            if (query.Action is { } action) entries = entries.Where(a => a.Action == action);
            if (!string.IsNullOrWhiteSpace(query.EntityType)) entries = entries.Where(a => a.EntityType == query.EntityType.Trim());
            if (!string.IsNullOrWhiteSpace(query.EntityId)) entries = entries.Where(a => a.EntityId == query.EntityId.Trim());
            return entries.OrderByDescending(a => a.Id)
                .Select(a => new Row(a.Id, a.At, a.UserName, a.Action, a.EntityType, a.EntityId, a.Summary, a.Before, a.After, a.IpAddress, a.ContainsPersonalData));
        }

        public Task<List<string>> EntityTypesAsync(CancellationToken cancellationToken) =>
            db.AuditEntries.AsNoTracking().Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;
    public List<string> EntityTypes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await handler.Rows(Filter).ToPagedListAsync(Filter, 50, cancellationToken);
        EntityTypes = await handler.EntityTypesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.Rows(Filter).Take(100_000).ToListAsync(cancellationToken);
        await audit.RecordExportAsync("Nhật ký hệ thống", rows.Count, containsPersonalData: true, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Nhật ký", [
            new XlsxColumn<Row>("Thời điểm", r => VietnamTime.ToLocal(r.At), XlsxFormat.DateTime, 17),
            new XlsxColumn<Row>("Người dùng", r => r.UserName),
            new XlsxColumn<Row>("Thao tác", r => Fmt.Enum(r.Action), Width: 16),
            new XlsxColumn<Row>("Đối tượng", r => r.EntityType, Width: 20),
            new XlsxColumn<Row>("Mã", r => r.EntityId, Width: 10),
            new XlsxColumn<Row>("Mô tả", r => r.Summary, Width: 30),
            new XlsxColumn<Row>("Trước", r => r.Before, Width: 50),
            new XlsxColumn<Row>("Sau", r => r.After, Width: 50),
            new XlsxColumn<Row>("Địa chỉ IP", r => r.IpAddress, Width: 16),
        ], rows, title: "Nhật ký hệ thống");
        return book.ToFileResult("nhat-ky-he-thong.xlsx");
    }
}
