using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
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

namespace DaoTaoNghe.Features.Organisations;

[Authorize(Policy = CommonPolicies.Administer)]
public class Edit(Edit.Handler handler, UnitChoices units, IValidator<Edit.Command> validator) : PageModel
{
    public sealed class Command : Create.Command
    {
        [Display(Name = "Đang hoạt động")] public bool IsActive { get; set; } = true;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new Create.Validator());
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, UnitChoices units) : IHandler
    {
        public async Task<Command> LoadAsync(int id, CancellationToken cancellationToken = default)
        {
            var o = await FindAsync(id, cancellationToken);
            return new Command
            {
                Name = o.Name, ShortName = o.ShortName, Kind = o.Kind, UnitId = o.UnitId,
                Address = o.Address, Phone = o.Phone, Email = o.Email, IsActive = o.IsActive,
            };
        }

        public async Task HandleAsync(int id, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var organisation = await FindAsync(id, cancellationToken);
            await Create.Handler.Apply(db, units, organisation, command, cancellationToken);
            organisation.IsActive = command.IsActive;
            await db.SaveChangesAsync(cancellationToken);
        }

        private async Task<Organisation> FindAsync(int id, CancellationToken cancellationToken) =>
            await db.Organisations.SingleOrDefaultAsync(o => o.Id == id && (db.Scope.IsSystem || o.ProvinceId == db.Scope.ProvinceId), cancellationToken)
            ?? throw new NotFoundException("Không tìm thấy cơ quan, đơn vị.");
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public List<SelectListItem> Units { get; private set; } = [];

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.LoadAsync(id, cancellationToken);
        Units = await units.ProvinceAndCommunesAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.HandleAsync(id, Data, cancellationToken);
                TempData["Message"] = "Đã lưu thay đổi.";
                return RedirectToPage("Details", new { id });
            },
            reload: async () => Units = await units.ProvinceAndCommunesAsync(cancellationToken));
}
