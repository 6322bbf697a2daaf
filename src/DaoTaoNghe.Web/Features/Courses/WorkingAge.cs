using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Learners;

namespace DaoTaoNghe.Features.Courses;

/// <summary>
/// Working age on a course's start date, the rule enrolment applies. The lower bound is 15 (Bộ
/// luật Lao động 2019, Điều 3 khoản 1: a worker is at least 15; those under 15 work only as
/// Điều 143–145 allow, not in vocational courses of this programme). The upper bound is the normal
/// retirement age of Điều 169 and Nghị định 135/2020/NĐ-CP: 60 years 3 months for men and 55
/// years 4 months for women in 2021, rising by 3 and 4 months a year to 62 (2028) and 60 (2035);
/// 60 and 55 before 2021. People past it may still enrol when their commune recorded them as
/// "người cao tuổi còn khả năng lao động", the priority category domain.md names for them.
/// </summary>
public static class WorkingAge
{
    public const int Minimum = 15;

    /// <summary>The normal retirement age in <paramref name="year"/>, in months.</summary>
    public static int RetirementMonths(Sex sex, int year)
    {
        var steps = Math.Max(0, year - 2020);
        return sex == Sex.Male
            ? Math.Min(60 * 12 + 3 * steps, 62 * 12)
            : Math.Min(55 * 12 + 4 * steps, 60 * 12);
    }

    /// <summary>Why the person may not enrol in a course starting on <paramref name="start"/>, or null when they may.</summary>
    public static string? Refusal(DateOnly birthDate, Sex sex, bool elderlyAbleToWork, DateOnly start)
    {
        if (birthDate.AddYears(Minimum) > start)
            return $"Người học chưa đủ {Minimum} tuổi vào ngày khai giảng {Start(start)} (sinh ngày {Start(birthDate)}): chưa đến tuổi lao động.";
        var months = RetirementMonths(sex, start.Year);
        if (birthDate.AddMonths(months) <= start && !elderlyAbleToWork)
            return $"Người học đã hết tuổi lao động vào ngày khai giảng {Start(start)} ({(sex == Sex.Male ? "nam" : "nữ")} từ {Describe(months)} năm {start.Year}) "
                   + "và chưa được UBND xã ghi nhận là người cao tuổi còn khả năng lao động.";
        return null;
    }

    public static string Describe(int months) => months % 12 == 0 ? $"{months / 12} tuổi" : $"{months / 12} tuổi {months % 12} tháng";

    private static string Start(DateOnly date) => date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
