using DaoTaoNghe.Infrastructure.Text;

namespace DaoTaoNghe.Infrastructure.Data;

/// <summary>
/// Data a database needs at start-up, added by the area that owns it: official code lists in every
/// environment, roles and the first admin, the demo province in Development. Steps run in
/// <see cref="Order"/> after migrating, as the system, and must be safe to run on every start.
/// </summary>
public interface IStartupData
{
    /// <summary>Steps below this order load official code lists and need nothing but the database.</summary>
    const int CodeListsEnd = 50;

    /// <summary>Lower runs first: code lists (10–40), accounts (50), the demo (100).</summary>
    int Order { get; }

    /// <summary>What the step does, in the progress line the operator sees at start-up ("Danh mục dân tộc").</summary>
    string Title { get; }

    Task RunAsync(StartupDataContext context, CancellationToken cancellationToken);
}

public sealed record StartupDataContext(IServiceProvider Services, IConfiguration Configuration, IHostEnvironment Environment)
{
    /// <summary>Development seeds the demo province and its accounts; elsewhere the first admin comes from configuration.</summary>
    public bool SeedsDemo => Environment.IsDevelopment() && Configuration.GetValue("Demo:Seed", true) && !IsNational;

    /// <summary>The national tier writes nothing of the provinces' (docs/federation.md): no demo, no indicator triggers.</summary>
    public bool IsNational => Federation.TierSettings.From(Configuration).IsNational;
}

/// <summary>The official code lists embedded from ReferenceData/ (see its SOURCES.md).</summary>
public static class ReferenceFiles
{
    private const string Root = "ReferenceData/";

    public static IEnumerable<Dictionary<string, string>> ReadCsv(string name)
    {
        using var stream = Open(name);
        string[]? header = null;
        foreach (var record in CsvRows.Read(stream))
        {
            if (header is null) { header = record.Fields; continue; }
            yield return header.Select((h, i) => (h, v: i < record.Fields.Length ? record.Fields[i].Trim() : ""))
                .ToDictionary(p => p.h, p => p.v);
        }
    }

    /// <summary>The files under a folder of ReferenceData/, by name relative to ReferenceData/.</summary>
    public static IEnumerable<string> In(string folder) =>
        typeof(ReferenceFiles).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Root + folder + "/", StringComparison.Ordinal))
            .Select(n => n[Root.Length..])
            .Order(StringComparer.Ordinal);

    public static Stream Open(string name) =>
        typeof(ReferenceFiles).Assembly.GetManifestResourceStream(Root + name)
        ?? throw new InvalidOperationException($"Reference data {name} is not embedded.");
}
