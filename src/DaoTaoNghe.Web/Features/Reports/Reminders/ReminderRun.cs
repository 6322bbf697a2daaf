using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Notifications;
using DaoTaoNghe.Features.Plans;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Reports.Reminders;

/// <summary>
/// One pass of the reminders, for a given instant (so tests need no clock and no waiting): each
/// unsent report whose deadline is N days away or less (the obligation's "remind before"), or M
/// days past (its "remind after"), and each unfinished task within Reminders:TaskDaysBefore of its
/// deadline or Reminders:TaskDaysAfter past it, becomes an in-app notification for every user of
/// the body concerned who can act on it, through <see cref="Notifier"/>. Each message has a key with
/// the deadline in it, so an extended deadline is reminded afresh. A reminder missed while the
/// service was down still goes out within a week.
/// </summary>
public sealed class ReminderRun(AppDbContext db, Notifier notifier, IConfiguration configuration) : IHandler
{
    public const int CatchUpDays = 7;

    public async Task<Notifier.Result> HandleAsync(DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(nowUtc));
        var messages = new List<OrganisationMessage>();
        messages.AddRange(await ReportMessagesAsync(today, cancellationToken));
        messages.AddRange(await TaskMessagesAsync(today, cancellationToken));
        return await notifier.NotifyAsync(messages, nowUtc, cancellationToken);
    }

    private async Task<List<OrganisationMessage>> ReportMessagesAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var from = today.AddDays(-(60 + CatchUpDays));
        var to = today.AddDays(60);
        var reports = await db.Reports.AsNoTracking()
            .Where(r => r.FirstSubmittedAt == null && r.Obligation.DueOn >= from && r.Obligation.DueOn <= to)
            .Select(r => new { r.Id, r.OrganisationId, r.Obligation.Title, r.Obligation.DueOn, r.Obligation.RemindDaysBefore, r.Obligation.RemindDaysAfter })
            .ToListAsync(cancellationToken);
        var messages = new List<OrganisationMessage>();
        foreach (var r in reports)
        {
            var url = $"/Reports/Details/{r.Id}";
            if (r.RemindDaysBefore > 0 && today >= r.DueOn.AddDays(-r.RemindDaysBefore) && today <= r.DueOn)
            {
                var left = r.DueOn.DayNumber - today.DayNumber;
                messages.Add(new OrganisationMessage(r.OrganisationId, $"report:{r.Id}:due:{r.DueOn:yyyyMMdd}", $"Sắp đến hạn gửi báo cáo: {r.Title}",
                    $"Hạn gửi báo cáo là ngày {Fmt.Date(r.DueOn)} ({(left == 0 ? "hôm nay" : $"còn {left} ngày")}). Báo cáo của đơn vị chưa được gửi.", url, NotificationKind.Reminder));
            }
            if (r.RemindDaysAfter > 0 && today >= r.DueOn.AddDays(r.RemindDaysAfter) && today <= r.DueOn.AddDays(r.RemindDaysAfter + CatchUpDays))
                messages.Add(new OrganisationMessage(r.OrganisationId, $"report:{r.Id}:overdue:{r.DueOn:yyyyMMdd}", $"Quá hạn gửi báo cáo: {r.Title}",
                    $"Hạn gửi báo cáo là ngày {Fmt.Date(r.DueOn)}; đơn vị chưa gửi. Đề nghị hoàn thành và gửi ngay.", url, NotificationKind.Reminder));
        }
        return messages;
    }

    private async Task<List<OrganisationMessage>> TaskMessagesAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var before = configuration.GetValue("Reminders:TaskDaysBefore", 30);
        var after = configuration.GetValue("Reminders:TaskDaysAfter", 1);
        var assignments = await PlanRecords.CurrentAssignments(db)
            .Where(a => a.Status != AssignmentStatus.Completed || a.Task.TimeFrame == TimeFrameKind.Yearly)
            .Select(a => new
            {
                a.Id, a.OrganisationId, a.TaskId, a.Task.TimeFrame, a.Task.ToYear, a.Status, a.UpdatedAt, a.Task.Number,
                SectionCode = a.Task.Section != null ? a.Task.Section.Code : null, a.Task.Content,
            })
            .ToListAsync(cancellationToken);
        var messages = new List<OrganisationMessage>();
        foreach (var a in assignments)
        {
            var deadline = PlanTask.DeadlineOn(a.TimeFrame, a.ToYear, today);
            var doneThisTime = a.Status == AssignmentStatus.Completed
                && (a.TimeFrame != TimeFrameKind.Yearly || (a.UpdatedAt is { } at && VietnamTime.ToLocal(at).Year == deadline.Year));
            if (doneThisTime) continue;
            var label = a.SectionCode is null ? a.Number : $"{a.SectionCode}.{a.Number}";
            var content = a.Content.Length > 120 ? a.Content[..120] + "…" : a.Content;
            var url = $"/Plans/TaskDetails/{a.TaskId}";
            if (before > 0 && today >= deadline.AddDays(-before) && today <= deadline)
                messages.Add(new OrganisationMessage(a.OrganisationId, $"task:{a.Id}:due:{deadline:yyyyMMdd}", $"Nhiệm vụ {label} sắp đến hạn {Fmt.Date(deadline)}",
                    $"{content} – tình trạng hiện tại: {Fmt.Enum(a.Status)}. Đề nghị cập nhật tiến độ.", url, NotificationKind.Reminder));
            if (after > 0 && today >= deadline.AddDays(after) && today <= deadline.AddDays(after + CatchUpDays))
                messages.Add(new OrganisationMessage(a.OrganisationId, $"task:{a.Id}:overdue:{deadline:yyyyMMdd}", $"Nhiệm vụ {label} đã quá hạn {Fmt.Date(deadline)}",
                    $"{content} – tình trạng: {Fmt.Enum(a.Status)}.", url, NotificationKind.Reminder));
        }
        return messages;
    }
}
