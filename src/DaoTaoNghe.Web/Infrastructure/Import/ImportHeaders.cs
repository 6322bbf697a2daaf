using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DaoTaoNghe.Infrastructure.Text;

namespace DaoTaoNghe.Infrastructure.Import;

/// <summary>A column of the file's header row: where it is and what it says.</summary>
public sealed record ImportHeaderColumn(int Index, string Text)
{
    public string Letter => XlsxRows.ColumnName(Index);
}

/// <summary>The file's header row.</summary>
public sealed record ImportHeader(int Row, IReadOnlyList<ImportHeaderColumn> Columns)
{
    /// <summary>Identifies a layout of sheet whatever the order of its columns, to remember how it maps.</summary>
    public string Key => ImportHeaders.KeyOf(Columns.Select(c => c.Text));
}

/// <summary>
/// Finds the header row of a sheet (below any title rows) and matches its columns to a template's
/// by their headers, ignoring diacritics, case, "(*)" and trailing colons.
/// </summary>
public static partial class ImportHeaders
{
    public static string Normalize(string header)
    {
        var text = TextSearch.Normalize(header).Replace("(bat buoc)", " ").Replace("(*)", " ").Replace('*', ' ');
        return Spaces().Replace(text, " ").Trim().TrimEnd(':', '.').Trim();
    }

    public static string KeyOf(IEnumerable<string> headers)
    {
        var normalized = headers.Select(Normalize).Where(h => h.Length > 0).Distinct().Order(StringComparer.Ordinal);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', normalized))));
    }

    /// <summary>
    /// The row with the most cells naming a template column; failing that the first row with two or
    /// more cells (a title row has one); failing that the first row.
    /// </summary>
    public static ImportHeader Find(IReadOnlyList<ImportRecord> firstRows, IReadOnlyList<IImportColumn> columns)
    {
        var known = KnownHeaders(columns);
        var best = firstRows
            .Select(r => (Record: r, Score: r.Cells.Values.Count(c => known.ContainsKey(Normalize(c.Text)))))
            .Where(r => r.Score > 0)
            .OrderByDescending(r => r.Score).ThenBy(r => r.Record.Row)
            .Select(r => r.Record)
            .FirstOrDefault()
            ?? firstRows.FirstOrDefault(r => r.Cells.Count >= 2)
            ?? firstRows[0];
        return new ImportHeader(best.Row, best.Cells.OrderBy(c => c.Key).Select(c => new ImportHeaderColumn(c.Key, c.Value.Text)).ToList());
    }

    /// <summary>Template column key → file column index, for every column whose header (or a known other name) is in the file.</summary>
    public static Dictionary<string, int> Match(ImportHeader header, IReadOnlyList<IImportColumn> columns)
    {
        var known = KnownHeaders(columns);
        var map = new Dictionary<string, int>();
        foreach (var column in header.Columns)
            if (known.TryGetValue(Normalize(column.Text), out var key))
                map.TryAdd(key, column.Index);
        return map;
    }

    /// <summary>A remembered mapping (template column key → normalised file header) applied to this file's header.</summary>
    public static Dictionary<string, int> Apply(ImportHeader header, IReadOnlyDictionary<string, string> remembered)
    {
        var byHeader = new Dictionary<string, int>();
        foreach (var column in header.Columns) byHeader.TryAdd(Normalize(column.Text), column.Index);
        return remembered.Where(m => byHeader.ContainsKey(m.Value)).ToDictionary(m => m.Key, m => byHeader[m.Value]);
    }

    public static IEnumerable<IImportColumn> Missing(IReadOnlyList<IImportColumn> columns, IReadOnlyDictionary<string, int> map) =>
        columns.Where(c => c.IsRequired && !map.ContainsKey(c.Key));

    private static Dictionary<string, string> KnownHeaders(IReadOnlyList<IImportColumn> columns)
    {
        var known = new Dictionary<string, string>();
        foreach (var column in columns)
        foreach (var name in column.OtherHeaders.Prepend(column.Header))
            known.TryAdd(Normalize(name), column.Key);
        return known;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

/// <summary>A source split into its header row and the data rows below it (read once, streaming).</summary>
public sealed class ImportTable
{
    private ImportTable(ImportHeader header, IEnumerable<ImportRecord> rows)
    {
        Header = header;
        Rows = rows;
    }

    public ImportHeader Header { get; }
    public IEnumerable<ImportRecord> Rows { get; }

    public static ImportTable Read(ImportSource source, IReadOnlyList<IImportColumn> columns)
    {
        var records = source.Records().GetEnumerator();
        var first = new List<ImportRecord>();
        while (first.Count < ImportLimits.HeaderSearchRows && records.MoveNext()) first.Add(records.Current);
        if (first.Count == 0)
        {
            records.Dispose();
            throw new ImportFileException($"Không có dữ liệu trong {source.Description}.");
        }
        var header = ImportHeaders.Find(first, columns);
        return new ImportTable(header, Rest(first.Where(r => r.Row > header.Row).ToList(), records));
    }

    private static IEnumerable<ImportRecord> Rest(List<ImportRecord> buffered, IEnumerator<ImportRecord> records)
    {
        using (records)
        {
            foreach (var record in buffered) yield return record;
            while (records.MoveNext()) yield return records.Current;
        }
    }
}
