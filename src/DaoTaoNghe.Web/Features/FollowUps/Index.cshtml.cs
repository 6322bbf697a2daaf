using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.FollowUps;

/// <summary>Follow-ups due this month and overdue, for the caller's communes (or institution, or province).</summary>
[Authorize(Policy = FollowUpPolicies.Read)]
public class Index(DueFollowUps due, UnitChoices units, OccupationChoices occupations, AuditTrail audit) : PageModel
{

    [BindProperty(SupportsGet = true)]
    public DueFollowUps.Query Filter { get; set; } = new();

    public PagedList<DueRow> Data { get; private set; } = null!;
    public DateOnly Month { get; private set; }
    public List<SelectListItem> Communes { get; private set; } = [];
    public List<SelectListItem> Occupations { get; private set; } = [];
    public DueFilterView Filters => new(Filter, Month, Communes, Occupations);
    public bool CanRecord => User.Holds(FollowUpPolicies.Write);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Month = due.MonthOf(Filter);
        Data = await audit.ListedAsync(await due.Rows(Filter).ToPagedListAsync(Filter, cancellationToken: cancellationToken),
            "Enrolment", "Xem danh sách đến hạn theo dõi việc làm", r => r.EnrolmentId, cancellationToken);
        Communes = await units.CurrentCommunesAsync(cancellationToken);
        Occupations = await occupations.SelectListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var month = due.MonthOf(Filter);
        var rows = await due.Rows(Filter).ToListAsync(cancellationToken);
        await audit.RecordExportAsync("Theo dõi việc làm đến hạn", rows.Count, containsPersonalData: true, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Đến hạn theo dõi", [
            new XlsxColumn<DueRow>("Họ và tên", r => r.LearnerName, Width: 28),
            new XlsxColumn<DueRow>("Ngày sinh", r => r.BirthDate, XlsxFormat.Date, 12),
            new XlsxColumn<DueRow>("Xã, phường", r => r.CommuneName, Width: 22),
            new XlsxColumn<DueRow>("Lớp", r => r.CourseName, Width: 36),
            new XlsxColumn<DueRow>("Nghề", r => r.OccupationName, Width: 28),
            new XlsxColumn<DueRow>("Cơ sở đào tạo", r => r.InstitutionName, Width: 32),
            new XlsxColumn<DueRow>("Ngày hoàn thành", r => r.CompletedOn, XlsxFormat.Date, 14),
            new XlsxColumn<DueRow>("Mốc (tháng)", r => r.Checkpoint, XlsxFormat.Integer, 10),
            new XlsxColumn<DueRow>("Đến hạn ngày", r => r.DueOn, XlsxFormat.Date, 14),
            new XlsxColumn<DueRow>("Quá hạn", r => DueFollowUps.IsOverdue(r, month) ? "Quá hạn" : "", Width: 10),
        ], rows, title: $"Theo dõi việc làm sau đào tạo đến hạn tháng {month:MM/yyyy}");
        return book.ToFileResult("theo-doi-viec-lam.xlsx");
    }
}
