using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Notifications;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;

namespace DaoTaoNghe.Features.Reports;

/// <summary>
/// The standing agency approves a submitted report, or returns it with a comment saying what to
/// correct; the reporting unit is told either way, in the same transaction as the decision.
/// </summary>
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

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, ReportAccess access, Notifier notifier, TimeProvider clock) : IHandler
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
            await SaveAndTellAsync(report, now, "duyet", $"Báo cáo đã được duyệt: {report.Title}",
                string.IsNullOrWhiteSpace(command.Comment) ? "Cơ quan thường trực đã duyệt báo cáo." : "Ý kiến: " + command.Comment.Trim(), cancellationToken);
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
            await SaveAndTellAsync(report, now, "tra-lai", $"Báo cáo bị trả lại: {report.Title}",
                "Cần sửa, bổ sung rồi gửi lại. Ý kiến: " + command.Comment.Trim(), cancellationToken);
        }

        private async Task SaveAndTellAsync(Report report, DateTime now, string decision, string title, string body, CancellationToken cancellationToken)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            // Keyed by the decision's time: a report returned twice is told twice.
            await notifier.NotifyAsync([new OrganisationMessage(report.OrganisationId, $"bao-cao-{decision}:{report.Id}:{now.Ticks}", title, body,
                $"/Reports/Details/{report.Id}", NotificationKind.ReportReview)], now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
