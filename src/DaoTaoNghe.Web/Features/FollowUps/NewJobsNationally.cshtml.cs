using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Indicators;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoTaoNghe.Features.FollowUps;

/// <summary>
/// The people a nation's figure of new jobs of a year counts (national tier, behind the "Cả nước" value of the comparison
/// of the provinces): one row per person (one CCCD, however many provinces recorded their job; a record without a CCCD is
/// a person of its own) with every province holding a record of them, read from the very rows the value counts, so the
/// list counts what the value says. Only the ministry's roles hold the permission, and they exist only on the national
/// tier: a province has its own list of its outcomes (<c>/FollowUps/Outcomes?loai=</c>).
/// </summary>
[Authorize(Policy = FollowUpPolicies.ReadNationalPersons)]
public class NewJobsNationally(NewJobsNationally.Handler handler, AuditTrail audit, TimeProvider clock) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "ma")] public string? Code { get; set; }
        [FromQuery(Name = "nam")] public int? Year { get; set; }
    }

    public sealed class Handler(AppDbContext db, IndicatorEngine engine) : IHandler
    {
        private IQueryable<EmploymentOutcome> Rows(string code, int year) => engine.NationalRows<EmploymentOutcome>(code, year);

        public Task<PagedList<NationalPersons.Listed>> PageAsync(string code, int year, Query query, CancellationToken cancellationToken = default) =>
            NationalPersons.PageAsync(db, Rows(code, year), o => o.Learner, query, cancellationToken);

        public Task<List<NationalPersons.Listed>> AllAsync(string code, int year, CancellationToken cancellationToken = default) =>
            NationalPersons.AllAsync(db, Rows(code, year), o => o.Learner, cancellationToken);
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public Indicator Indicator { get; private set; } = null!;
    public int Year => Filter.Year is { } year and >= 2000 and <= 2100 ? year : VietnamTime.Today(clock).Year;
    public string Title => $"{Indicator.Name}: những người được tính của cả nước năm {Year}";
    public PagedList<NationalPersons.Listed> Data { get; private set; } = null!;

    private void Choose()
    {
        var code = string.IsNullOrWhiteSpace(Filter.Code) ? FollowUpIndicators.NewJobs[0] : Filter.Code.Trim();
        Indicator = FollowUpIndicators.NewJobs.Contains(code) && IndicatorCatalogue.Find(code) is { } indicator
            ? indicator
            : throw new NotFoundException($"Chỉ số mã \"{code}\" không có danh sách người được giải quyết việc làm của cả nước.");
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Choose();
        Data = await audit.ListedAsync(await handler.PageAsync(Indicator.Code, Year, Filter, cancellationToken), nameof(Learner), Title, r => r.LearnerId, cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        Choose();
        var rows = await handler.AllAsync(Indicator.Code, Year, cancellationToken);
        await audit.RecordExportAsync(Title, rows.Count, containsPersonalData: true, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Người có việc làm mới", NationalPersons.Columns(), rows, title: Title);
        return book.ToFileResult($"viec-lam-moi-ca-nuoc-{Year}.xlsx");
    }
}
