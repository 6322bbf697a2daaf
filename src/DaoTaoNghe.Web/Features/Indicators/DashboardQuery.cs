using DaoTaoNghe.Infrastructure.Export;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>How the dashboards read their query and link to one another, so every page builds the same URLs.</summary>
public static class DashboardQuery
{
    public static int Year(int? year, DateOnly today) => year is >= 2015 and <= 2100 ? year.Value : today.Year;

    /// <summary>The old map for years up to the merger when asked, and always for a former commune or a district (they exist only there).</summary>
    public static MapKind Map(int? map, int year, IndicatorUnit unit) =>
        (map == 2024 && year <= 2025) || unit.IsFormer || unit.Kind == UnitKind.District ? MapKind.Before2025 : MapKind.Current;

    public static string UnitParameter(IndicatorUnit unit) => unit.Kind == UnitKind.Institution ? $"co-so={unit.Id}" : $"don-vi={unit.Id}";

    private static string MapParameter(MapKind map) => map == MapKind.Before2025 ? "&ban-do=2024" : "";

    public static string DashboardUrl(IndicatorUnit unit, int year, MapKind map) => $"/Indicators?{UnitParameter(unit)}&nam={year}{MapParameter(map)}";

    public static string DetailsUrl(Indicator indicator, IndicatorUnit unit, int year, MapKind map, Dimension? by = null) =>
        $"/Indicators/Details?ma={indicator.Code}&{UnitParameter(unit)}&nam={year}{MapParameter(map)}{(by is { } d ? "&theo=" + d : "")}";
}

/// <summary>A chart's table as a sheet of an export, with the same rows and columns as on the page.</summary>
public static class ChartSheet
{
    public static void Add(XlsxBook book, ChartModel chart, string? sheetName = null)
    {
        if (chart.Labels.Count == 0) return;
        var columns = new List<XlsxColumn<int>> { new(chart.LabelHeader, i => chart.Labels[i], Width: 40) };
        var format = chart.Unit == "đồng" ? XlsxFormat.Money : XlsxFormat.Decimal;
        columns.AddRange(chart.Series.Select(s => new XlsxColumn<int>(s.Label, i => s.Values[i] is { } v ? Math.Round(v, 2) : null, format, 18)));
        book.AddSheet(sheetName ?? chart.Title, columns, Enumerable.Range(0, chart.Labels.Count).ToList(), title: chart.Title);
    }
}
