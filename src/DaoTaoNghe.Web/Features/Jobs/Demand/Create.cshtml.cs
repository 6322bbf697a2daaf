using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Jobs.Vacancies;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs.Demand;

/// <summary>Files one line of an enterprise's labour demand: an occupation and level, how many, where, from when.</summary>
[Authorize(Policy = JobPolicies.WriteVacancies)]
public class Create(Create.Handler handler, VacancyChoices choices, IValidator<Create.Command> validator) : PageModel
{
    public class Command
    {
        [Display(Name = "Doanh nghiệp")] public int? EnterpriseId { get; set; }
        [Display(Name = "Nghề")] public int? OccupationId { get; set; }
        [Display(Name = "Trình độ")] public TrainingLevel? Level { get; set; }
        [Display(Name = "Số lao động cần")] public int? Workers { get; set; }
        [Display(Name = "Nơi làm việc (xã, phường)")] public int? PlaceCommuneId { get; set; }
        [Display(Name = "Cần từ ngày")] public DateOnly? NeededFrom { get; set; }
        [Display(Name = "Ghi chú")] public string? Notes { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.OccupationId).NotNull().WithMessage("Vui lòng chọn nghề.");
            RuleFor(c => c.Level).NotNull().WithMessage("Vui lòng chọn trình độ.").IsInEnum().WithMessage("Trình độ không hợp lệ.");
            RuleFor(c => c.Workers).NotNull().WithMessage("Vui lòng nhập số lao động cần.")
                .InclusiveBetween(1, 100_000).WithMessage("Số lao động cần phải từ 1 đến 100.000.");
            RuleFor(c => c.PlaceCommuneId).NotNull().WithMessage("Vui lòng chọn nơi làm việc (xã, phường).");
            RuleFor(c => c.NeededFrom).NotNull().WithMessage("Vui lòng nhập ngày cần lao động.")
                .Must(d => d >= new DateOnly(2020, 1, 1) && d <= new DateOnly(2100, 12, 31)).WithMessage("Cần từ ngày phải trong khoảng 2020–2100.");
            RuleFor(c => c.Notes).MaximumLength(1000).WithMessage("Ghi chú không quá 1.000 ký tự.");
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, VacancyChoices choices, TimeProvider clock) : IHandler
    {
        public async Task<int> HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var demand = new LabourDemand
            {
                EnterpriseId = await choices.EnterpriseForAsync(command.EnterpriseId, cancellationToken), ProvinceId = db.Scope.ProvinceId,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            await Apply(demand, command, cancellationToken);
            db.LabourDemands.Add(demand);
            await db.SaveChangesAsync(cancellationToken);
            return demand.Id;
        }

        internal async Task Apply(LabourDemand demand, Command command, CancellationToken cancellationToken)
        {
            if (!await OccupationDirectory.Visible(db).AnyAsync(o => o.Id == command.OccupationId && o.IsActive, cancellationToken))
                throw new ValidationFailedException(nameof(Command.OccupationId), "Nghề đã chọn không có trong danh mục đang dùng.");
            if (!await choices.IsCurrentCommuneAsync(command.PlaceCommuneId!.Value, cancellationToken))
                throw new ValidationFailedException(nameof(Command.PlaceCommuneId), "Nơi làm việc phải là một xã, phường hiện hành của tỉnh.");
            demand.OccupationId = command.OccupationId!.Value;
            demand.Level = command.Level!.Value;
            demand.Workers = command.Workers!.Value;
            demand.PlaceCommuneId = command.PlaceCommuneId.Value;
            demand.NeededFrom = command.NeededFrom!.Value;
            demand.Notes = string.IsNullOrWhiteSpace(command.Notes) ? null : command.Notes.Trim();
        }
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public VacancyChoices.Lists Lists { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Lists = await choices.ListsAsync(cancellationToken);

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.HandleAsync(Data, cancellationToken);
                TempData["Message"] = "Đã ghi nhận nhu cầu tuyển dụng.";
                return RedirectToPage("Index");
            },
            reload: async () => Lists = await choices.ListsAsync(cancellationToken));
}
