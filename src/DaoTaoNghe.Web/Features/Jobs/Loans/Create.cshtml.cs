using DaoTaoNghe.Features.Learners;
using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoTaoNghe.Features.Jobs.Loans;

/// <summary>
/// Records a Social Policy Bank loan made by the caller's branch. A loan to start work that was paid
/// out is the person's new job (self-employed, with a loan's help), recorded in the same transaction.
/// </summary>
[Authorize(Policy = JobPolicies.WriteLoans)]
public class Create(Create.Handler handler, IValidator<Create.Command> validator) : PageModel
{

    public class Command
    {
        [Display(Name = "Số CCCD người vay")] public string? Cccd { get; set; }
        [Display(Name = "Mục đích vay")] public LoanPurpose? Purpose { get; set; }
        [Display(Name = "Số tiền vay (đồng)")] public long? Amount { get; set; }
        [Display(Name = "Ngày vay")] public DateOnly? LoanedOn { get; set; }
        [Display(Name = "Trạng thái")] public LoanStatus? Status { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Cccd).NotEmpty().WithMessage("Vui lòng nhập số CCCD người vay.");
            RuleFor(c => c.Purpose).NotNull().WithMessage("Vui lòng chọn mục đích vay.").IsInEnum().WithMessage("Mục đích vay không hợp lệ.");
            RuleFor(c => c.Amount).NotNull().WithMessage("Vui lòng nhập số tiền vay.")
                .InclusiveBetween(1_000_000, 500_000_000).WithMessage("Số tiền vay phải từ 1.000.000 đ đến 500.000.000 đ.");
            RuleFor(c => c.LoanedOn).NotNull().WithMessage("Vui lòng nhập ngày vay.")
                .Must(d => d >= new DateOnly(2015, 1, 1) && d <= new DateOnly(2100, 12, 31)).WithMessage("Ngày vay phải trong khoảng 2015–2100.");
            RuleFor(c => c.Status).NotNull().WithMessage("Vui lòng chọn trạng thái khoản vay.").IsInEnum().WithMessage("Trạng thái không hợp lệ.");
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, CccdLookups lookups, TimeProvider clock) : IHandler
    {
        public async Task<int> HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var person = await PersonLookup.PersonByCccdAsync(db, lookups, command.Cccd, nameof(Command.Cccd), cancellationToken);
            var learnerId = person.Id;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var loan = new SocialPolicyLoan
            {
                LearnerId = learnerId, BorrowerName = person.FullName, BankBranchId = db.Scope.OrganisationId, ProvinceId = db.Scope.ProvinceId, Purpose = command.Purpose!.Value,
                Amount = command.Amount!.Value, LoanedOn = command.LoanedOn!.Value, Status = command.Status!.Value, CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.SocialPolicyLoans.Add(loan);
            await db.SaveChangesAsync(cancellationToken);
            if (StartsWork(loan))
            {
                await EmploymentOutcomes.RecordAsync(db, new OutcomeFromElsewhere(learnerId, loan.LoanedOn, EmploymentStatus.SelfEmployed, null, null,
                    OutcomeSource.Loan, loan.Id, LoanHelped: true, db.Scope.OrganisationId), clock, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return loan.Id;
        }

        /// <summary>Money lent to start work: the job begins with it. An approved loan not yet paid out is not a job yet.</summary>
        public static bool StartsWork(SocialPolicyLoan loan) => loan.Purpose == LoanPurpose.StartWork && loan.Status != LoanStatus.Approved;
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.HandleAsync(Data, cancellationToken);
                TempData["Message"] = "Đã ghi nhận khoản vay.";
                return RedirectToPage("Index");
            },
            reload: () => Task.CompletedTask);
}
