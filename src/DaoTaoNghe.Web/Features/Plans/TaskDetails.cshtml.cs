using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Files;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Plans;

/// <summary>
/// A task with its parties, the assignments the caller may see, their updates and evidence, and the
/// form with which an assigned body (or the province admin, for it) reports progress.
/// </summary>
public class TaskDetails(TaskDetails.Handler handler, PostUpdate.Handler post, IValidator<PostUpdate.Command> validator, FileStore files,
    DataScopeAccessor scopeAccessor, TimeProvider clock) : PageModel
{
    public sealed record Party(PartyRole Role, string Label, int? OrganisationId, bool Linked);

    public sealed record Assignment(int Id, int OrganisationId, string OrganisationName, PartyRole Role, AssignmentStatus Status, DateTime? UpdatedAt);

    public sealed record Evidence(int Id, string FileName, long Size);

    public sealed record Update(int Id, string OrganisationName, AssignmentStatus Status, string Note, DateTime At, string? UserName, IReadOnlyList<Evidence> Files);

    public sealed record Result(int Id, int PlanId, string? PlanNumber, string PlanTitle, string? SectionCode, string? SectionTitle, string Number,
        string Content, TimeFrameKind TimeFrame, int? FromYear, int? ToYear, string? Note,
        IReadOnlyList<Party> Parties, IReadOnlyList<Assignment> Assignments, IReadOnlyList<Update> Updates)
    {
        public string TimeFrameText => PlanTask.TimeFrameLabel(TimeFrame, FromYear, ToYear);
    }

    public sealed class Handler(AppDbContext db) : IHandler
    {
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default)
        {
            var task = await db.PlanTasks.AsNoTracking().Where(t => t.Id == id)
                .Select(t => new
                {
                    t.Id, t.PlanId, PlanNumber = t.Plan.Number, PlanTitle = t.Plan.Title,
                    SectionCode = t.Section != null ? t.Section.Code : null, SectionTitle = t.Section != null ? t.Section.Title : null,
                    t.Number, t.Content, t.TimeFrame, t.FromYear, t.ToYear, t.Note,
                })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Không tìm thấy nhiệm vụ.");
            var parties = await db.TaskParties.AsNoTracking().Where(p => p.TaskId == id).OrderBy(p => p.Role).ThenBy(p => p.Order)
                .Select(p => new Party(p.Role, p.Label, p.OrganisationId, p.OrganisationId != null || p.Group != null))
                .ToListAsync(cancellationToken);
            var assignments = await db.TaskAssignments.AsNoTracking().Where(a => a.TaskId == id)
                .OrderBy(a => a.Role).ThenBy(a => a.Organisation.Kind).ThenBy(a => a.Organisation.Name)
                .Select(a => new Assignment(a.Id, a.OrganisationId, a.Organisation.Name, a.Role, a.Status, a.UpdatedAt))
                .ToListAsync(cancellationToken);
            var updates = await db.TaskUpdates.AsNoTracking().Where(u => u.Assignment.TaskId == id)
                .OrderByDescending(u => u.At).ThenByDescending(u => u.Id)
                .Select(u => new
                {
                    u.Id, Organisation = u.Assignment.Organisation.Name, u.Status, u.Note, u.At, u.UserName,
                    Files = u.Evidence.OrderBy(e => e.Id).Select(e => new Evidence(e.Id, e.FileName, e.Size)).ToList(),
                })
                .ToListAsync(cancellationToken);
            return new Result(task.Id, task.PlanId, task.PlanNumber, task.PlanTitle, task.SectionCode, task.SectionTitle, task.Number, task.Content,
                task.TimeFrame, task.FromYear, task.ToYear, task.Note, parties, assignments,
                updates.Select(u => new Update(u.Id, u.Organisation, u.Status, u.Note, u.At, u.UserName, u.Files)).ToList());
        }

        /// <summary>An evidence file the caller may see; out of scope is not found.</summary>
        public async Task<TaskEvidence> EvidenceAsync(int evidenceId, CancellationToken cancellationToken = default) =>
            await db.TaskEvidence.AsNoTracking().SingleOrDefaultAsync(e => e.Id == evidenceId, cancellationToken)
            ?? throw new NotFoundException("Không tìm thấy tệp minh chứng hoặc bạn không có quyền xem.");
    }

    [BindProperty]
    public PostUpdate.Command Data { get; set; } = new();

    [BindProperty]
    public int AssignmentId { get; set; }

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    public Result Item { get; private set; } = null!;

    /// <summary>The assignments the caller may post updates for: their own, or any for the province admin.</summary>
    public List<SelectListItem> Writable { get; private set; } = [];

    public DateOnly Deadline => PlanTask.DeadlineOn(Item.TimeFrame, Item.ToYear, VietnamTime.Today(clock));

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        Data.Status = Item.Assignments.FirstOrDefault(a => a.Id == AssignmentId)?.Status;
    }

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Item = await handler.HandleAsync(id, cancellationToken);
        var scope = scopeAccessor.Current;
        Writable = scope.IsReadOnly
            ? []
            : Item.Assignments.Where(a => a.OrganisationId == scope.OrganisationId || scope.IsProvinceAdmin)
                .OrderBy(a => a.OrganisationId != scope.OrganisationId)
                .Select(a => new SelectListItem($"{a.OrganisationName} ({Fmt.Enum(a.Role).ToLowerInvariant()})", a.Id.ToString()))
                .ToList();
        if (AssignmentId == 0 && Writable.Count > 0) AssignmentId = int.Parse(Writable[0].Value);
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                if (!(await handler.HandleAsync(id, cancellationToken)).Assignments.Any(a => a.Id == AssignmentId))
                    throw new NotFoundException("Không tìm thấy nhiệm vụ được giao hoặc bạn không có quyền xem.");
                await post.HandleAsync(AssignmentId, Data, Files, cancellationToken);
                TempData["Message"] = "Đã cập nhật tiến độ nhiệm vụ.";
                return RedirectToPage("TaskDetails", new { id });
            },
            reload: () => LoadAsync(id, cancellationToken));

    public async Task<IActionResult> OnGetEvidenceAsync(int file, CancellationToken cancellationToken)
    {
        var evidence = await handler.EvidenceAsync(file, cancellationToken);
        return files.Download(evidence.FileKey, evidence.FileName, evidence.ContentType);
    }
}
