namespace DaoTaoNghe.Infrastructure.Time;

/// <summary>
/// The days off of public agencies in one year: the public holidays (Bộ luật Lao động 2019, Điều 112)
/// as the Government set them for the year, the compensating days and the swaps, and the Saturdays
/// worked in exchange.
/// </summary>
/// <param name="Decided">The dates are the Government's decision for the year; otherwise they follow the law's rule until one is made.</param>
public sealed record HolidayYear(int Year, IReadOnlyList<(DateOnly Day, string Name)> DaysOff, IReadOnlyList<DateOnly> SaturdaysWorked, bool Decided, string Source);

/// <summary>
/// Working days of Vietnamese public agencies: Monday to Friday, except the public holidays and
/// the days given in compensation or swapped, plus the Saturdays worked in exchange. Years the
/// Government has decided are a table below (update it each year when the decision is published);
/// other years follow the law's rule: 1/1; Tết Nguyên đán five days, from the last day of the lunar
/// year to the fourth of the new one; Giỗ Tổ Hùng Vương (10/3 âm lịch); 30/4; 1/5; Quốc khánh 2/9
/// with the day before (or after, when the day before is a weekend); a holiday on a weekend gives the
/// next working day off (Điều 111, 112).
/// </summary>
public static class WorkingDays
{
    private static readonly Dictionary<int, HolidayYear> Decisions = new[]
    {
        new HolidayYear(2025,
        [
            (new DateOnly(2025, 1, 1), "Tết Dương lịch"),
            (new DateOnly(2025, 1, 27), "Tết Nguyên đán"), (new DateOnly(2025, 1, 28), "Tết Nguyên đán"), (new DateOnly(2025, 1, 29), "Tết Nguyên đán"),
            (new DateOnly(2025, 1, 30), "Tết Nguyên đán"), (new DateOnly(2025, 1, 31), "Tết Nguyên đán"),
            (new DateOnly(2025, 4, 7), "Giỗ Tổ Hùng Vương"),
            (new DateOnly(2025, 4, 30), "Ngày Chiến thắng"), (new DateOnly(2025, 5, 1), "Ngày Quốc tế Lao động"),
            (new DateOnly(2025, 5, 2), "Hoán đổi ngày làm việc (làm bù thứ Bảy 26/4)"),
            (new DateOnly(2025, 9, 1), "Quốc khánh"), (new DateOnly(2025, 9, 2), "Quốc khánh"),
        ], [new DateOnly(2025, 4, 26)], Decided: true, "Thông báo của Bộ Nội vụ về lịch nghỉ lễ, Tết năm 2025"),
        new HolidayYear(2026,
        [
            (new DateOnly(2026, 1, 1), "Tết Dương lịch"), (new DateOnly(2026, 1, 2), "Hoán đổi ngày làm việc (làm bù thứ Bảy 10/1)"),
            (new DateOnly(2026, 2, 16), "Tết Nguyên đán"), (new DateOnly(2026, 2, 17), "Tết Nguyên đán"), (new DateOnly(2026, 2, 18), "Tết Nguyên đán"),
            (new DateOnly(2026, 2, 19), "Tết Nguyên đán"), (new DateOnly(2026, 2, 20), "Tết Nguyên đán"),
            (new DateOnly(2026, 4, 27), "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch, Chủ nhật 26/4)"),
            (new DateOnly(2026, 4, 30), "Ngày Chiến thắng"), (new DateOnly(2026, 5, 1), "Ngày Quốc tế Lao động"),
            (new DateOnly(2026, 9, 1), "Quốc khánh"), (new DateOnly(2026, 9, 2), "Quốc khánh"),
        ], [new DateOnly(2026, 1, 10)], Decided: true,
            "Văn bản 12729/VPCP-KGVX (Tết Dương lịch: nghỉ 1/1–4/1, làm bù thứ Bảy 10/1); Tết Nguyên đán nghỉ 14/2–22/2/2026 theo phương án Thủ tướng đồng ý"),
    }.ToDictionary(y => y.Year);

    /// <summary>The year's days off: the Government's decision when the table has it, else the law's rule.</summary>
    public static HolidayYear Year(int year) => Decisions.TryGetValue(year, out var decided) ? decided : ByRule(year);

    public static bool IsWorkingDay(DateOnly day)
    {
        var year = Year(day.Year);
        if (year.SaturdaysWorked.Contains(day)) return true;
        if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) return false;
        return !year.DaysOff.Any(d => d.Day == day);
    }

    /// <summary>The <paramref name="count"/>-th working day after <paramref name="from"/> (the day itself not counted, Bộ luật Dân sự, Điều 147).</summary>
    public static DateOnly Add(DateOnly from, int count)
    {
        var day = from;
        for (var counted = 0; counted < count;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) counted++;
        }
        return day;
    }

    /// <summary>The day, or the next working day when it is a day off: a period ending on a day off ends on the next working day (Bộ luật Dân sự, Điều 148).</summary>
    public static DateOnly OnOrAfter(DateOnly day)
    {
        while (!IsWorkingDay(day)) day = day.AddDays(1);
        return day;
    }

    private static HolidayYear ByRule(int year)
    {
        var days = new List<(DateOnly Day, string Name)> { (new DateOnly(year, 1, 1), "Tết Dương lịch") };
        var newYear = LunarCalendar.NewYear(year);
        for (var i = -1; i <= 3; i++) days.Add((newYear.AddDays(i), "Tết Nguyên đán"));
        days.Add((LunarCalendar.ToSolar(10, 3, year), "Giỗ Tổ Hùng Vương"));
        days.Add((new DateOnly(year, 4, 30), "Ngày Chiến thắng"));
        days.Add((new DateOnly(year, 5, 1), "Ngày Quốc tế Lao động"));
        var nationalDay = new DateOnly(year, 9, 2);
        var adjacent = nationalDay.AddDays(-1).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? nationalDay.AddDays(1) : nationalDay.AddDays(-1);
        days.Add((nationalDay, "Quốc khánh"));
        days.Add((adjacent, "Quốc khánh"));

        // A holiday on a weekend gives the next day that is neither a weekend nor another holiday.
        var taken = days.Select(d => d.Day).ToHashSet();
        foreach (var (day, name) in days.OrderBy(d => d.Day).ToList())
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) continue;
            var compensation = day.AddDays(1);
            while (compensation.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || taken.Contains(compensation)) compensation = compensation.AddDays(1);
            taken.Add(compensation);
            days.Add((compensation, $"Nghỉ bù {name} ({day:dd/MM})"));
        }
        return new HolidayYear(year, days.OrderBy(d => d.Day).ToList(), [], Decided: false,
            "Theo Bộ luật Lao động 2019, Điều 111–112, chưa có quyết định của Chính phủ cho năm này");
    }
}
