using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Plans;

/// <summary>
/// Tasks as agencies carry them: a body sees the tasks it was given, lead or coordinating, with its
/// status; province-wide roles see every body's, and can filter by body.
/// </summary>
public class Tasks(Tasks.Handler handler, PlanChoices choices, AuditTrail audit, TimeProvider clock) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "q")] public string? Search { get; set; }
        [FromQuery(Name = "ke-hoach")] public int? PlanId { get; set; }
        [FromQuery(Name = "don-vi")] public int? OrganisationId { get; set; }
        [FromQuery(Name = "tinh-trang")] public AssignmentStatus? Status { get; set; }
        [FromQuery(Name = "vai-tro")] public PartyRole? Role { get; set; }

        /// <summary>The caller's assignments waiting for an action (<see cref="PlanWork"/>): "qua-han" or "den-han".</summary>
        [FromQuery(Name = "viec")] public string? Work { get; set; }
    }

    public sealed record Row(int AssignmentId, int TaskId, string? PlanNumber, string? SectionCode, string Number, string Content,
        string OrganisationName, PartyRole Role, TimeFrameKind TimeFrame, int? FromYear, int? ToYear, AssignmentStatus Status, DateTime? UpdatedAt)
    {
        public string Label => SectionCode is null ? Number : $"{SectionCode}.{Number}";
        public string TimeFrameText => PlanTask.TimeFrameLabel(TimeFrame, FromYear, ToYear);
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IHandler
    {
        private IQueryable<TaskAssignment> Filtered(Query query)
        {
            var assignments = db.TaskAssignments.AsNoTracking();
            if (!db.Scope.SeesWholeProvince) assignments = assignments.Where(a => a.OrganisationId == db.Scope.OrganisationId);
            if (PlanWork.Waiting(query.Work, VietnamTime.Today(clock).Year, db.Scope.OrganisationId) is { } waiting) assignments = assignments.Where(waiting);
            if (query.PlanId is { } planId) assignments = assignments.Where(a => a.Task.PlanId == planId);
            if (query.OrganisationId is { } organisationId) assignments = assignments.Where(a => a.OrganisationId == organisationId);
            if (query.Status is { } status) assignments = assignments.Where(a => a.Status == status);
            if (query.Role is { } role) assignments = assignments.Where(a => a.Role == role);
            if (!string.IsNullOrWhiteSpace(query.Search))
                assignments = assignments.Where(a => EF.Functions.Like(a.Task.SearchText, TextSearch.ContainsPattern(query.Search), "\\"));
            return assignments;
        }

        public IQueryable<Row> Rows(Query query) =>
            Filtered(query)
                .OrderByDescending(a => a.Task.Plan.IssuedOn).ThenBy(a => a.Task.Section != null ? a.Task.Section.Order : int.MaxValue)
                .ThenBy(a => a.Task.Order).ThenBy(a => a.Organisation.Name)
                .Select(a => new Row(a.Id, a.TaskId, a.Task.Plan.Number, a.Task.Section != null ? a.Task.Section.Code : null, a.Task.Number,
                    a.Task.Content, a.Organisation.Name, a.Role, a.Task.TimeFrame, a.Task.FromYear, a.Task.ToYear, a.Status, a.UpdatedAt));

        public async Task<Dictionary<AssignmentStatus, int>> CountsAsync(Query query, CancellationToken cancellationToken) =>
            await Filtered(new Query { Search = query.Search, PlanId = query.PlanId, OrganisationId = query.OrganisationId, Role = query.Role, Work = query.Work })
                .GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;
    public Dictionary<AssignmentStatus, int> Counts { get; private set; } = [];
    public List<SelectListItem> Plans { get; private set; } = [];
    public List<SelectListItem> Organisations { get; private set; } = [];
    public DateOnly Today => VietnamTime.Today(clock);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await handler.Rows(Filter).ToPagedListAsync(Filter, cancellationToken: cancellationToken);
        Counts = await handler.CountsAsync(Filter, cancellationToken);
        Plans = await choices.PlansAsync(cancellationToken: cancellationToken);
        Organisations = await choices.OrganisationsAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.Rows(Filter).ToListAsync(cancellationToken);
        await audit.RecordExportAsync("Nhiệm vụ được giao", rows.Count, containsPersonalData: false, cancellationToken);
        var today = Today;
        using var book = new XlsxBook();
        book.AddSheet("Nhiệm vụ", [
            new XlsxColumn<Row>("Kế hoạch", r => r.PlanNumber ?? "Chưa ghi số", Width: 16),
            new XlsxColumn<Row>("TT", r => r.Label, Width: 7),
            new XlsxColumn<Row>("Nội dung", r => r.Content, Width: 70),
            new XlsxColumn<Row>("Đơn vị", r => r.OrganisationName, Width: 36),
            new XlsxColumn<Row>("Vai trò", r => Fmt.Enum(r.Role), Width: 10),
            new XlsxColumn<Row>("Thời gian thực hiện", r => r.TimeFrameText, Width: 20),
            new XlsxColumn<Row>("Hạn", r => PlanTask.DeadlineOn(r.TimeFrame, r.ToYear, today), XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Tình trạng", r => Fmt.Enum(r.Status), Width: 16),
            new XlsxColumn<Row>("Cập nhật lần cuối", r => r.UpdatedAt is { } at ? VietnamTime.ToLocal(at) : null, XlsxFormat.DateTime, 17),
        ], rows, title: "Nhiệm vụ được giao");
        return book.ToFileResult("nhiem-vu-duoc-giao.xlsx");
    }
}
