using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Notifications;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.FollowUps;

/// <summary>
/// Tells each commune, once a month, that the follow-up window of its residents has opened: how many
/// people's 3-, 6- or 12-month follow-up falls in this month and is not yet recorded (the rule of
/// <see cref="DueFollowUps"/>, counted per commune of residence as it stands after the 2025 merger).
/// </summary>
public sealed class FollowUpWindowRun(AppDbContext db, Notifier notifier) : INotificationRun
{
    public async Task<int> RunAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(nowUtc));
        var month = new DateOnly(today.Year, today.Month, 1);
        var counts = new Dictionary<int, int>();
        foreach (var checkpoint in EmploymentOutcome.Checkpoints)
        {
            var first = month.AddMonths(-checkpoint);
            var last = month.AddMonths(1 - checkpoint).AddDays(-1);
            var c = checkpoint;
            var communes = await TrainingRecords.Enrolments(db).AsNoTracking()
                .Where(e => e.Status == EnrolmentStatus.Completed && e.ResultOn >= first && e.ResultOn <= last && e.Course.State != CourseState.Cancelled
                            && e.Learner.MergedIntoId == null && !db.EmploymentOutcomes.Any(o => o.EnrolmentId == e.Id && o.Checkpoint == c))
                .GroupBy(e => e.ResidenceCommune.RollUpUnitId ?? e.ResidenceCommuneId)
                .Select(g => new { CommuneId = g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken);
            foreach (var commune in communes) counts[commune.CommuneId] = counts.GetValueOrDefault(commune.CommuneId) + commune.Count;
        }
        if (counts.Count == 0) return 0;
        var ids = counts.Keys.ToList();
        var offices = await OrganisationDirectory.OfKind(db, OrganisationKind.CommuneGovernment).Where(o => ids.Contains(o.UnitId) && o.IsActive)
            .Select(o => new { o.Id, o.UnitId }).ToListAsync(cancellationToken);
        var messages = offices.Select(o => new OrganisationMessage(o.Id, $"theo-doi-mo:{o.UnitId}:{month:yyyy-MM}",
                $"Đến kỳ theo dõi việc làm tháng {month:MM/yyyy}: {counts[o.UnitId]} người",
                $"Trong tháng {month:MM/yyyy} có {counts[o.UnitId]} lượt theo dõi việc làm sau đào tạo (mốc 3, 6 hoặc 12 tháng) của người dân trong xã, phường chưa ghi nhận. "
                + "Hãy liên hệ và ghi kết quả trước cuối tháng.",
                $"/FollowUps?tt={DueFollowUps.DueThisMonth}", NotificationKind.FollowUp))
            .ToList();
        return (await notifier.NotifyAsync(messages, nowUtc, cancellationToken)).Notified;
    }
}
