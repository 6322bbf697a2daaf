using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Catalogues;
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

/// <summary>
/// Records a person's consent to the processing of their personal data, and its withdrawal. When
/// the last active consent is withdrawn, the sensitive data it allowed (ethnicity, disability,
/// household statuses) is erased: processing must stop, and the audit trail keeps what was there.
/// </summary>
[Authorize(Policy = LearnerPolicies.Write)]
public class Consent(Consent.Handler handler, AuditTrail audit, IValidator<Consent.GiveCommand> giveValidator,
    IValidator<Consent.WithdrawCommand> withdrawValidator, TimeProvider clock) : PageModel
{
    public sealed class GiveCommand
    {
        [Display(Name = "Mục đích xử lý dữ liệu")] public string Purpose { get; set; } = "";
        [Display(Name = "Ngày đồng ý")] public DateOnly? GivenOn { get; set; }
        [Display(Name = "Cách người học thể hiện sự đồng ý")] public ConsentMethod? Method { get; set; }
    }

    public sealed class WithdrawCommand
    {
        [Display(Name = "Ngày rút lại")] public DateOnly? WithdrawnOn { get; set; }
    }

    public sealed class GiveValidator : AbstractValidator<GiveCommand>
    {
        public GiveValidator(TimeProvider clock)
        {
            RuleLevelCascadeMode = CascadeMode.Stop;
            var today = VietnamTime.Today(clock);
            RuleFor(c => c.Purpose).NotEmpty().WithMessage("Vui lòng nhập mục đích xử lý dữ liệu.")
                .MaximumLength(300).WithMessage("Mục đích xử lý dữ liệu không được quá 300 ký tự.");
            RuleFor(c => c.GivenOn).NotNull().WithMessage("Vui lòng nhập ngày người học đồng ý.")
                .Must(d => d <= today).WithMessage("Ngày đồng ý không được sau ngày hôm nay.")
                .Must(d => d >= new DateOnly(2015, 1, 1)).WithMessage("Ngày đồng ý phải từ năm 2015 trở đi.");
            RuleFor(c => c.Method).NotNull().WithMessage("Vui lòng chọn cách người học thể hiện sự đồng ý (bằng chứng của sự đồng ý).")
                .IsInEnum().WithMessage("Cách thể hiện sự đồng ý không hợp lệ.");
        }
    }

    public sealed class WithdrawValidator : AbstractValidator<WithdrawCommand>
    {
        public WithdrawValidator(TimeProvider clock)
        {
            RuleLevelCascadeMode = CascadeMode.Stop;
            var today = VietnamTime.Today(clock);
            RuleFor(c => c.WithdrawnOn).NotNull().WithMessage("Vui lòng nhập ngày người học rút lại sự đồng ý.")
                .Must(d => d <= today).WithMessage("Ngày rút lại không được sau ngày hôm nay.");
        }
    }

    public sealed record Result(int Id, string FullName, bool HasConsent, IReadOnlyList<Details.Consent> Consents);

    public sealed class Handler(AppDbContext db, Edit.Handler records, IValidator<GiveCommand> giveValidator,
        IValidator<WithdrawCommand> withdrawValidator, TimeProvider clock) : IHandler
    {
        public async Task<Result> LoadAsync(int id, CancellationToken cancellationToken = default)
        {
            var learner = await records.FindAsync(id, cancellationToken);
            return new Result(learner.Id, learner.FullName, learner.HasConsentOn(VietnamTime.Today(clock)),
                learner.Consents.OrderByDescending(c => c.GivenOn).ThenByDescending(c => c.Id)
                    .Select(c => new Details.Consent(c.Id, c.Purpose, c.GivenOn, c.RecordedBy, c.RecordedAt, c.WithdrawnOn, c.WithdrawalRecordedBy, c.Method, c.NoticeVersion))
                    .ToList());
        }

        public async Task<int> GiveAsync(int id, GiveCommand command, CancellationToken cancellationToken = default)
        {
            await giveValidator.EnsureValidAsync(command, cancellationToken);
            var learner = await records.FindAsync(id, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var consent = new LearnerConsent
            {
                Purpose = command.Purpose.Trim(), GivenOn = command.GivenOn!.Value, RecordedBy = db.Scope.UserName ?? "", RecordedAt = now,
                Method = command.Method, NoticeVersion = ConsentNotice.Version,
            };
            learner.Consents.Add(consent);
            learner.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            return consent.Id;
        }

        /// <summary>Returns whether sensitive data was erased because no consent remains.</summary>
        public async Task<bool> WithdrawAsync(int id, int consentId, WithdrawCommand command, CancellationToken cancellationToken = default)
        {
            await withdrawValidator.EnsureValidAsync(command, cancellationToken);
            var learner = await records.FindAsync(id, cancellationToken);
            var consent = learner.Consents.SingleOrDefault(c => c.Id == consentId)
                ?? throw new NotFoundException("Không tìm thấy sự đồng ý này của người học.");
            if (consent.WithdrawnOn is not null)
                throw new ConflictException($"Sự đồng ý này đã được rút lại ngày {Fmt.Date(consent.WithdrawnOn)}.");
            if (command.WithdrawnOn < consent.GivenOn)
                throw new ValidationFailedException(nameof(WithdrawCommand.WithdrawnOn),
                    $"Ngày rút lại không được trước ngày đồng ý ({Fmt.Date(consent.GivenOn)}).");

            var now = clock.GetUtcNow().UtcDateTime;
            consent.WithdrawnOn = command.WithdrawnOn;
            consent.WithdrawalRecordedBy = db.Scope.UserName;
            consent.WithdrawalRecordedAt = now;
            learner.UpdatedAt = now;
            var erase = !learner.HasConsentOn(VietnamTime.Today(clock));
            if (erase)
            {
                learner.EthnicGroupId = null;
                learner.Priorities.RemoveAll(p => p.Category == PriorityCategory.Disabled);
                learner.Households.Clear();
            }
            await db.SaveChangesAsync(cancellationToken);
            return erase;
        }
    }

    [BindProperty]
    public GiveCommand Give { get; set; } = new();

    [BindProperty]
    public WithdrawCommand Withdraw { get; set; } = new();

    public Result Data { get; private set; } = null!;
    public DateOnly Today => VietnamTime.Today(clock);

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        Give.Purpose = Create.DefaultPurpose;
        Give.GivenOn = Today;
        await audit.RecordViewAsync(nameof(Learner), id, $"Xem sự đồng ý xử lý dữ liệu của {Data.FullName}", cancellationToken);
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(giveValidator, Give,
            save: async () =>
            {
                await handler.GiveAsync(id, Give, cancellationToken);
                TempData["Message"] = "Đã ghi nhận sự đồng ý xử lý dữ liệu cá nhân.";
                return RedirectToPage("Consent", new { id });
            },
            reload: () => LoadAsync(id, cancellationToken), prefix: nameof(Give));

    public Task<IActionResult> OnPostWithdrawAsync(int id, int consentId, CancellationToken cancellationToken) =>
        this.SubmitAsync(withdrawValidator, Withdraw,
            save: async () =>
            {
                var erased = await handler.WithdrawAsync(id, consentId, Withdraw, cancellationToken);
                TempData["Message"] = erased
                    ? "Đã ghi nhận việc rút lại sự đồng ý; dân tộc, tình trạng khuyết tật và hộ nghèo, cận nghèo của người học đã được xóa."
                    : "Đã ghi nhận việc rút lại sự đồng ý.";
                return RedirectToPage("Consent", new { id });
            },
            reload: () => LoadAsync(id, cancellationToken), prefix: nameof(Withdraw));

    private async Task LoadAsync(int id, CancellationToken cancellationToken) => Data = await handler.LoadAsync(id, cancellationToken);
}
