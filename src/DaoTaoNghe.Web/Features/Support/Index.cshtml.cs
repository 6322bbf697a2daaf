using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Support;

/// <summary>The province's support rule sets, newest first, with the one in force today marked.</summary>
public class Index(Index.Handler handler, AuditTrail audit) : PageModel
{
    public sealed class Query : PagedQuery
    {
    }

    public sealed record Row(int Id, string Code, string Title, DateOnly EffectiveFrom, DateOnly? EffectiveTo, bool OncePerPerson,
        long MealPerDay, long HighestMaximum, int Groups, bool InForceToday);

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IHandler
    {
        public IQueryable<Row> Rows()
        {
            var today = VietnamTime.Today(clock);
            return db.SupportRuleSets.AsNoTracking()
                .OrderByDescending(r => r.EffectiveFrom)
                .Select(r => new Row(r.Id, r.Code, r.Title, r.EffectiveFrom, r.EffectiveTo, r.OncePerPerson, r.MealPerDay,
                    r.Groups.Max(g => (long?)g.MaxPerCourse) ?? 0, r.Groups.Count,
                    r.EffectiveFrom <= today && (r.EffectiveTo == null || r.EffectiveTo >= today)));
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Data = await handler.Rows().ToPagedListAsync(Filter, cancellationToken: cancellationToken);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.Rows().ToListAsync(cancellationToken);
        await audit.RecordExportAsync("Chính sách hỗ trợ đào tạo", rows.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Chính sách", [
            new XlsxColumn<Row>("Số hiệu", r => r.Code, Width: 22),
            new XlsxColumn<Row>("Tên văn bản", r => r.Title, Width: 60),
            new XlsxColumn<Row>("Hiệu lực từ", r => r.EffectiveFrom, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Hiệu lực đến", r => r.EffectiveTo, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Hỗ trợ một lần/người", r => r.OncePerPerson, Width: 12),
            new XlsxColumn<Row>("Tiền ăn/ngày", r => r.MealPerDay, XlsxFormat.Money, 14),
            new XlsxColumn<Row>("Mức tối đa cao nhất", r => r.HighestMaximum, XlsxFormat.Money, 16),
            new XlsxColumn<Row>("Số nhóm đối tượng", r => r.Groups, XlsxFormat.Integer, 10),
        ], rows, title: "Chính sách hỗ trợ đào tạo nghề");
        return book.ToFileResult("chinh-sach-ho-tro.xlsx");
    }
}
