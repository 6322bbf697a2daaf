using System.Text;

namespace DaoTaoNghe.Infrastructure.Text;

/// <summary>One CSV record and the line it starts on (1 = the header).</summary>
public sealed record CsvRecord(int Line, string[] Fields);

/// <summary>
/// A streaming RFC 4180 reader for the CSV files officials save from Excel: UTF-8 with or without
/// BOM, comma, semicolon or tab (guessed from the header line), quoted fields with doubled quotes
/// and line breaks inside them.
/// </summary>
public static class CsvRows
{
    public static IEnumerable<CsvRecord> Read(Stream stream, Encoding? encoding = null)
    {
        using var reader = new StreamReader(stream, encoding ?? new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        var delimiter = '\0';
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        // A quote inside a quoted field either doubles (the next character is a quote too) or closes it:
        // decided by the next character as it comes, so replaying the buffered header reads it like the rest.
        var quotePending = false;
        var firstLine = new StringBuilder();

        int next;
        while ((next = reader.Read()) != -1)
        {
            var c = (char)next;
            if (delimiter == '\0')
            {
                // Buffer the header until its end to choose the delimiter, then replay it.
                firstLine.Append(c);
                if (c != '\n' && reader.Peek() != -1) continue;
                delimiter = GuessDelimiter(firstLine.ToString());
                foreach (var record in Replay(firstLine.ToString()))
                    yield return record;
                continue;
            }
            foreach (var record in Consume(c))
                yield return record;
        }
        if (delimiter == '\0' && firstLine.Length > 0)
        {
            delimiter = GuessDelimiter(firstLine.ToString());
            foreach (var record in Replay(firstLine.ToString())) yield return record;
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(recordLine, fields.ToArray());
        }

        IEnumerable<CsvRecord> Replay(string text)
        {
            foreach (var ch in text)
                foreach (var record in Consume(ch))
                    yield return record;
        }

        IEnumerable<CsvRecord> Consume(char c)
        {
            if (quotePending)
            {
                quotePending = false;
                if (c == '"') { field.Append('"'); yield break; }
                inQuotes = false;
            }
            if (inQuotes)
            {
                if (c == '"') quotePending = true;
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                yield break;
            }
            if (c == '"' && field.Length == 0) { inQuotes = true; yield break; }
            if (c == delimiter) { fields.Add(field.ToString()); field.Clear(); yield break; }
            if (c == '\r') yield break;
            if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                var record = new CsvRecord(recordLine, fields.ToArray());
                fields.Clear();
                line++;
                recordLine = line;
                if (!(record.Fields.Length == 1 && record.Fields[0].Length == 0)) yield return record;
                yield break;
            }
            field.Append(c);
        }
    }

    /// <summary>The candidate found most often outside quotes ("Xã, phường" is one header, not two).</summary>
    private static char GuessDelimiter(string header)
    {
        var counts = new Dictionary<char, int> { [','] = 0, [';'] = 0, ['\t'] = 0 };
        var quoted = false;
        foreach (var c in header)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && counts.ContainsKey(c)) counts[c]++;
        }
        return counts.OrderByDescending(p => p.Value).First().Key;
    }
}
