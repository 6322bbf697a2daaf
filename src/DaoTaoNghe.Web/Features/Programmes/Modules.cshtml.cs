using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
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

namespace DaoTaoNghe.Features.Programmes;

/// <summary>The institution lists a programme's modules (mô-đun, môn học) in teaching order.</summary>
[Authorize(Policy = ProgrammePolicies.Write)]
public class Modules(Modules.Handler handler, Details.Handler details, IValidator<Modules.Command> validator) : PageModel
{
    public sealed class Command
    {
        [Display(Name = "Tên mô-đun, môn học")] public string Name { get; set; } = "";
        [Display(Name = "Số giờ lý thuyết")] public int? TheoryHours { get; set; }
        [Display(Name = "Số giờ thực hành")] public int? PracticeHours { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Vui lòng nhập tên mô-đun, môn học.").MaximumLength(300).WithMessage("Tên mô-đun tối đa 300 ký tự.");
            RuleFor(c => c.TheoryHours).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng nhập số giờ lý thuyết (0 nếu không có).")
                .InclusiveBetween(0, 5_000).WithMessage("Số giờ lý thuyết phải từ 0 đến 5.000.");
            RuleFor(c => c.PracticeHours).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng nhập số giờ thực hành (0 nếu không có).")
                .InclusiveBetween(0, 5_000).WithMessage("Số giờ thực hành phải từ 0 đến 5.000.");
            RuleFor(c => c).Must(c => c.TheoryHours + c.PracticeHours > 0)
                .When(c => c.TheoryHours is not null && c.PracticeHours is not null)
                .OverridePropertyName(nameof(Command.PracticeHours)).WithMessage("Mô-đun phải có ít nhất 1 giờ học.");
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator) : IHandler
    {
        public async Task<int> AddAsync(int programmeId, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var programme = await Edit.Handler.FindAsync(db, programmeId, cancellationToken);
            var position = await db.ProgrammeModules.Where(m => m.ProgrammeId == programmeId).MaxAsync(m => (int?)m.Position, cancellationToken) ?? 0;
            var module = new ProgrammeModule
            {
                ProgrammeId = programmeId, InstitutionId = programme.InstitutionId, Position = position + 1, Name = command.Name.Trim(),
                TheoryHours = command.TheoryHours!.Value, PracticeHours = command.PracticeHours!.Value,
            };
            db.ProgrammeModules.Add(module);
            await db.SaveChangesAsync(cancellationToken);
            return module.Id;
        }

        public async Task RemoveAsync(int programmeId, int moduleId, CancellationToken cancellationToken = default)
        {
            await Edit.Handler.FindAsync(db, programmeId, cancellationToken);
            var module = await db.ProgrammeModules.SingleOrDefaultAsync(m => m.Id == moduleId && m.ProgrammeId == programmeId, cancellationToken)
                         ?? throw new NotFoundException("Không tìm thấy mô-đun.");
            db.ProgrammeModules.Remove(module);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public Details.Result Programme { get; private set; } = null!;

    public Task OnGetAsync(int id, CancellationToken cancellationToken) => LoadAsync(id, cancellationToken);

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.AddAsync(id, Data, cancellationToken);
                TempData["Message"] = "Đã thêm mô-đun.";
                return RedirectToPage(new { id });
            },
            reload: () => LoadAsync(id, cancellationToken));

    public async Task<IActionResult> OnPostRemoveAsync(int id, int moduleId, CancellationToken cancellationToken)
    {
        await handler.RemoveAsync(id, moduleId, cancellationToken);
        TempData["Message"] = "Đã xóa mô-đun.";
        return RedirectToPage(new { id });
    }

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Programme = await details.HandleAsync(id, cancellationToken);
        if (!Programme.MayKeep) throw new ForbiddenException();
    }
}
