using System.Globalization;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Reports;

/// <summary>
/// Reporting periods. The default date range of a periodic report is the data cut-off of Nghị định
/// 09/2019/NĐ-CP (Article 12): a month runs from the 15th of the month before to the 14th; a quarter
/// from the 15th of the month before it to the 14th of its last month; a year from 15/12 of the year
/// before to 14/12. That is why communes can report by 15/12 on a whole year. An ad hoc request
/// states its own range.
/// </summary>
public static class ReportPeriods
{
    public static (DateOnly Start, DateOnly End) DefaultRange(PeriodKind kind, int year, int? number) => kind switch
    {
        PeriodKind.Year => (new DateOnly(year - 1, 12, 15), new DateOnly(year, 12, 14)),
        PeriodKind.Quarter => (new DateOnly(year, (number!.Value - 1) * 3 + 1, 15).AddMonths(-1), new DateOnly(year, number.Value * 3, 14)),
        PeriodKind.Month => (new DateOnly(year, number!.Value, 15).AddMonths(-1), new DateOnly(year, number.Value, 14)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), "Báo cáo đột xuất không có kỳ mặc định."),
    };

    /// <summary>How the period reads in a title: "năm 2026", "quý III năm 2026", "tháng 11 năm 2026", "từ ngày 01/01/2026 đến ngày 20/11/2026".</summary>
    public static string Label(PeriodKind kind, int year, int? number, DateOnly start, DateOnly end) => kind switch
    {
        PeriodKind.Year => $"năm {year}",
        PeriodKind.Quarter => $"quý {Roman(number ?? 0)} năm {year}",
        PeriodKind.Month => $"tháng {number} năm {year}",
        _ => $"từ ngày {Fmt.Date(start)} đến ngày {Fmt.Date(end)}",
    };

    private static string Roman(int quarter) => quarter switch { 1 => "I", 2 => "II", 3 => "III", 4 => "IV", _ => quarter.ToString(CultureInfo.InvariantCulture) };
}
