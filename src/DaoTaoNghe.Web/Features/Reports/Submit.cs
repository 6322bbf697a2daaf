using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Notifications;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Reports;

/// <summary>
/// The reporting body sends its report (first time, or again after it was returned). Its figures
/// and task statuses are refilled one last time and frozen; the first submission's instant decides
/// timeliness; the document date defaults to that day in Vietnam. The province's reviewers are told
/// in the same transaction, so a report never waits unseen.
/// </summary>
public static class Submit
{
    public sealed class Handler(AppDbContext db, IValidator<SaveDraft.Command> validator, ReportAccess access, ReportFill fill, Notifier notifier, TimeProvider clock) : IHandler
    {
        /// <summary>Submits, first saving <paramref name="changes"/> when the form sent them, in one transaction.</summary>
        public async Task HandleAsync(int id, SaveDraft.Command? changes, CancellationToken cancellationToken = default)
        {
            if (changes is not null) await validator.EnsureValidAsync(changes, cancellationToken);
            var report = await access.LoadForWriteAsync(id, cancellationToken);
            access.EnsureMayDraft(report);
            if (changes is not null) SaveDraft.Apply(report, changes);

            var narratives = report.Sections.Where(s => s.Kind == SectionKind.Narrative).OrderBy(s => s.Order).ToList();
            var empty = narratives.Select((s, i) => (Section: s, Index: i)).Where(x => string.IsNullOrWhiteSpace(x.Section.Text))
                .Select(x => new FieldError($"Sections[{x.Index}].Text", $"Mục \"{x.Section.Heading}\" chưa có nội dung.")).ToList();
            if (empty.Count > 0) throw new ValidationFailedException(empty);

            var now = clock.GetUtcNow().UtcDateTime;
            await fill.RefreshAsync(report, cancellationToken);
            var again = report.FirstSubmittedAt is not null;
            report.FirstSubmittedAt ??= now;
            report.LastSubmittedAt = now;
            report.ReportDate ??= VietnamTime.Today(clock);
            report.State = ReportState.Submitted;
            var actor = await access.ActorNameAsync(cancellationToken);
            db.ReportEvents.Add(access.NewEvent(report, again ? ReportAction.Resubmitted : ReportAction.Submitted, actor, now, null));

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            var reviewers = await ReviewersAsync(report.ProvinceId, cancellationToken);
            // Keyed by the submission's time: a report sent again after its return is told again.
            await notifier.NotifyAsync(reviewers.Select(r => new OrganisationMessage(r.OrganisationId, $"bao-cao-gui:{report.Id}:{now.Ticks}",
                $"{(again ? "Báo cáo gửi lại" : "Báo cáo mới gửi")}, chờ duyệt: {report.Title}",
                $"{actor} đã {(again ? "gửi lại" : "gửi")} báo cáo ngày {Fmt.Date(VietnamTime.Today(clock))}. Đề nghị xem và duyệt hoặc trả lại.",
                $"/Reports/Details/{report.Id}", NotificationKind.ReportSubmitted, r.Id)).ToList(), now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        /// <summary>
        /// The province admins who approve or return the province's reports (<see cref="ReportAccess.EnsureMayReview"/>).
        /// They sit in organisations past the sender's scope, hence the filters lifted on this read alone.
        /// </summary>
        private async Task<List<(int Id, int OrganisationId)>> ReviewersAsync(int provinceId, CancellationToken cancellationToken)
        {
            var callerId = db.Scope.UserId;
            var admins = db.UserRoles.Where(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.ProvinceAdmin)).Select(ur => ur.UserId);
            var rows = await db.Users.IgnoreQueryFilters().AsNoTracking()
                .Where(u => u.Organisation.ProvinceId == provinceId && !u.IsDisabled && u.Id != callerId && admins.Contains(u.Id))
                .Select(u => new { u.Id, u.OrganisationId })
                .ToListAsync(cancellationToken);
            return rows.Select(u => (u.Id, u.OrganisationId)).ToList();
        }
    }
}
