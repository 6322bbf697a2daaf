using System.Text.Json;
using System.Text.Json.Serialization;

namespace DaoTaoNghe.Features.Reports;

public sealed record TemplateSection(SectionKind Kind, string Heading, string? Prompt, IReadOnlyList<string>? Indicators, Breakdown Breakdown);

/// <summary>
/// A report template: its sections, in order, each a narrative to write (with a prompt), a table of
/// indicators (which codes, which breakdown) or the task statuses. "{ky}" in the title becomes the
/// period ("năm 2026"), "{tinh}" the province ("tỉnh Lai Châu").
/// </summary>
public sealed record ReportTemplate(string Code, string Name, string Title, IReadOnlyList<TemplateSection> Sections)
{
    /// <summary>A template that lays out figures per reporting unit needs source obligations to sum.</summary>
    public bool IsAggregate => Sections.Any(s => s.Breakdown == Breakdown.ByReportingUnit);

    public string TitleFor(string period, string province) => Title.Replace("{ky}", period).Replace("{tinh}", province);
}

/// <summary>
/// The templates are data: one JSON file each in Features/Reports/Templates, embedded in the app.
/// Adding a template is adding a file; a report copies its template's sections when it is created.
/// </summary>
public static class ReportTemplates
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static IReadOnlyList<ReportTemplate> All { get; } = Load();

    public static ReportTemplate? Find(string? code) => All.FirstOrDefault(t => t.Code == code);

    private static List<ReportTemplate> Load()
    {
        var assembly = typeof(ReportTemplates).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("ReportTemplates/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                return JsonSerializer.Deserialize<ReportTemplate>(stream, Json)
                    ?? throw new InvalidOperationException($"Report template {n} is empty.");
            })
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
    }
}
