using DaoTaoNghe.Features.Indicators;

namespace DaoTaoNghe.Features.Exchange;

/// <summary>
/// Indicator values as a DHIS2 data value set (POST /api/dataValueSets?idScheme=CODE on the receiving
/// DHIS2): codes as identifiers, the year in DHIS2's yearly format, a breakdown's group as the category
/// option combination DIMENSION_key, totals on the default one.
/// </summary>
public static class Dhis2
{
    /// <summary>A DHIS2 data value set: the data set, the period and unit asked, and the values.</summary>
    public sealed record DataValueSet(string DataSet, string Period, string OrgUnit, DateOnly CompleteDate, IReadOnlyList<DataValue> DataValues);

    /// <summary>One value: data element (indicator code), period, unit code, category option combination, attribute option combination, the value as text.</summary>
    public sealed record DataValue(string DataElement, string Period, string OrgUnit, string CategoryOptionCombo, string AttributeOptionCombo, string Value);

    public static DataValueSet From(ExchangeValues values, DateOnly today) =>
        new(ExchangeCodes.DataSet, ExchangeCodes.Dhis2Period(values.Year), values.Unit.Code, today,
            values.Values.Select(v => new DataValue(v.Indicator, ExchangeCodes.Dhis2Period(values.Year), v.UnitCode,
                ExchangeCodes.CategoryOptionCombo(v.By, v.Key), ExchangeCodes.Default, ExchangeCodes.Value(v.Value))).ToList());
}
