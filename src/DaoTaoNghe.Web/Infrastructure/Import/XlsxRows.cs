using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace DaoTaoNghe.Infrastructure.Import;

/// <summary>One cell as read: its text (shared or inline string, or the number as stored), and what kind of value it held.</summary>
public sealed record XlsxCell(int Column, string Text, double? Number, bool IsDate, bool HasFormula);

/// <summary>One row of a sheet: its Excel row number and its non-empty cells by zero-based column.</summary>
public sealed record XlsxRow(int Number, IReadOnlyDictionary<int, XlsxCell> Cells)
{
    public string Text(int column) => Cells.TryGetValue(column, out var cell) ? cell.Text : "";
}

/// <summary>Why a workbook could not be read, in Vietnamese for the user.</summary>
public sealed class XlsxReadException(string message) : Exception(message);

/// <summary>
/// Reads an .xlsx sheet row by row with forward-only XML readers straight from the zip, so a
/// 50,000-row file never sits in memory as a document. Only shared strings are held (Excel
/// stores each distinct text once). Dates are recognised from the cell's number format.
/// </summary>
public static class XlsxRows
{
    public static IEnumerable<XlsxRow> Read(Stream xlsx, string? sheetName = null)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(xlsx, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw new XlsxReadException("Tệp không phải bảng tính Excel .xlsx hợp lệ.");
        }
        using (zip)
        {
            var sheetPath = FindSheet(zip, sheetName);
            var sharedStrings = ReadSharedStrings(zip);
            var dateStyles = ReadDateStyles(zip);
            var entry = zip.GetEntry(sheetPath) ?? throw new XlsxReadException("Không tìm thấy trang tính trong tệp.");
            using var stream = entry.Open();
            using var reader = XmlReader.Create(stream, Settings);
            foreach (var row in ReadRows(reader, sharedStrings, dateStyles))
                yield return row;
        }
    }

    /// <summary>The names of the workbook's sheets, in order, with whether Excel hides them.</summary>
    public static IReadOnlyList<(string Name, bool Hidden)> Sheets(Stream xlsx)
    {
        using var zip = new ZipArchive(xlsx, ZipArchiveMode.Read, leaveOpen: true);
        return ReadSheetList(zip).Select(s => (s.Name, s.Hidden)).ToList();
    }

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = false,
    };

    private static IEnumerable<XlsxRow> ReadRows(XmlReader reader, IReadOnlyList<string> sharedStrings, IReadOnlySet<int> dateStyles)
    {
        var nextRowNumber = 1;
        while (reader.ReadToFollowing("row", SpreadsheetNamespace))
        {
            var number = int.TryParse(reader.GetAttribute("r"), out var r) ? r : nextRowNumber;
            nextRowNumber = number + 1;
            var cells = new Dictionary<int, XlsxCell>();
            if (!reader.IsEmptyElement)
            {
                using var row = reader.ReadSubtree();
                var nextColumn = 0;
                while (row.ReadToFollowing("c", SpreadsheetNamespace))
                {
                    var reference = row.GetAttribute("r");
                    var column = reference is null ? nextColumn : ColumnIndex(reference);
                    nextColumn = column + 1;
                    var cell = ReadCell(row, column, sharedStrings, dateStyles);
                    if (cell.Text.Length > 0) cells[column] = cell;
                }
            }
            yield return new XlsxRow(number, cells);
        }
    }

    private static XlsxCell ReadCell(XmlReader row, int column, IReadOnlyList<string> sharedStrings, IReadOnlySet<int> dateStyles)
    {
        var type = row.GetAttribute("t");
        var style = int.TryParse(row.GetAttribute("s"), out var s) ? s : 0;
        string? value = null;
        var hasFormula = false;
        if (!row.IsEmptyElement)
        {
            using var cell = row.ReadSubtree();
            while (cell.Read())
            {
                if (cell.NodeType != XmlNodeType.Element) continue;
                switch (cell.LocalName)
                {
                    case "f": hasFormula = true; break;
                    case "v": value = cell.ReadElementContentAsString(); break;
                    case "is": value = ReadRichText(cell); break;
                }
            }
        }
        value ??= "";
        switch (type)
        {
            case "s":
                return new XlsxCell(column, int.TryParse(value, out var index) && index < sharedStrings.Count ? sharedStrings[index] : "", null, false, hasFormula);
            case "inlineStr" or "str" or "e":
                return new XlsxCell(column, value, null, false, hasFormula);
            case "b":
                return new XlsxCell(column, value == "1" ? "TRUE" : "FALSE", null, false, hasFormula);
            default:
                var number = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : (double?)null;
                return new XlsxCell(column, value, number, number is not null && dateStyles.Contains(style), hasFormula);
        }
    }

    private static string ReadRichText(XmlReader element)
    {
        var text = new System.Text.StringBuilder();
        using var inner = element.ReadSubtree();
        while (inner.Read())
            if (inner.NodeType == XmlNodeType.Element && inner.LocalName == "t")
                text.Append(inner.ReadElementContentAsString());
        return text.ToString();
    }

    private const string SpreadsheetNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private sealed record SheetInfo(string Name, string Path, bool Hidden);

    private static string FindSheet(ZipArchive zip, string? sheetName)
    {
        var sheets = ReadSheetList(zip);
        var sheet = sheetName is null
            ? sheets.FirstOrDefault(s => !s.Hidden) ?? sheets.FirstOrDefault()
            : sheets.FirstOrDefault(s => string.Equals(s.Name, sheetName, StringComparison.OrdinalIgnoreCase));
        return sheet?.Path ?? throw new XlsxReadException(sheetName is null
            ? "Tệp không có trang tính nào."
            : $"Không có trang tính \"{sheetName}\" trong tệp.");
    }

    private static List<SheetInfo> ReadSheetList(ZipArchive zip)
    {
        var relationships = new Dictionary<string, string>();
        var rels = zip.GetEntry("xl/_rels/workbook.xml.rels") ?? throw new XlsxReadException("Tệp không phải bảng tính Excel .xlsx hợp lệ.");
        using (var stream = rels.Open())
        using (var reader = XmlReader.Create(stream, Settings))
            while (reader.ReadToFollowing("Relationship", "http://schemas.openxmlformats.org/package/2006/relationships"))
            {
                var target = reader.GetAttribute("Target") ?? "";
                relationships[reader.GetAttribute("Id") ?? ""] = target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
            }

        var sheets = new List<SheetInfo>();
        var workbook = zip.GetEntry("xl/workbook.xml") ?? throw new XlsxReadException("Tệp không phải bảng tính Excel .xlsx hợp lệ.");
        using (var stream = workbook.Open())
        using (var reader = XmlReader.Create(stream, Settings))
            while (reader.ReadToFollowing("sheet", SpreadsheetNamespace))
            {
                var id = reader.GetAttribute("id", RelationshipNamespace) ?? "";
                if (relationships.TryGetValue(id, out var path))
                    sheets.Add(new SheetInfo(reader.GetAttribute("name") ?? "", path, reader.GetAttribute("state") is "hidden" or "veryHidden"));
            }
        return sheets;
    }

    private static List<string> ReadSharedStrings(ZipArchive zip)
    {
        var strings = new List<string>();
        var entry = zip.GetEntry("xl/sharedStrings.xml");
        if (entry is null) return strings;
        using var stream = entry.Open();
        using var reader = XmlReader.Create(stream, Settings);
        while (reader.ReadToFollowing("si", SpreadsheetNamespace))
            strings.Add(ReadRichText(reader));
        return strings;
    }

    /// <summary>Style indexes whose number format shows a date: the built-in date formats and custom ones with d/m/y.</summary>
    private static HashSet<int> ReadDateStyles(ZipArchive zip)
    {
        var styles = new HashSet<int>();
        var entry = zip.GetEntry("xl/styles.xml");
        if (entry is null) return styles;
        var customDateFormats = new HashSet<int>();
        using var stream = entry.Open();
        using var reader = XmlReader.Create(stream, Settings);
        var inCellFormats = false;
        var index = 0;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "numFmt"
                && int.TryParse(reader.GetAttribute("numFmtId"), out var id)
                && IsDateFormat(reader.GetAttribute("formatCode") ?? ""))
                customDateFormats.Add(id);
            else if (reader.LocalName == "cellXfs")
                inCellFormats = reader.NodeType == XmlNodeType.Element && !reader.IsEmptyElement;
            else if (inCellFormats && reader.NodeType == XmlNodeType.Element && reader.LocalName == "xf")
            {
                var format = int.TryParse(reader.GetAttribute("numFmtId"), out var f) ? f : 0;
                if (format is >= 14 and <= 22 or >= 45 and <= 47 || customDateFormats.Contains(format)) styles.Add(index);
                index++;
            }
        }
        return styles;
    }

    private static bool IsDateFormat(string code)
    {
        var withoutLiterals = System.Text.RegularExpressions.Regex.Replace(code, "\"[^\"]*\"|\\[[^\\]]*\\]", "").ToLowerInvariant();
        return withoutLiterals.Contains('d') || withoutLiterals.Contains('y') || (withoutLiterals.Contains('m') && !withoutLiterals.Contains('0'));
    }

    public static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c)) break;
            index = index * 26 + char.ToUpperInvariant(c) - 'A' + 1;
        }
        return index - 1;
    }

    /// <summary>An Excel serial date (1900 system) as a calendar date.</summary>
    public static DateOnly ToDate(double serial) => DateOnly.FromDateTime(DateTime.FromOADate(serial));
}
