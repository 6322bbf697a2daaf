using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Institutions;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Partnerships;

/// <summary>The enterprise (or the province admin) updates an agreement or ends it early.</summary>
[Authorize(Policy = PartnershipPolicies.Write)]
public class Edit(Edit.Handler handler, PartnershipFormChoices choices, IValidator<Edit.Command> validator) : PageModel
{
    public sealed class Command : PartnershipFields
    {
        [Display(Name = "Còn thực hiện")] public bool IsActive { get; set; } = true;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new PartnershipFieldsValidator<Command>());
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, InstitutionChoices institutions, OccupationChoices occupations) : IHandler
    {
        public async Task<Command> LoadAsync(int id, CancellationToken cancellationToken = default)
        {
            var p = await FindAsync(id, cancellationToken);
            return new Command
            {
                InstitutionId = p.InstitutionId, OccupationId = p.OccupationId, AgreementNumber = p.AgreementNumber, StartsOn = p.StartsOn,
                EndsOn = p.EndsOn, PracticePlaces = p.PracticePlaces, ProvidesTrainers = p.ProvidesTrainers, HiringCommitment = p.HiringCommitment,
                OtherSupport = p.OtherSupport, Notes = p.Notes, IsActive = p.IsActive,
            };
        }

        public async Task HandleAsync(int id, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var partnership = await FindAsync(id, cancellationToken);
            await Create.Handler.ApplyAsync(partnership, command, institutions, occupations, cancellationToken);
            partnership.IsActive = command.IsActive;
            await db.SaveChangesAsync(cancellationToken);
        }

        public async Task DeactivateAsync(int id, CancellationToken cancellationToken = default)
        {
            var partnership = await FindAsync(id, cancellationToken);
            partnership.IsActive = false;
            await db.SaveChangesAsync(cancellationToken);
        }

        /// <summary>Out of sight is not found; the institution party may read the agreement but not change it.</summary>
        private async Task<Partnership> FindAsync(int id, CancellationToken cancellationToken)
        {
            var partnership = await db.Partnerships.Include(p => p.Enterprise).SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
                              ?? throw new NotFoundException("Không tìm thấy thỏa thuận liên kết hoặc bạn không có quyền xem.");
            db.Scope.EnsureMayKeep(partnership.EnterpriseId, partnership.Enterprise.ProvinceId);
            return partnership;
        }
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public PartnershipFormChoices.Lists Lists { get; private set; } = null!;

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.LoadAsync(id, cancellationToken);
        Lists = await choices.LoadAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.HandleAsync(id, Data, cancellationToken);
                TempData["Message"] = "Đã lưu thay đổi.";
                return RedirectToPage("Details", new { id });
            },
            reload: async () => Lists = await choices.LoadAsync(cancellationToken));
}
