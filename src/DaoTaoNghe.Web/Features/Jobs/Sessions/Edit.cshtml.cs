using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs.Sessions;

/// <summary>Corrects a session its organiser recorded: kind, title, date, place, notes (the page and PUT /api/v1/job-sessions/{id}).</summary>
[Authorize(Policy = JobPolicies.WriteSessions)]
public class Edit(Edit.Handler handler, UnitChoices units, IValidator<Create.Command> validator) : PageModel
{
    public sealed class Handler(AppDbContext db, Create.Handler create) : IHandler
    {
        public async Task<Create.Command> LoadAsync(int id, CancellationToken cancellationToken = default)
        {
            var s = await FindAsync(id, cancellationToken);
            return new Create.Command { Kind = s.Kind, Title = s.Title, HeldOn = s.HeldOn, VenueCommuneId = s.VenueCommuneId, IsOnline = s.IsOnline, Notes = s.Notes };
        }

        public async Task HandleAsync(int id, Create.Command command, CancellationToken cancellationToken = default)
        {
            var session = await FindAsync(id, cancellationToken);
            await create.ApplyAsync(session, command, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        private async Task<JobSession> FindAsync(int id, CancellationToken cancellationToken) =>
            await db.JobSessions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException("Không tìm thấy phiên giao dịch việc làm hoặc bạn không có quyền xem.");
    }

    [BindProperty]
    public Create.Command Data { get; set; } = new();

    public List<SelectListItem> Communes { get; private set; } = [];

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.LoadAsync(id, cancellationToken);
        Communes = await units.CurrentCommunesAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.HandleAsync(id, Data, cancellationToken);
                TempData["Message"] = "Đã lưu thay đổi.";
                return RedirectToPage("Details", new { id });
            },
            reload: async () => Communes = await units.CurrentCommunesAsync(cancellationToken));
}
