using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
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
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Programmes;

/// <summary>The institution corrects its programme or stops teaching it (soft: courses and history keep pointing at it).</summary>
[Authorize(Policy = ProgrammePolicies.Write)]
public class Edit(Edit.Handler handler, ProgrammeFormChoices choices, IValidator<Edit.Command> validator) : PageModel
{
    public sealed class Command : ProgrammeFields
    {
        [Display(Name = "Đang đào tạo")] public bool IsActive { get; set; } = true;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock) => Include(new ProgrammeFieldsValidator<Command>(clock));
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, OccupationChoices occupations) : IHandler
    {
        public async Task<Command> LoadAsync(int id, CancellationToken cancellationToken = default)
        {
            var p = await FindAsync(db, id, cancellationToken);
            return new Command
            {
                OccupationId = p.OccupationId, Level = p.Level, Name = p.Name, Code = p.Code, DurationHours = p.DurationHours,
                IsKey = p.IsKey, ApprovedOn = p.ApprovedOn, Description = p.Description, IsActive = p.IsActive,
            };
        }

        public async Task HandleAsync(int id, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var programme = await FindAsync(db, id, cancellationToken);
            await Create.Handler.ApplyAsync(db, occupations, programme, command, cancellationToken);
            programme.IsActive = command.IsActive;
            await db.SaveChangesAsync(cancellationToken);
        }

        public async Task DeactivateAsync(int id, CancellationToken cancellationToken = default)
        {
            var programme = await FindAsync(db, id, cancellationToken);
            programme.IsActive = false;
            await db.SaveChangesAsync(cancellationToken);
        }

        /// <summary>The programme for changing it: out of the caller's province is not found, another institution's is refused.</summary>
        internal static async Task<Programme> FindAsync(AppDbContext db, int id, CancellationToken cancellationToken)
        {
            var programme = await db.Programmes.Include(p => p.Institution).SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
                            ?? throw new NotFoundException("Không tìm thấy chương trình đào tạo hoặc bạn không có quyền xem.");
            db.Scope.EnsureMayKeep(programme.InstitutionId, programme.Institution.ProvinceId);
            return programme;
        }
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public List<SelectListItem> Occupations { get; private set; } = [];

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.LoadAsync(id, cancellationToken);
        Occupations = await choices.OccupationsAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.HandleAsync(id, Data, cancellationToken);
                TempData["Message"] = "Đã lưu thay đổi.";
                return RedirectToPage("Details", new { id });
            },
            reload: async () => Occupations = await choices.OccupationsAsync(cancellationToken));
}
