using System.Text;
using System.Xml;
using DaoTaoNghe.Features.Indicators;

namespace DaoTaoNghe.Features.Exchange;

/// <summary>
/// Indicator values as an IHE ADX message (namespace urn:ihe:qrph:adx:2015, valid against adx_loose.xsd,
/// copied in ReferenceData/adx): one group per unit (orgUnit = official code) and year (period
/// 2026-01-01/P1Y), one dataValue per indicator code, a breakdown's group carrying its dimension as an
/// extra attribute (SEX="Female").
/// </summary>
public static class Adx
{
    public const string Namespace = "urn:ihe:qrph:adx:2015";
    public const string ContentType = "application/adx+xml";

    public static byte[] Write(ExchangeValues values, DateTimeOffset exported)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("adx", Namespace);
            xml.WriteAttributeString("exported", XmlConvert.ToString(exported));
            foreach (var unit in values.Units)
            {
                var rows = values.Values.Where(v => v.UnitCode == unit.Code).ToList();
                // The schema wants at least one dataValue in a group: a unit without any value is left out.
                if (rows.Count == 0) continue;
                xml.WriteStartElement("group", Namespace);
                xml.WriteAttributeString("orgUnit", unit.Code);
                xml.WriteAttributeString("period", ExchangeCodes.AdxPeriod(values.Year));
                xml.WriteAttributeString("dataSet", ExchangeCodes.DataSet);
                foreach (var row in rows)
                {
                    xml.WriteStartElement("dataValue", Namespace);
                    xml.WriteAttributeString("dataElement", row.Indicator);
                    if (row.By is { } dimension) xml.WriteAttributeString(ExchangeCodes.Attribute(dimension), row.Key);
                    xml.WriteAttributeString("value", ExchangeCodes.Value(row.Value));
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return stream.ToArray();
    }
}
