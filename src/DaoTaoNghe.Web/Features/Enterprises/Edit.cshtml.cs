using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Enterprises;

/// <summary>
/// An enterprise keeps its own profile (adding it if it had none); the province admin keeps every
/// enterprise's and alone may stop one.
/// </summary>
[Authorize(Policy = EnterprisePolicies.Write)]
public class Edit(Edit.Handler handler, UnitChoices units, IValidator<Edit.Command> validator) : PageModel
{

    public sealed class Command : Create.Command
    {
        [Display(Name = "Đang hoạt động")] public bool IsActive { get; set; } = true;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock) => Include(new Create.Validator(clock));
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, UnitChoices units) : IHandler
    {
        public async Task<Command> LoadAsync(int id, CancellationToken cancellationToken = default)
        {
            var (o, p) = await FindAsync(id, cancellationToken);
            return new Command
            {
                Name = o.Name, ShortName = o.ShortName, UnitId = o.UnitId, Address = o.Address, Phone = o.Phone, Email = o.Email, IsActive = o.IsActive,
                TaxCode = p?.TaxCode ?? "", Form = p?.Form, Sector = p?.Sector, Size = p?.Size, Employees = p?.Employees,
                Representative = p?.Representative, FoundedOn = p?.FoundedOn, MainActivities = p?.MainActivities,
            };
        }

        public async Task HandleAsync(int id, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var (organisation, profile) = await FindAsync(id, cancellationToken);
            await OrganisationFieldsWriter.ApplyAsync(db, units, organisation, OrganisationKind.Enterprise, command, cancellationToken);
            // Only the province admin opens or closes an enterprise's account; the enterprise edits its details.
            if (db.Scope.MayManage(organisation.ProvinceId)) organisation.IsActive = command.IsActive;
            if (profile is null)
            {
                profile = new EnterpriseProfile { OrganisationId = organisation.Id };
                db.EnterpriseProfiles.Add(profile);
            }
            await Create.Handler.ApplyAsync(db, profile, organisation, command, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        public async Task DeactivateAsync(int id, CancellationToken cancellationToken = default)
        {
            var (organisation, _) = await FindAsync(id, cancellationToken);
            db.Scope.EnsureMayManage(organisation.ProvinceId);
            organisation.IsActive = false;
            await db.SaveChangesAsync(cancellationToken);
        }

        private async Task<(Organisation, EnterpriseProfile?)> FindAsync(int id, CancellationToken cancellationToken)
        {
            var scope = db.Scope;
            var found = await OrganisationDirectory.ForUpdateAsync(db, id, OrganisationKind.Enterprise, cancellationToken);
            var organisation = found is not null && (scope.IsSystem || found.ProvinceId == scope.ProvinceId)
                ? found
                : throw new NotFoundException("Không tìm thấy doanh nghiệp hoặc bạn không có quyền xem.");
            scope.EnsureMayKeep(organisation.Id, organisation.ProvinceId);
            return (organisation, await db.EnterpriseProfiles.SingleOrDefaultAsync(p => p.OrganisationId == id, cancellationToken));
        }
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
