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

namespace DaoTaoNghe.Features.Trainers;

/// <summary>The keeping institution (or the province admin) updates a trainer or records that they no longer teach.</summary>
[Authorize(Policy = TrainerPolicies.Write)]
public class Edit(Edit.Handler handler, TrainerFormChoices choices, IValidator<Edit.Command> validator) : PageModel
{
    public sealed class Command : TrainerFields
    {
        [Display(Name = "Đang giảng dạy")] public bool IsActive { get; set; } = true;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock) => Include(new TrainerFieldsValidator<Command>(clock));
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, InstitutionChoices institutions, OccupationChoices occupations) : IHandler
    {
        public async Task<Command> LoadAsync(int id, CancellationToken cancellationToken = default)
        {
            var t = await FindAsync(id, cancellationToken);
            return new Command
            {
                FullName = t.FullName, BirthYear = t.BirthYear, Kind = t.Kind, Qualification = t.Qualification, TeachingCertificate = t.TeachingCertificate,
                Phone = t.Phone, Notes = t.Notes, IsActive = t.IsActive,
                OccupationIds = t.Occupations.Select(o => o.OccupationId).ToList(),
                OtherInstitutionIds = t.OtherInstitutions.Select(i => i.InstitutionId).ToList(),
            };
        }

        public async Task HandleAsync(int id, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var trainer = await FindAsync(id, cancellationToken);
            await Create.Handler.ApplyAsync(trainer, command, institutions, occupations, cancellationToken);
            trainer.IsActive = command.IsActive;
            await db.SaveChangesAsync(cancellationToken);
        }

        public async Task DeactivateAsync(int id, CancellationToken cancellationToken = default)
        {
            var trainer = await FindAsync(id, cancellationToken);
            trainer.IsActive = false;
            await db.SaveChangesAsync(cancellationToken);
        }

        private async Task<Trainer> FindAsync(int id, CancellationToken cancellationToken)
        {
            var trainer = await db.Trainers.Include(t => t.Institution).Include(t => t.Occupations).Include(t => t.OtherInstitutions)
                              .AsSplitQuery().SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
                          ?? throw new NotFoundException("Không tìm thấy người dạy nghề hoặc bạn không có quyền xem.");
            db.Scope.EnsureMayKeep(trainer.InstitutionId, trainer.Institution.ProvinceId);
            return trainer;
        }
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public TrainerFormChoices.Lists Lists { get; private set; } = null!;

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
