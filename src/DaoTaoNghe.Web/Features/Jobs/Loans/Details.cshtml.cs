using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs.Loans;

/// <summary>
/// One loan, and its status as the branch that lent it follows it (approved, paid out, repaid, overdue):
/// the page and GET /api/v1/loans/{id}, POST /api/v1/loans/{id}/status. A loan to start work becomes the
/// person's new job when it is paid out, in the same transaction as the change.
/// </summary>
[Authorize(Policy = JobPolicies.ReadLoans)]
public class Details(Details.Handler handler) : PageModel
{
    public sealed record Loan(int Id, string BorrowerName, LoanPurpose Purpose, long Amount, DateOnly LoanedOn, LoanStatus Status, int BankBranchId,
        string BranchName, DateTime CreatedAt);

    public sealed class StatusCommand
    {
        [Display(Name = "Trạng thái khoản vay")] public LoanStatus? Status { get; set; }
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IHandler
    {
        public async Task<Loan> HandleAsync(int id, CancellationToken cancellationToken = default) =>
            await db.SocialPolicyLoans.AsNoTracking().Where(l => l.Id == id)
                .Select(l => new Loan(l.Id, l.BorrowerName, l.Purpose, l.Amount, l.LoanedOn, l.Status, l.BankBranchId, l.BankBranch.Name, l.CreatedAt))
                .SingleOrDefaultAsync(cancellationToken)
            ?? throw NotFound();

        public async Task SetStatusAsync(int id, StatusCommand command, CancellationToken cancellationToken = default)
        {
            if (!db.Scope.Holds(JobPolicies.WriteLoans)) throw new ForbiddenException("Chỉ chi nhánh ngân hàng cho vay cập nhật được trạng thái khoản vay.");
            if (command.Status is not { } status || !Enum.IsDefined(status))
                throw new ValidationFailedException(nameof(StatusCommand.Status), "Vui lòng chọn trạng thái khoản vay.");
            var loan = await db.SocialPolicyLoans.SingleOrDefaultAsync(l => l.Id == id, cancellationToken) ?? throw NotFound();
            if (loan.Status == status) return;
            if (status == LoanStatus.Approved)
                throw new ConflictException($"Khoản vay {Fmt.Enum(loan.Status).ToLowerInvariant()} không trở lại trạng thái đã duyệt.");
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            loan.Status = status;
            if (Create.Handler.StartsWork(loan))
                await EmploymentOutcomes.RecordAsync(db, new OutcomeFromElsewhere(loan.LearnerId, loan.LoanedOn, EmploymentStatus.SelfEmployed, null, null,
                    OutcomeSource.Loan, loan.Id, LoanHelped: true, loan.BankBranchId), clock, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        private static NotFoundException NotFound() => new("Không tìm thấy khoản vay hoặc bạn không có quyền xem.");
    }

    public Loan Data { get; private set; } = null!;

    [BindProperty]
    public StatusCommand Change { get; set; } = new();

    public async Task OnGetAsync(int id, CancellationToken cancellationToken) => Data = await handler.HandleAsync(id, cancellationToken);

    public Task<IActionResult> OnPostStatusAsync(int id, CancellationToken cancellationToken) =>
        this.ActAsync(async () =>
            {
                await handler.SetStatusAsync(id, Change, cancellationToken);
                TempData["Message"] = "Đã cập nhật trạng thái khoản vay.";
                return RedirectToPage(new { id });
            },
            reload: async () => Data = await handler.HandleAsync(id, cancellationToken), prefix: nameof(Change));
}
