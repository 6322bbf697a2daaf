using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Indicators;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoTaoNghe.Features.Courses;

/// <summary>
/// The people the nation's "people trained" of a year counts (national tier, behind the "Cả nước" value of the comparison
/// of the provinces): one row per person (one CCCD, however many provinces trained them; a record without a CCCD is a
/// person of its own) with every province holding a record of them, read from the very rows the value counts, so the list
/// counts what the value says. Only the ministry's roles hold the permission, and they exist only on the national tier: a
/// province has its own list of its people trained (<c>/Courses/Enrolments?dem=nguoi</c>).
/// </summary>
[Authorize(Policy = CoursePolicies.ReadNationalPersons)]
public class TrainedNationally(TrainedNationally.Handler handler, AuditTrail audit, TimeProvider clock) : PageModel
{
    public const string Computation = "training.completed";

    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "nam")] public int? Year { get; set; }
    }

    public sealed class Handler(AppDbContext db, IndicatorEngine engine) : IHandler
    {
        private IQueryable<Enrolment> Rows(int year) => engine.NationalRows<Enrolment>(Computation, year);

        public Task<PagedList<NationalPersons.Listed>> PageAsync(int year, Query query, CancellationToken cancellationToken = default) =>
            NationalPersons.PageAsync(db, Rows(year), e => e.Learner, query, cancellationToken);

        public Task<List<NationalPersons.Listed>> AllAsync(int year, CancellationToken cancellationToken = default) =>
            NationalPersons.AllAsync(db, Rows(year), e => e.Learner, cancellationToken);
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public int Year => Filter.Year is { } year and >= 2000 and <= 2100 ? year : VietnamTime.Today(clock).Year;
    public string Title => $"Người được đào tạo của cả nước năm {Year}";
    public PagedList<NationalPersons.Listed> Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await audit.ListedAsync(await handler.PageAsync(Year, Filter, cancellationToken), nameof(Learner), Title, r => r.LearnerId, cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.AllAsync(Year, cancellationToken);
        await audit.RecordExportAsync(Title, rows.Count, containsPersonalData: true, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Người được đào tạo", NationalPersons.Columns(), rows, title: Title);
        return book.ToFileResult($"nguoi-duoc-dao-tao-ca-nuoc-{Year}.xlsx");
    }
}
