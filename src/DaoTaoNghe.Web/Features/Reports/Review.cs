using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;

namespace DaoTaoNghe.Features.Reports;

/// <summary>The standing agency approves a submitted report, or returns it with a comment saying what to correct.</summary>
public static class Review
{
    public class Command
    {
        [Display(Name = "Ý kiến")] public string? Comment { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Comment).MaximumLength(4000);
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, ReportAccess access, TimeProvider clock) : IHandler
    {
        public async Task ApproveAsync(int id, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var report = await access.LoadForWriteAsync(id, cancellationToken);
            access.EnsureMayReview(report);
            var now = clock.GetUtcNow().UtcDateTime;
            report.State = ReportState.Approved;
            report.ApprovedAt = now;
            db.ReportEvents.Add(access.NewEvent(report, ReportAction.Approved, await access.ActorNameAsync(cancellationToken), now, command.Comment));
            await db.SaveChangesAsync(cancellationToken);
        }

        public async Task ReturnAsync(int id, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var report = await access.LoadForWriteAsync(id, cancellationToken);
            access.EnsureMayReview(report);
            if (string.IsNullOrWhiteSpace(command.Comment))
                throw new ValidationFailedException(nameof(Command.Comment), "Vui lòng ghi ý kiến trả lại: cần sửa, bổ sung gì trước khi gửi lại.");
            var now = clock.GetUtcNow().UtcDateTime;
            report.State = ReportState.Returned;
            report.ReturnedAt = now;
            db.ReportEvents.Add(access.NewEvent(report, ReportAction.Returned, await access.ActorNameAsync(cancellationToken), now, command.Comment));
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
