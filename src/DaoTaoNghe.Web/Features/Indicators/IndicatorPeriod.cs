using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>A period of local dates, both inclusive: a calendar year on the dashboards, any range for a report.</summary>
[AreaContract]
public sealed record IndicatorPeriod(DateOnly From, DateOnly To)
{
    public static IndicatorPeriod Year(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    public bool IsWholeYear => From.Month == 1 && From.Day == 1 && To == new DateOnly(From.Year, 12, 31);

    public string Label => IsWholeYear ? $"năm {From.Year}" : $"từ {Fmt.Date(From)} đến {Fmt.Date(To)}";

    /// <summary>The day a snapshot is taken: the end of the period, or today while it runs.</summary>
    public DateOnly At(DateOnly today) => To < today ? To : today;

    /// <summary>
    /// The yearly values a period takes in: those whose 1 July lies within it. A calendar year takes
    /// its own; a reporting year from 15/12 to 14/12 the year it mostly covers; a two-month ad hoc
    /// period none, since a yearly figure cannot be split.
    /// </summary>
    public static (int First, int Last)? YearsOf(DateOnly from, DateOnly to)
    {
        var first = from <= new DateOnly(from.Year, 7, 1) ? from.Year : from.Year + 1;
        var last = to >= new DateOnly(to.Year, 7, 1) ? to.Year : to.Year - 1;
        return first <= last ? (first, last) : null;
    }
}
