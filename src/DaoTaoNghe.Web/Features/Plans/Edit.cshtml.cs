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
public class Edit(Edit.Handler handler, PlanChoices choices, IValidator<Create.Command> validator) : PageModel
{
    public sealed class Handler(AppDbContext db, IValidator<Create.Command> validator, Create.Handler create, TaskAssignments assignments) : IHandler
    {
        public async Task<Create.Command> LoadAsync(int id, CancellationToken cancellationToken = default)
        {
            var plan = await FindAsync(id, cancellationToken);
            return new Create.Command
            {
                Number = plan.Number, IssuedOn = plan.IssuedOn, Title = plan.Title, LegalBasis = plan.LegalBasis,
                IssuedById = plan.IssuedById, ReplacesId = plan.ReplacesId, Notes = plan.Notes,
                Sections = string.Join("\n", plan.Sections.OrderBy(s => s.Order).Select(s => $"{s.Code}. {s.Title}")),
            };
        }

        public async Task HandleAsync(int id, Create.Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var plan = await FindAsync(id, cancellationToken);
            await create.ApplyAsync(plan, command, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        /// <summary>Re-expands every task's groups, so bodies created since (a new institution) get their assignments. Returns how many were added.</summary>
        public async Task<int> SyncAssignmentsAsync(int id, CancellationToken cancellationToken = default)
        {
            await FindAsync(id, cancellationToken);
            var tasks = await db.PlanTasks.Include(t => t.Parties).Include(t => t.Assignments)
                .Where(t => t.PlanId == id).ToListAsync(cancellationToken);
            var added = 0;
            foreach (var task in tasks) added += await assignments.SyncAsync(task, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await assignments.TellAsync(tasks.Select(t => t.Id).ToList(), cancellationToken);
            return added;
        }

        private async Task<Plan> FindAsync(int id, CancellationToken cancellationToken) =>
            await db.Plans.Include(p => p.Sections).SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException("Không tìm thấy kế hoạch.");
    }

    [BindProperty]
    public Create.Command Data { get; set; } = new();

    public List<SelectListItem> Issuers { get; private set; } = [];
    public List<SelectListItem> Plans { get; private set; } = [];

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.LoadAsync(id, cancellationToken);
        await LoadAsync(id, cancellationToken);
    }

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Issuers = await choices.ProvincialBodiesAsync(cancellationToken);
        Plans = await choices.PlansAsync(id, cancellationToken);
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.HandleAsync(id, Data, cancellationToken);
                TempData["Message"] = "Đã lưu thay đổi.";
                return RedirectToPage("Details", new { id });
            },
            reload: () => LoadAsync(id, cancellationToken));

    public async Task<IActionResult> OnPostSyncAsync(int id, CancellationToken cancellationToken)
    {
        var added = await handler.SyncAssignmentsAsync(id, cancellationToken);
        TempData["Message"] = added == 0 ? "Phân công đã đầy đủ, không có thay đổi." : $"Đã cập nhật phân công: thêm {Fmt.Number(added)} lượt giao nhiệm vụ.";
        return RedirectToPage("Details", new { id });
    }
}
