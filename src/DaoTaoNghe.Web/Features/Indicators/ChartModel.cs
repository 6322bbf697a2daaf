using System.Text.Json;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>One series of a chart: its name and a value per label (null where there is none).</summary>
public sealed record ChartSeries(string Label, IReadOnlyList<double?> Values, bool IsTarget = false);

/// <summary>
/// A chart and the table that carries the same numbers, drawn by wwwroot/js/dashboard.js from a JSON
/// block (no inline script: the CSP forbids it). The table is the accessible form – what a screen
/// reader reads and an export writes – and the chart only draws it; a label may link somewhere
/// (a commune's dashboard), and so may its bar.
/// </summary>
public sealed record ChartModel(string Id, string Title, string Type, string Unit, string LabelHeader, IReadOnlyList<string> Labels,
    IReadOnlyList<ChartSeries> Series, IReadOnlyList<string?>? Links = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A value as the table prints it, in the chart's unit.</summary>
    public string Format(double? value) => value is not { } v ? "–" : Unit switch
    {
        "%" => Fmt.Number(Math.Round(v, 2), 2) + "%",
        "đồng" => Fmt.Money((long)Math.Round(v)),
        _ => Fmt.Number((long)Math.Round(v)),
    };

    public bool IsEmpty => Labels.Count == 0 || Series.All(s => s.Values.All(v => v is null));

    /// <summary>The JSON dashboard.js reads; the default encoder escapes &lt; and &gt;, so it cannot close its script block.</summary>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        type = Type,
        unit = Unit,
        labels = Labels,
        links = Links,
        series = Series.Select(s => new { label = s.Label, values = s.Values, target = s.IsTarget }),
    }, Json);
}
