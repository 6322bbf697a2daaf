using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Infrastructure.Time;

namespace DaoTaoNghe.Features.Reports;

public enum Timeliness
{
    [Display(Name = "Chưa đến hạn")] NotDue = 1,
    [Display(Name = "Đúng hạn")] OnTime = 2,
    [Display(Name = "Trễ hạn")] Late = 3,
    [Display(Name = "Quá hạn, chưa gửi")] Missing = 4,
}

/// <summary>
/// Timeliness from timestamps, never from a button: a report is on time when it was first submitted
/// before its deadline day ended in Asia/Ho_Chi_Minh. The first submission counts because a report
/// the receiver returns for corrections was delivered on time; how long the corrections took shows
/// in its approval date and history, not in its timeliness.
/// </summary>
public static class TimelinessRules
{
    /// <summary>The UTC instant the local deadline day ends (midnight after it in Vietnam).</summary>
    public static DateTime DeadlineEndUtc(DateOnly dueOn) => VietnamTime.StartOfDayUtc(dueOn.AddDays(1));

    public static Timeliness Of(DateOnly dueOn, DateTime? firstSubmittedAtUtc, DateTime nowUtc)
    {
        var end = DeadlineEndUtc(dueOn);
        if (firstSubmittedAtUtc is { } submitted) return submitted < end ? Timeliness.OnTime : Timeliness.Late;
        return nowUtc < end ? Timeliness.NotDue : Timeliness.Missing;
    }

    public static string Badge(Timeliness timeliness) => timeliness switch
    {
        Timeliness.OnTime => "badge badge-ok",
        Timeliness.Late => "badge badge-warn",
        Timeliness.Missing => "badge badge-bad",
        _ => "badge",
    };
}

/// <summary>Completeness and timeliness of a set of reports: how many were expected, sent, sent on time, and are missing.</summary>
public sealed record TimelinessSummary(int Expected, int Submitted, int OnTime, int Late, int Missing, int NotDue, int Approved)
{
    public static TimelinessSummary Of(IEnumerable<(Timeliness Timeliness, ReportState State)> reports)
    {
        int expected = 0, onTime = 0, late = 0, missing = 0, notDue = 0, approved = 0;
        foreach (var (timeliness, state) in reports)
        {
            expected++;
            switch (timeliness)
            {
                case Timeliness.OnTime: onTime++; break;
                case Timeliness.Late: late++; break;
                case Timeliness.Missing: missing++; break;
                default: notDue++; break;
            }
            if (state == ReportState.Approved) approved++;
        }
        return new TimelinessSummary(expected, onTime + late, onTime, late, missing, notDue, approved);
    }

    /// <summary>Share of expected reports that were submitted at all.</summary>
    public double? Completeness => Expected == 0 ? null : (double)Submitted / Expected;

    /// <summary>Share of expected reports that were submitted on time.</summary>
    public double? OnTimeRate => Expected == 0 ? null : (double)OnTime / Expected;
}
