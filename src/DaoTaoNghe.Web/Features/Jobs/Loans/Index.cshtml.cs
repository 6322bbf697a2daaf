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

namespace DaoTaoNghe.Features.Jobs.Loans;

/// <summary>Loans: a bank branch its own, province-wide roles all.</summary>
[Authorize(Policy = JobPolicies.ReadLoans)]
public class Index(Index.Handler handler, AuditTrail audit) : PageModel
{

    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "nam")] public int? Year { get; set; }
        [FromQuery(Name = "muc-dich")] public LoanPurpose? Purpose { get; set; }
        [FromQuery(Name = "trang-thai")] public LoanStatus? Status { get; set; }
    }

    public sealed record Row(int Id, string FullName, LoanPurpose Purpose, long Amount, DateOnly LoanedOn, LoanStatus Status, string BranchName);

    public sealed record Summary(int Loans, long Amount);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        private IQueryable<SocialPolicyLoan> Filtered(Query query)
        {
            var loans = db.SocialPolicyLoans.AsNoTracking();
            if (query.Year is { } year) loans = loans.Where(l => l.LoanedOn >= new DateOnly(year, 1, 1) && l.LoanedOn <= new DateOnly(year, 12, 31));
            if (query.Purpose is { } purpose) loans = loans.Where(l => l.Purpose == purpose);
            if (query.Status is { } status) loans = loans.Where(l => l.Status == status);
            return loans;
        }

        public IQueryable<Row> Rows(Query query) =>
            Filtered(query).OrderByDescending(l => l.LoanedOn).ThenByDescending(l => l.Id)
                .Select(l => new Row(l.Id, l.BorrowerName, l.Purpose, l.Amount, l.LoanedOn, l.Status, l.BankBranch.Name));

        public async Task<Summary> SummarizeAsync(Query query, CancellationToken cancellationToken)
        {
            var loans = Filtered(query);
            return new Summary(await loans.CountAsync(cancellationToken), await loans.SumAsync(l => l.Amount, cancellationToken));
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;
    public Summary Totals { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await audit.ListedAsync(await handler.Rows(Filter).ToPagedListAsync(Filter, cancellationToken: cancellationToken),
            "SocialPolicyLoan", "Xem danh sách cho vay", r => r.Id, cancellationToken);
        Totals = await handler.SummarizeAsync(Filter, cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.Rows(Filter).ToListAsync(cancellationToken);
        await audit.RecordExportAsync("Khoản vay Ngân hàng Chính sách xã hội", rows.Count, containsPersonalData: true, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Khoản vay", [
            new XlsxColumn<Row>("Người vay", r => r.FullName, Width: 26),
            new XlsxColumn<Row>("Mục đích", r => Fmt.Enum(r.Purpose), Width: 30),
            new XlsxColumn<Row>("Số tiền (đ)", r => r.Amount, XlsxFormat.Integer, 16),
            new XlsxColumn<Row>("Ngày vay", r => r.LoanedOn, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Trạng thái", r => Fmt.Enum(r.Status), Width: 14),
            new XlsxColumn<Row>("Chi nhánh", r => r.BranchName, Width: 30),
        ], rows, title: "Khoản vay học nghề, tạo việc làm");
        return book.ToFileResult("khoan-vay.xlsx");
    }
}
