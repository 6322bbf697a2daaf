using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
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

namespace DaoTaoNghe.Features.Outreach;

[Authorize(Policy = OutreachPolicies.Write)]
public class Edit(Edit.Handler handler, UnitChoices units, IValidator<Create.Command> validator) : PageModel
{
    public sealed class Handler(AppDbContext db, IValidator<Create.Command> validator, Create.Handler create) : IHandler
    {
        public async Task<Create.Command> LoadAsync(int id, CancellationToken cancellationToken = default)
        {
            var e = await FindAsync(id, cancellationToken);
            return new Create.Command
            {
                CommuneId = e.CommuneId, HeldOn = e.HeldOn, Title = e.Title, Channel = e.Channel,
                Participants = e.Participants, Notes = e.Notes,
            };
        }

        public async Task HandleAsync(int id, Create.Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var outreach = await FindAsync(id, cancellationToken);
            await create.Apply(outreach, command, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        public async Task DeleteAsync(int id, CancellationToken cancellationToken = default)
        {
            db.OutreachEvents.Remove(await FindAsync(id, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
        }

        private async Task<OutreachEvent> FindAsync(int id, CancellationToken cancellationToken) =>
            await db.OutreachEvents.SingleOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw new NotFoundException("Không tìm thấy hoạt động tuyên truyền hoặc bạn không có quyền xem.");
    }

    [BindProperty]
    public Create.Command Data { get; set; } = new();

    public List<SelectListItem> Communes { get; private set; } = [];

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.LoadAsync(id, cancellationToken);
        Communes = await units.WritableCommunesAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.HandleAsync(id, Data, cancellationToken);
                TempData["Message"] = "Đã lưu thay đổi.";
                return RedirectToPage("Details", new { id });
            },
            reload: async () => Communes = await units.WritableCommunesAsync(cancellationToken));

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        await handler.DeleteAsync(id, cancellationToken);
        TempData["Message"] = "Đã xóa hoạt động tuyên truyền.";
        return RedirectToPage("Index");
    }
}
