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

namespace DaoTaoNghe.Features.Institutions;

/// <summary>The province admin updates an institution's registry details (adding them if it had none) or stops it.</summary>
[Authorize(Policy = CommonPolicies.Administer)]
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
                Name = o.Name, ShortName = o.ShortName, UnitId = o.UnitId, Address = o.Address, Phone = o.Phone, Email = o.Email,
                IsActive = o.IsActive, Type = p?.Type, LicenceNumber = p?.LicenceNumber, LicensedOn = p?.LicensedOn,
                Capacity = p?.Capacity, Head = p?.Head, Facilities = p?.Facilities, MinimumAttendancePercent = p?.MinimumAttendancePercent,
            };
        }

        public async Task HandleAsync(int id, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var (organisation, profile) = await FindAsync(id, cancellationToken);
            await OrganisationFieldsWriter.ApplyAsync(db, units, organisation, OrganisationKind.TrainingInstitution, command, cancellationToken);
            organisation.IsActive = command.IsActive;
            if (profile is null)
            {
                profile = new InstitutionProfile { OrganisationId = organisation.Id };
                db.InstitutionProfiles.Add(profile);
            }
            Create.Handler.Apply(profile, organisation, command);
            await db.SaveChangesAsync(cancellationToken);
        }

        public async Task DeactivateAsync(int id, CancellationToken cancellationToken = default)
        {
            var (organisation, _) = await FindAsync(id, cancellationToken);
            organisation.IsActive = false;
            await db.SaveChangesAsync(cancellationToken);
        }

        private async Task<(Organisation, InstitutionProfile?)> FindAsync(int id, CancellationToken cancellationToken)
        {
            var scope = db.Scope;
            var found = await OrganisationDirectory.ForUpdateAsync(db, id, OrganisationKind.TrainingInstitution, cancellationToken);
            var organisation = found is not null && (scope.IsSystem || found.ProvinceId == scope.ProvinceId)
                ? found
                : throw new NotFoundException("Không tìm thấy cơ sở đào tạo hoặc bạn không có quyền xem.");
            scope.EnsureMayManage(organisation.ProvinceId);
            return (organisation, await db.InstitutionProfiles.SingleOrDefaultAsync(p => p.OrganisationId == id, cancellationToken));
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
