using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoTaoNghe.Features.Learners;

/// <summary>The household's poverty status year by year, as the commune's yearly lists certify it; only with consent.</summary>
[Authorize(Policy = LearnerPolicies.Write)]
public class Household(Household.Handler handler, AuditTrail audit, IValidator<Household.Command> validator, TimeProvider clock) : PageModel
{
    public sealed class Command
    {
        [Display(Name = "Năm")] public int? Year { get; set; }
        [Display(Name = "Tình trạng hộ gia đình")] public HouseholdStatus? Status { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleLevelCascadeMode = CascadeMode.Stop;
            var year = VietnamTime.Today(clock).Year;
            RuleFor(c => c.Year).NotNull().WithMessage("Vui lòng nhập năm.")
                .InclusiveBetween(2015, year + 1).WithMessage($"Năm phải từ 2015 đến {year + 1}.");
            RuleFor(c => c.Status).NotNull().WithMessage("Vui lòng chọn tình trạng hộ gia đình.").IsInEnum().WithMessage("Tình trạng hộ gia đình không hợp lệ.");
        }
    }

    public sealed record Result(int Id, string FullName, bool HasConsent, IReadOnlyList<Details.Household> Households);

    public sealed class Handler(AppDbContext db, Edit.Handler records, IValidator<Command> validator, TimeProvider clock) : IHandler
    {
        public async Task<Result> LoadAsync(int id, CancellationToken cancellationToken = default)
        {
            var learner = await records.FindAsync(id, cancellationToken);
            return new Result(learner.Id, learner.FullName, learner.HasConsentOn(VietnamTime.Today(clock)),
                learner.Households.OrderByDescending(h => h.Year).Select(h => new Details.Household(h.Year, h.Status)).ToList());
        }

        /// <summary>Sets the status for a year, replacing what was recorded for that year.</summary>
        public async Task SetAsync(int id, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var learner = await records.FindAsync(id, cancellationToken);
            var refusal = SensitiveData.Refusals(learner.HasConsentOn(VietnamTime.Today(clock)), null, [], command.Status).FirstOrDefault();
            if (refusal.Message is not null) throw new ValidationFailedException(nameof(Command.Status), refusal.Message);
            var row = learner.Households.SingleOrDefault(h => h.Year == command.Year);
            if (row is null) learner.Households.Add(new LearnerHousehold { Year = command.Year!.Value, Status = command.Status!.Value });
            else row.Status = command.Status!.Value;
            learner.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }

        public async Task RemoveAsync(int id, int year, CancellationToken cancellationToken = default)
        {
            var learner = await records.FindAsync(id, cancellationToken);
            var row = learner.Households.SingleOrDefault(h => h.Year == year)
                ?? throw new NotFoundException($"Chưa ghi tình trạng hộ gia đình năm {year}.");
            learner.Households.Remove(row);
            learner.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public Result Record { get; private set; } = null!;

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Record = await handler.LoadAsync(id, cancellationToken);
        Data.Year = VietnamTime.Today(clock).Year;
        await audit.RecordViewAsync(nameof(Learner), id, $"Xem tình trạng hộ gia đình của {Record.FullName}", cancellationToken);
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.SetAsync(id, Data, cancellationToken);
                TempData["Message"] = $"Đã ghi tình trạng hộ gia đình năm {Data.Year}.";
                return RedirectToPage("Household", new { id });
            },
            reload: async () => Record = await handler.LoadAsync(id, cancellationToken));

    public async Task<IActionResult> OnPostRemoveAsync(int id, int year, CancellationToken cancellationToken)
    {
        await handler.RemoveAsync(id, year, cancellationToken);
        TempData["Message"] = $"Đã xóa tình trạng hộ gia đình năm {year}.";
        return RedirectToPage("Household", new { id });
    }
}
