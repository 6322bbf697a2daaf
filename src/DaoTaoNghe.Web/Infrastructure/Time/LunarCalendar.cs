namespace DaoTaoNghe.Infrastructure.Time;

/// <summary>
/// The Vietnamese lunar calendar (âm lịch), reckoned at UTC+7: it differs from the Chinese one
/// (UTC+8, what .NET's ChineseLunisolarCalendar gives) in some years, and Tết and Giỗ Tổ Hùng Vương
/// follow it. Astronomical new moons and solar terms after Hồ Ngọc Đức's published algorithm
/// (Jean Meeus, "Astronomical Algorithms"), accurate for 1900–2100.
/// </summary>
public static class LunarCalendar
{
    private const double TimeZone = 7.0;

    /// <summary>The solar date of a lunar day of a lunar year's month (not a leap month).</summary>
    public static DateOnly ToSolar(int lunarDay, int lunarMonth, int lunarYear)
    {
        int a11, b11;
        if (lunarMonth < 11)
        {
            a11 = LunarMonth11(lunarYear - 1);
            b11 = LunarMonth11(lunarYear);
        }
        else
        {
            a11 = LunarMonth11(lunarYear);
            b11 = LunarMonth11(lunarYear + 1);
        }
        var k = (int)Math.Floor(0.5 + (a11 - 2415021.076998695) / 29.530588853);
        var offset = lunarMonth - 11;
        if (offset < 0) offset += 12;
        if (b11 - a11 > 365)
        {
            // A year of 13 months: months from the leap one on come one new moon later.
            var leapOffset = LeapMonthOffset(a11);
            if (offset >= leapOffset) offset += 1;
        }
        var monthStart = NewMoonDay(k + offset);
        return FromJulianDay(monthStart + lunarDay - 1);
    }

    /// <summary>The first day of the lunar year (mùng 1 Tết).</summary>
    public static DateOnly NewYear(int year) => ToSolar(1, 1, year);

    private static int JulianDay(int day, int month, int year)
    {
        var a = (14 - month) / 12;
        var y = year + 4800 - a;
        var m = month + 12 * a - 3;
        return day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045;
    }

    private static DateOnly FromJulianDay(int jd)
    {
        var a = jd + 32044;
        var b = (4 * a + 3) / 146097;
        var c = a - b * 146097 / 4;
        var d = (4 * c + 3) / 1461;
        var e = c - 1461 * d / 4;
        var m = (5 * e + 2) / 153;
        var day = e - (153 * m + 2) / 5 + 1;
        var month = m + 3 - 12 * (m / 10);
        var year = b * 100 + d - 4800 + m / 10;
        return new DateOnly(year, month, day);
    }

    private static double NewMoon(int k)
    {
        var t = k / 1236.85;
        var t2 = t * t;
        var t3 = t2 * t;
        const double dr = Math.PI / 180;
        var jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
        jd1 += 0.00033 * Math.Sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
        var m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
        var mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
        var f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
        var c1 = (0.1734 - 0.000393 * t) * Math.Sin(m * dr) + 0.0021 * Math.Sin(2 * dr * m);
        c1 = c1 - 0.4068 * Math.Sin(mpr * dr) + 0.0161 * Math.Sin(dr * 2 * mpr);
        c1 -= 0.0004 * Math.Sin(dr * 3 * mpr);
        c1 = c1 + 0.0104 * Math.Sin(dr * 2 * f) - 0.0051 * Math.Sin(dr * (m + mpr));
        c1 = c1 - 0.0074 * Math.Sin(dr * (m - mpr)) + 0.0004 * Math.Sin(dr * (2 * f + m));
        c1 = c1 - 0.0004 * Math.Sin(dr * (2 * f - m)) - 0.0006 * Math.Sin(dr * (2 * f + mpr));
        c1 = c1 + 0.0010 * Math.Sin(dr * (2 * f - mpr)) + 0.0005 * Math.Sin(dr * (2 * mpr + m));
        var deltaT = t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2;
        return jd1 + c1 - deltaT;
    }

    private static int NewMoonDay(int k) => (int)Math.Floor(NewMoon(k) + 0.5 + TimeZone / 24);

    private static double SunLongitude(double jdn)
    {
        var t = (jdn - 2451545.0) / 36525;
        var t2 = t * t;
        const double dr = Math.PI / 180;
        var m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
        var l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * Math.Sin(dr * m);
        dl = dl + (0.019993 - 0.000101 * t) * Math.Sin(dr * 2 * m) + 0.000290 * Math.Sin(dr * 3 * m);
        var l = (l0 + dl) * dr;
        return l - Math.PI * 2 * Math.Floor(l / (Math.PI * 2));
    }

    /// <summary>The sun's longitude at the start of a day, in twelfths of the circle (0–11): which solar term it is in.</summary>
    private static int SunSector(int dayNumber) => (int)Math.Floor(SunLongitude(dayNumber - 0.5 - TimeZone / 24) / Math.PI * 6);

    /// <summary>The start of the lunar month holding the winter solstice (tháng 11 âm lịch) of a year.</summary>
    private static int LunarMonth11(int year)
    {
        var offset = JulianDay(31, 12, year) - 2415021;
        var k = (int)Math.Floor(offset / 29.530588853);
        var newMoon = NewMoonDay(k);
        return SunSector(newMoon) >= 9 ? NewMoonDay(k - 1) : newMoon;
    }

    /// <summary>Which month after month 11 is the leap one: the first without a major solar term.</summary>
    private static int LeapMonthOffset(int a11)
    {
        var k = (int)Math.Floor((a11 - 2415021.076998695) / 29.530588853 + 0.5);
        var i = 1;
        var arc = SunSector(NewMoonDay(k + i));
        int last;
        do
        {
            last = arc;
            i++;
            arc = SunSector(NewMoonDay(k + i));
        } while (arc != last && i < 14);
        return i - 1;
    }
}
