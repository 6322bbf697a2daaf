using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Infrastructure.Time;

namespace DaoTaoNghe.Features.PersonalData;

/// <summary>
/// The deadlines of a data subject's request (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15, Nghị định
/// 356/2025/NĐ-CP): an answer within 2 working days of its receipt; the request carried out within
/// 15 days, once extendable by up to 15 days more. Periods start the day after receipt (Bộ luật Dân
/// sự, Điều 147); working days skip weekends and the days off of <see cref="WorkingDays"/>; a period
/// of days that ends on a day off ends on the next working day (Điều 148).
/// </summary>
public sealed record RequestDeadlines(DateOnly AnswerBy, DateOnly CarryOutBy, DateOnly LatestExtension)
{
    public const int AnswerWorkingDays = 2;
    public const int CarryOutDays = 15;
    public const int ExtensionDays = 15;

    public static RequestDeadlines For(DateOnly received)
    {
        var carryOut = WorkingDays.OnOrAfter(received.AddDays(CarryOutDays));
        return new RequestDeadlines(WorkingDays.Add(received, AnswerWorkingDays), carryOut, WorkingDays.OnOrAfter(carryOut.AddDays(ExtensionDays)));
    }
}

/// <summary>
/// A personal-data breach must be notified to the specialised agency (Bộ Công an, A05) within 72
/// hours of its discovery; a later notification must say why it is late.
/// </summary>
public static class BreachClock
{
    public static readonly TimeSpan Limit = TimeSpan.FromHours(72);

    public static DateTime NotifyBy(DateTime discoveredAtUtc) => discoveredAtUtc + Limit;

    public static bool IsLate(DateTime discoveredAtUtc, DateTime notifiedOrNowUtc) => notifiedOrNowUtc > NotifyBy(discoveredAtUtc);

    /// <summary>How early an unsent notification is flagged: a working day is what is left to draft and send it.</summary>
    public static readonly TimeSpan Warning = TimeSpan.FromHours(24);

    public static BreachNotice Notice(DateTime discoveredAtUtc, DateTime? notifiedAtUtc, DateTime nowUtc) => notifiedAtUtc switch
    {
        { } sent => IsLate(discoveredAtUtc, sent) ? BreachNotice.SentLate : BreachNotice.Sent,
        null when IsLate(discoveredAtUtc, nowUtc) => BreachNotice.Overdue,
        null when NotifyBy(discoveredAtUtc) - nowUtc <= Warning => BreachNotice.DueSoon,
        _ => BreachNotice.Pending,
    };
}

public enum BreachNotice
{
    [Display(Name = "Chưa thông báo")] Pending,
    [Display(Name = "Sắp hết hạn thông báo")] DueSoon,
    [Display(Name = "Quá hạn thông báo")] Overdue,
    [Display(Name = "Đã thông báo")] Sent,
    [Display(Name = "Đã thông báo muộn")] SentLate,
}
