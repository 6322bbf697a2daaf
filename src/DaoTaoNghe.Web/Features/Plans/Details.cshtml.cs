using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Plans;

/// <summary>
/// A plan as issued, with its appendix of tasks. Province-wide roles see how many bodies have
/// completed each task; any other body sees its own status on the tasks it was given.
/// </summary>
public class Details(Details.Handler handler, AuditTrail audit) : PageModel
{
    public sealed record Section(int? Id, string Code, string Title, IReadOnlyList<TaskRow> Tasks);

    public sealed record TaskRow(int Id, string Number, string Content, string Lead, string Coordinating, string TimeFrame,
        int Assigned, int Completed, AssignmentStatus? OwnStatus);

    public sealed record Result(int Id, string? Number, DateOnly IssuedOn, string Title, string? LegalBasis, string? IssuedBy,
        int? ReplacesId, string? ReplacesLabel, int? ReplacedById, string? ReplacedByLabel, string? Notes, IReadOnlyList<Section> Sections);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default)
        {
            var plan = await db.Plans.AsNoTracking().Where(p => p.Id == id)
                .Select(p => new
                {
                    p.Id, p.Number, p.IssuedOn, p.Title, p.LegalBasis, IssuedBy = p.IssuedBy != null ? p.IssuedBy.Name : null,
                    p.ReplacesId, ReplacesNumber = p.Replaces != null ? p.Replaces.Number : null,
                    ReplacesOn = p.Replaces != null ? (DateOnly?)p.Replaces.IssuedOn : null, p.Notes,
                })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Không tìm thấy kế hoạch.");
            var replacedBy = await db.Plans.AsNoTracking().Where(p => p.ReplacesId == id)
                .Select(p => new { p.Id, p.Number, p.IssuedOn }).FirstOrDefaultAsync(cancellationToken);
            var sections = await db.PlanSections.AsNoTracking().Where(s => s.PlanId == id).OrderBy(s => s.Order)
                .Select(s => new { s.Id, s.Code, s.Title }).ToListAsync(cancellationToken);
            var tasks = await TaskRowsAsync(id, cancellationToken);

            var result = sections.Select(s => new Section(s.Id, s.Code, s.Title, tasks.Where(t => t.SectionId == s.Id).Select(t => t.Row).ToList())).ToList();
            var loose = tasks.Where(t => t.SectionId is null).Select(t => t.Row).ToList();
            if (loose.Count > 0) result.Add(new Section(null, "", "Nhiệm vụ khác", loose));
            return new Result(plan.Id, plan.Number, plan.IssuedOn, plan.Title, plan.LegalBasis, plan.IssuedBy,
                plan.ReplacesId, plan.ReplacesOn is { } on ? Label(plan.ReplacesNumber, on) : null,
                replacedBy?.Id, replacedBy is null ? null : Label(replacedBy.Number, replacedBy.IssuedOn),
                plan.Notes, result);
        }

        private static string Label(string? number, DateOnly issuedOn) => $"{number ?? "Kế hoạch chưa ghi số"} ngày {Fmt.Date(issuedOn)}";

        public async Task<List<(int? SectionId, TaskRow Row)>> TaskRowsAsync(int planId, CancellationToken cancellationToken)
        {
            var organisationId = db.Scope.OrganisationId;
            var rows = await db.PlanTasks.AsNoTracking().Where(t => t.PlanId == planId)
                .OrderBy(t => t.Section != null ? t.Section.Order : int.MaxValue).ThenBy(t => t.Order)
                .Select(t => new
                {
                    t.Id, t.SectionId, SectionCode = t.Section != null ? t.Section.Code : null, t.Number, t.Content, t.TimeFrame, t.FromYear, t.ToYear,
                    Parties = t.Parties.OrderBy(p => p.Role).ThenBy(p => p.Order).Select(p => new { p.Role, p.Label }).ToList(),
                    Assigned = t.Assignments.Count(),
                    Completed = t.Assignments.Count(a => a.Status == AssignmentStatus.Completed),
                    Own = t.Assignments.Where(a => a.OrganisationId == organisationId).Select(a => (AssignmentStatus?)a.Status).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            return rows.Select(t => (t.SectionId, new TaskRow(t.Id, t.Number, t.Content,
                string.Join("; ", t.Parties.Where(p => p.Role == PartyRole.Lead).Select(p => p.Label)),
                string.Join("; ", t.Parties.Where(p => p.Role == PartyRole.Coordinating).Select(p => p.Label)),
                PlanTask.TimeFrameLabel(t.TimeFrame, t.FromYear, t.ToYear), t.Assigned, t.Completed, t.Own))).ToList();
        }
    }

    public Result Data { get; private set; } = null!;

    public async Task OnGetAsync(int id, CancellationToken cancellationToken) => Data = await handler.HandleAsync(id, cancellationToken);

    public async Task<IActionResult> OnGetExportAsync(int id, CancellationToken cancellationToken)
    {
        var plan = await handler.HandleAsync(id, cancellationToken);
        var rows = plan.Sections.SelectMany(s => s.Tasks.Select(t => (Section: s.Code, Task: t))).ToList();
        await audit.RecordExportAsync("Phụ lục nhiệm vụ của kế hoạch " + (plan.Number ?? plan.Id.ToString()), rows.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Nhiệm vụ", [
            new XlsxColumn<(string Section, TaskRow Task)>("Mục", r => r.Section, Width: 6),
            new XlsxColumn<(string Section, TaskRow Task)>("TT", r => r.Task.Number, Width: 6),
            new XlsxColumn<(string Section, TaskRow Task)>("Nội dung", r => r.Task.Content, Width: 80),
            new XlsxColumn<(string Section, TaskRow Task)>("Cơ quan chủ trì", r => r.Task.Lead, Width: 40),
            new XlsxColumn<(string Section, TaskRow Task)>("Cơ quan phối hợp", r => r.Task.Coordinating, Width: 40),
            new XlsxColumn<(string Section, TaskRow Task)>("Thời gian thực hiện", r => r.Task.TimeFrame, Width: 20),
            new XlsxColumn<(string Section, TaskRow Task)>("Số đơn vị được giao", r => r.Task.Assigned, XlsxFormat.Integer, 12),
            new XlsxColumn<(string Section, TaskRow Task)>("Số đơn vị đã hoàn thành", r => r.Task.Completed, XlsxFormat.Integer, 12),
        ], rows, title: "Phụ lục nhiệm vụ – " + plan.Title);
        return book.ToFileResult("phu-luc-nhiem-vu.xlsx");
    }
}
