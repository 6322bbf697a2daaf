using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Plans;

[Authorize(Policy = CommonPolicies.Administer)]
public class TaskEdit(TaskEdit.Handler handler, PlanChoices choices, IValidator<TaskCreate.Command> validator) : PageModel
{
    public sealed class Handler(AppDbContext db, IValidator<TaskCreate.Command> validator, TaskCreate.Handler create, TaskAssignments assignments) : IHandler
    {
        public async Task<(int PlanId, TaskCreate.Command Command)> LoadAsync(int id, CancellationToken cancellationToken = default)
        {
            var task = await FindAsync(id, cancellationToken);
            List<T> Of<T>(PartyRole role, Func<TaskParty, T?> pick) where T : struct =>
                task.Parties.Where(p => p.Role == role).OrderBy(p => p.Order).Select(pick).Where(v => v is not null).Select(v => v!.Value).ToList();
            string Others(PartyRole role) =>
                string.Join("; ", task.Parties.Where(p => p.Role == role && p.OrganisationId is null && p.Group is null).OrderBy(p => p.Order).Select(p => p.Label));
            return (task.PlanId, new TaskCreate.Command
            {
                SectionId = task.SectionId, Number = task.Number, Content = task.Content, TimeFrame = task.TimeFrame,
                FromYear = task.FromYear, ToYear = task.ToYear, Note = task.Note,
                LeadGroups = Of(PartyRole.Lead, p => p.Group), LeadOrganisationIds = Of(PartyRole.Lead, p => p.OrganisationId), LeadOthers = Others(PartyRole.Lead),
                CoordinatingGroups = Of(PartyRole.Coordinating, p => p.Group), CoordinatingOrganisationIds = Of(PartyRole.Coordinating, p => p.OrganisationId),
                CoordinatingOthers = Others(PartyRole.Coordinating),
            });
        }

        public async Task HandleAsync(int id, TaskCreate.Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var task = await FindAsync(id, cancellationToken);
            await create.ApplyAsync(task, command, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await assignments.TellAsync([task.Id], cancellationToken);
        }

        private async Task<PlanTask> FindAsync(int id, CancellationToken cancellationToken) =>
            await db.PlanTasks.Include(t => t.Parties).Include(t => t.Assignments).SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new NotFoundException("Không tìm thấy nhiệm vụ.");
    }

    [BindProperty]
    public TaskCreate.Command Data { get; set; } = new();

    public int PlanId { get; private set; }
    public List<SelectListItem> Sections { get; private set; } = [];
    public List<SelectListItem> Organisations { get; private set; } = [];

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        (PlanId, Data) = await handler.LoadAsync(id, cancellationToken);
        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Sections = await choices.SectionsAsync(PlanId, cancellationToken);
        Organisations = await choices.OrganisationsAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.HandleAsync(id, Data, cancellationToken);
                TempData["Message"] = "Đã lưu nhiệm vụ và cập nhật phân công.";
                return RedirectToPage("TaskDetails", new { id });
            },
            reload: async () =>
            {
                PlanId = (await handler.LoadAsync(id, cancellationToken)).PlanId;
                await LoadAsync(cancellationToken);
            });
}
