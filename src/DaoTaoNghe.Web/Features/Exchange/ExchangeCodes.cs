using System.Globalization;
using DaoTaoNghe.Features.Indicators;

namespace DaoTaoNghe.Features.Exchange;

/// <summary>
/// How the catalogue's codes appear in the standard formats, in one place so the ADX document, the
/// DHIS2 data value set and the published data dictionary cannot disagree.
/// </summary>
public static class ExchangeCodes
{
    /// <summary>The data set both formats name: every indicator of the catalogue.</summary>
    public const string DataSet = "DTN_CHI_SO";

    /// <summary>DHIS2's code of the default category option combination (a total, no disaggregation).</summary>
    public const string Default = "default";

    /// <summary>The ADX attribute (and the DHIS2 category) of a breakdown: SEX, MINORITY, PRIORITY, LEVEL.</summary>
    public static string Attribute(Dimension dimension) => dimension.ToString().ToUpperInvariant();

    /// <summary>The DHIS2 category option combination of a breakdown's group, e.g. SEX_Female; <see cref="Default"/> for a total.</summary>
    public static string CategoryOptionCombo(Dimension? dimension, string? key) =>
        dimension is { } d ? $"{Attribute(d)}_{key}" : Default;

    /// <summary>ADX's period of a calendar year: its first day and a duration of one year.</summary>
    public static string AdxPeriod(int year) => $"{year:D4}-01-01/P1Y";

    /// <summary>DHIS2's yearly period.</summary>
    public static string Dhis2Period(int year) => year.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>A value as xs:decimal (no exponent), which DHIS2 reads too.</summary>
    public static string Value(double value) => ((decimal)value).ToString(CultureInfo.InvariantCulture);
}
