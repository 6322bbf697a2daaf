using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;

namespace DaoTaoNghe.Features.Reports;

/// <summary>
/// The reporting body sends its report (first time, or again after it was returned). Its figures
/// and task statuses are refilled one last time and frozen; the first submission's instant decides
/// timeliness; the document date defaults to that day in Vietnam.
/// </summary>
public static class Submit
{
    public sealed class Handler(AppDbContext db, IValidator<SaveDraft.Command> validator, ReportAccess access, ReportFill fill, TimeProvider clock) : IHandler
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
            db.ReportEvents.Add(access.NewEvent(report, again ? ReportAction.Resubmitted : ReportAction.Submitted,
                await access.ActorNameAsync(cancellationToken), now, null));
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
