using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Programmes;

/// <summary>
/// The programme's economic-technical norms: each a cost per learner from a date on, so an order
/// placed in 2025 keeps the 2025 norm after a new one starts.
/// </summary>
[Authorize(Policy = ProgrammePolicies.Write)]
public class Norms(Norms.Handler handler, Details.Handler details, IValidator<Norms.Command> validator) : PageModel
{
    public sealed class Command
    {
        [Display(Name = "Áp dụng từ ngày")] public DateOnly? EffectiveFrom { get; set; }
        [Display(Name = "Chi phí đào tạo (đồng/người)")] public long? CostPerLearner { get; set; }
        [Display(Name = "Căn cứ (quyết định ban hành)")] public string? Basis { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.EffectiveFrom).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng nhập ngày áp dụng.")
                .Must(d => d >= new DateOnly(2010, 1, 1)).WithMessage("Ngày áp dụng phải từ năm 2010 trở đi.");
            RuleFor(c => c.CostPerLearner).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng nhập chi phí đào tạo cho một người học.")
                .InclusiveBetween(1_000, 1_000_000_000).WithMessage("Chi phí đào tạo phải từ 1.000 đ đến 1.000.000.000 đ một người.");
            RuleFor(c => c.Basis).MaximumLength(300).WithMessage("Căn cứ tối đa 300 ký tự.");
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator) : IHandler
    {
        public async Task<int> AddAsync(int programmeId, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var programme = await Edit.Handler.FindAsync(db, programmeId, cancellationToken);
            var from = command.EffectiveFrom!.Value;
            if (!programme.Level.IsAvailableOn(from))
                throw new ValidationFailedException(nameof(Command.EffectiveFrom),
                    $"Trình độ trung học nghề chỉ áp dụng từ ngày {Fmt.Date(TrainingLevels.VocationalSecondaryFrom)}.");
            if (await db.ProgrammeNorms.AnyAsync(n => n.ProgrammeId == programmeId && n.EffectiveFrom == from, cancellationToken))
                throw new ValidationFailedException(nameof(Command.EffectiveFrom), $"Đã có định mức áp dụng từ ngày {Fmt.Date(from)}; hãy xóa định mức đó trước nếu nhập nhầm.");
            var norm = new ProgrammeNorm
            {
                ProgrammeId = programmeId, InstitutionId = programme.InstitutionId, EffectiveFrom = from,
                CostPerLearner = command.CostPerLearner!.Value, Basis = TextValues.Clean(command.Basis),
            };
            db.ProgrammeNorms.Add(norm);
            await db.SaveChangesAsync(cancellationToken);
            return norm.Id;
        }

        public async Task RemoveAsync(int programmeId, int normId, CancellationToken cancellationToken = default)
        {
            await Edit.Handler.FindAsync(db, programmeId, cancellationToken);
            var norm = await db.ProgrammeNorms.SingleOrDefaultAsync(n => n.Id == normId && n.ProgrammeId == programmeId, cancellationToken)
                       ?? throw new NotFoundException("Không tìm thấy định mức.");
            db.ProgrammeNorms.Remove(norm);
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
                TempData["Message"] = "Đã thêm định mức.";
                return RedirectToPage(new { id });
            },
            reload: () => LoadAsync(id, cancellationToken));

    public async Task<IActionResult> OnPostRemoveAsync(int id, int normId, CancellationToken cancellationToken)
    {
        await handler.RemoveAsync(id, normId, cancellationToken);
        TempData["Message"] = "Đã xóa định mức.";
        return RedirectToPage(new { id });
    }

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Programme = await details.HandleAsync(id, cancellationToken);
        if (!Programme.MayKeep) throw new ForbiddenException();
    }
}
