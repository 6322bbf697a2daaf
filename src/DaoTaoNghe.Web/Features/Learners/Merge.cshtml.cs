using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
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

/// <summary>
/// Merges a duplicate record into the one that stays. Nothing is deleted: the duplicate is marked
/// merged into the survivor (who, when, why), its history moves to the survivor through
/// <see cref="LearnerReferences"/>, and the survivor's empty fields are filled from it. Two
/// records with different CCCDs are two people and are never merged.
/// </summary>
[Authorize(Policy = LearnerPolicies.Write)]
public class Merge(Merge.Handler handler, Details.Handler details, IValidator<Merge.Command> validator) : PageModel
{
    public sealed class Command
    {
        [Display(Name = "Lý do gộp")] public string? Reason { get; set; }
        [Display(Name = "Tôi xác nhận hai hồ sơ là của cùng một người")] public bool Confirmed { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleLevelCascadeMode = CascadeMode.Stop;
            RuleFor(c => c.Confirmed).Equal(true).WithMessage("Vui lòng xác nhận hai hồ sơ là của cùng một người.");
            RuleFor(c => c.Reason).MaximumLength(500).WithMessage("Lý do gộp không được quá 500 ký tự.");
        }
    }

    public sealed class Handler(AppDbContext db, Edit.Handler records, LearnerReferences references, IValidator<Command> validator, TimeProvider clock) : IHandler
    {
        public async Task MergeAsync(int id, int survivorId, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            if (id == survivorId) throw new ValidationFailedException("vao", "Không thể gộp một hồ sơ vào chính nó.");
            var merged = await records.FindAsync(id, cancellationToken);
            var survivor = await records.FindAsync(survivorId, cancellationToken);
            if (merged.Cccd is not null && survivor.Cccd is not null && merged.Cccd != survivor.Cccd)
                throw new ValidationFailedException(nameof(Command.Confirmed),
                    $"Hai hồ sơ có số CCCD khác nhau ({merged.Cccd} và {survivor.Cccd}): đây là hai người khác nhau, không gộp được.");

            var now = clock.GetUtcNow().UtcDateTime;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            merged.MergedIntoId = survivor.Id;
            merged.MergedAt = now;
            merged.MergedBy = db.Scope.UserName;
            merged.MergeReason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
            merged.UpdatedAt = now;
            // Saved first: the duplicate leaves the active records, so its CCCD may pass to the survivor.
            await db.SaveChangesAsync(cancellationToken);

            await references.RepointAsync(merged, survivor, cancellationToken);
            if (survivor.Cccd is null && merged.Cccd is not null)
            {
                survivor.Cccd = merged.Cccd;
                survivor.CccdMismatchConfirmed = merged.CccdMismatchConfirmed;
            }
            survivor.Phone ??= merged.Phone;
            survivor.Address ??= merged.Address;
            survivor.EducationLevel ??= merged.EducationLevel;
            if (survivor.HasConsentOn(VietnamTime.Today(clock))) survivor.EthnicGroupId ??= merged.EthnicGroupId;
            survivor.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public Details.Result Duplicate { get; private set; } = null!;
    public Details.Result Survivor { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery] int id, [FromQuery] int vao, CancellationToken cancellationToken) =>
        await LoadAsync(id, vao, cancellationToken);

    public Task<IActionResult> OnPostAsync([FromQuery] int id, [FromQuery] int vao, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.MergeAsync(id, vao, Data, cancellationToken);
                TempData["Message"] = $"Đã gộp hồ sơ mã {id} vào hồ sơ này; hồ sơ mã {id} được giữ lại để tra cứu lịch sử.";
                return RedirectToPage("Details", new { id = vao });
            },
            reload: () => LoadAsync(id, vao, cancellationToken));

    private async Task LoadAsync(int id, int vao, CancellationToken cancellationToken)
    {
        Duplicate = await details.HandleAsync(id, cancellationToken);
        Survivor = await details.HandleAsync(vao, cancellationToken);
        if (Duplicate.MergedInto is not null || Survivor.MergedInto is not null)
            throw new ConflictException("Một trong hai hồ sơ đã được gộp trước đó.");
    }
}
