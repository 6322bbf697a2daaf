using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace DaoTaoNghe.Infrastructure.Import;

/// <summary>
/// One cell as read: its text (shared or inline string, or the number as stored), and what kind of
/// value it held. <see cref="TooLong"/> cells were cut at the workbook's cell-length limit.
/// </summary>
public sealed record XlsxCell(int Column, string Text, double? Number, bool IsDate, bool HasFormula, bool IsError = false, bool TooLong = false);

/// <summary>One row of a sheet: its Excel row number and its non-empty cells by zero-based column.</summary>
public sealed record XlsxRow(int Number, IReadOnlyDictionary<int, XlsxCell> Cells)
{
    public string Text(int column) => Cells.TryGetValue(column, out var cell) ? cell.Text : "";
}

/// <summary>Why a workbook could not be read, in Vietnamese for the user.</summary>
public sealed class XlsxReadException(string message) : Exception(message);

/// <summary>A sheet of the workbook and whether Excel hides it.</summary>
public sealed record XlsxSheet(string Name, string Path, bool Hidden);

/// <summary>A rectangle of cells such as a merged range, with 1-based rows and 0-based columns.</summary>
public sealed record XlsxRange(string Reference, int FirstRow, int LastRow, int FirstColumn, int LastColumn)
{
    /// <summary>The longest reference Excel writes ("XFD1048576:XFD1048576"), with room to spare: longer ones are padded to be held.</summary>
    public const int MaxReferenceChars = 32;

    public static XlsxRange? Parse(string reference)
    {
        if (reference.Length > MaxReferenceChars) return null;
        var parts = reference.Split(':');
        if (parts.Length is < 1 or > 2 || !TryCell(parts[0], out var firstRow, out var firstColumn)) return null;
        var (lastRow, lastColumn) = (firstRow, firstColumn);
        if (parts.Length == 2 && !TryCell(parts[1], out lastRow, out lastColumn)) return null;
        return new XlsxRange(reference, Math.Min(firstRow, lastRow), Math.Max(firstRow, lastRow),
            Math.Min(firstColumn, lastColumn), Math.Max(firstColumn, lastColumn));
    }

    private static bool TryCell(string cell, out int row, out int column)
    {
        column = XlsxRows.ColumnIndex(cell);
        return int.TryParse(cell.AsSpan(cell.TakeWhile(char.IsAsciiLetter).Count()), NumberStyles.None, CultureInfo.InvariantCulture, out row)
            && column >= 0 && row > 0;
    }
}

/// <summary>What a pass over a sheet found before any row is used: rows holding values, merged ranges.</summary>
public sealed record XlsxSheetScan(int RowsWithValues, IReadOnlyList<XlsxRange> MergedRanges);

/// <summary>
/// How much a workbook may hold. The zip limits are checked on the archive's directory before
/// anything is inflated (.NET then never inflates an entry past its declared size), so a zip bomb
/// is refused without being opened. The others bound what a sheet may ask the reader to hold.
/// </summary>
public sealed record XlsxLimits(
    int MaxEntries = 2_000,
    long MaxEntryBytes = 256L * 1024 * 1024,
    long MaxTotalBytes = 512L * 1024 * 1024,
    int MaxCompressionRatio = 200,
    int MaxRows = 1_048_576,
    int MaxColumns = 16_384,
    int MaxCellChars = 32_767,
    int MaxSharedStrings = 1_500_000,
    long MaxSharedStringChars = 48_000_000,
    int MaxMergedRanges = 100_000)
{
    public static XlsxLimits Default { get; } = new();

    /// <summary>
    /// One tag (an element's name and all its attributes) may hold a cell's worth of text plus room
    /// for names: an XML reader holds a whole tag in memory, so a longer one is refused as it streams.
    /// </summary>
    public int MaxTagChars => MaxCellChars + 1_024;

    /// <summary>Small parts (styles, the workbook) may compress far better than data without being a threat.</summary>
    public const long RatioCheckedAbove = 1024 * 1024;
}

/// <summary>
/// An .xlsx opened for reading row by row with forward-only XML readers straight from the zip, so
/// a 50,000-row file never sits in memory as a document. Only shared strings are held (Excel stores
/// each distinct text once). Dates are recognised from the cell's number format. Transitional and
/// strict OOXML are both read (elements are matched by local name).
/// </summary>
public sealed class XlsxWorkbook : IDisposable
{
    private const string NotAWorkbook = "Tệp không phải bảng tính Excel .xlsx hợp lệ.";
    private const string Corrupt = "Tệp .xlsx bị hỏng (nội dung bên trong không đọc được). Hãy mở bằng Excel và lưu lại.";

    private readonly ZipArchive _zip;
    private readonly XlsxLimits _limits;
    private SharedStrings? _sharedStrings;
    private HashSet<int>? _dateStyles;

    private XlsxWorkbook(ZipArchive zip, XlsxLimits limits, IReadOnlyList<XlsxSheet> sheets)
    {
        _zip = zip;
        _limits = limits;
        Sheets = sheets;
    }

    public IReadOnlyList<XlsxSheet> Sheets { get; }

    /// <summary>The sheet Excel opens on: the first one not hidden.</summary>
    public XlsxSheet FirstVisibleSheet =>
        Sheets.FirstOrDefault(s => !s.Hidden) ?? throw new XlsxReadException("Tệp không có trang tính nào đang hiện.");

    public XlsxSheet Sheet(string name) =>
        Sheets.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new XlsxReadException($"Không có trang tính \"{name}\" trong tệp.");

    public static XlsxWorkbook Open(Stream xlsx, XlsxLimits? limits = null)
    {
        limits ??= XlsxLimits.Default;
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(xlsx, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw new XlsxReadException(NotAWorkbook);
        }
        try
        {
            CheckArchive(zip, limits);
            return new XlsxWorkbook(zip, limits, Guard(() => ReadSheetList(zip, limits)));
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    /// <summary>Refuses archives that would inflate to too much, judged from the directory alone.</summary>
    private static void CheckArchive(ZipArchive zip, XlsxLimits limits)
    {
        if (zip.Entries.Count > limits.MaxEntries)
            throw new XlsxReadException($"Tệp .xlsx có quá nhiều thành phần ({zip.Entries.Count:N0}); có thể tệp bị hỏng hoặc không phải bảng tính.");
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            if (entry.Length > limits.MaxEntryBytes)
                throw new XlsxReadException($"Tệp .xlsx khi giải nén quá lớn (phần \"{entry.FullName}\" hơn {limits.MaxEntryBytes / 1024 / 1024} MB). Hãy chia thành nhiều tệp nhỏ hơn.");
            if (entry.Length > XlsxLimits.RatioCheckedAbove && entry.Length > entry.CompressedLength * limits.MaxCompressionRatio)
                throw new XlsxReadException($"Tệp .xlsx có tỉ lệ nén bất thường (phần \"{entry.FullName}\" nén hơn {limits.MaxCompressionRatio} lần) – dấu hiệu của tệp \"bom nén\"; hệ thống không mở tệp này.");
            total += entry.Length;
            if (total > limits.MaxTotalBytes)
                throw new XlsxReadException($"Tệp .xlsx khi giải nén vượt quá {limits.MaxTotalBytes / 1024 / 1024} MB. Hãy chia thành nhiều tệp nhỏ hơn.");
        }
    }

    /// <summary>
    /// Counts the rows that hold values and collects the merged ranges (Excel writes them after the
    /// rows), refusing sheets beyond the row and column limits, before any row is used.
    /// </summary>
    public XlsxSheetScan Scan(XlsxSheet sheet) => Guard(() =>
    {
        var merged = new List<XlsxRange>();
        var rows = 0;
        using var stream = OpenEntry(sheet.Path);
        using var reader = XmlReader.Create(stream, Settings);
        var rowHasValue = false;
        var nextColumn = 0;
        var column = 0;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                switch (reader.LocalName)
                {
                    case "row":
                        rowHasValue = false;
                        nextColumn = 0;
                        if (reader.IsEmptyElement) continue;
                        break;
                    case "c":
                        var reference = reader.GetAttribute("r");
                        column = reference is null ? nextColumn : XlsxRows.ColumnIndex(reference);
                        nextColumn = column + 1;
                        break;
                    case "v" or "is":
                        CheckColumn(sheet, column);
                        rowHasValue = true;
                        break;
                    case "mergeCell" when XlsxRange.Parse(reader.GetAttribute("ref") ?? "") is { } range:
                        if (merged.Count >= _limits.MaxMergedRanges)
                            throw new XlsxReadException($"Trang tính \"{sheet.Name}\" có hơn {_limits.MaxMergedRanges.ToString("N0", VietnameseNumbers)} vùng ô gộp; bảng nhập liệu không cần gộp ô. Hãy bỏ gộp ô (Merge & Center) rồi tải lên lại.");
                        merged.Add(range);
                        break;
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "row" && rowHasValue)
            {
                rows++;
                CheckRows(sheet, rows);
            }
        }
        return new XlsxSheetScan(rows, merged);
    });

    /// <summary>The sheet's rows in order, each with its non-empty cells. Rows without any cell are skipped.</summary>
    public IEnumerable<XlsxRow> Rows(XlsxSheet sheet) => GuardRows(ReadRows(sheet));

    private IEnumerable<XlsxRow> ReadRows(XlsxSheet sheet)
    {
        var sharedStrings = _sharedStrings ??= ReadSharedStrings();
        var dateStyles = _dateStyles ??= ReadDateStyles();
        using var stream = OpenEntry(sheet.Path);
        using var reader = XmlReader.Create(stream, Settings);
        var nextRowNumber = 1;
        var rowsWithValues = 0;
        Dictionary<int, XlsxCell>? cells = null;
        var rowNumber = 0;
        var nextColumn = 0;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                if (reader.LocalName == "row")
                {
                    rowNumber = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : nextRowNumber;
                    nextRowNumber = rowNumber + 1;
                    nextColumn = 0;
                    cells = reader.IsEmptyElement ? null : new Dictionary<int, XlsxCell>();
                }
                else if (reader.LocalName == "c" && cells is not null)
                {
                    var reference = reader.GetAttribute("r");
                    var column = reference is null ? nextColumn : XlsxRows.ColumnIndex(reference);
                    nextColumn = column + 1;
                    var cell = ReadCell(reader, column, sharedStrings, dateStyles);
                    if (cell is null) continue;
                    CheckColumn(sheet, column);
                    cells[column] = cell;
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "row" && cells is not null)
            {
                if (cells.Count > 0)
                {
                    CheckRows(sheet, ++rowsWithValues);
                    yield return new XlsxRow(rowNumber, cells);
                }
                cells = null;
            }
        }
    }

    /// <summary>Reads one &lt;c&gt; element to its end; null when it holds no value.</summary>
    private XlsxCell? ReadCell(XmlReader reader, int column, SharedStrings sharedStrings, HashSet<int> dateStyles)
    {
        var type = reader.GetAttribute("t");
        var style = int.TryParse(reader.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        if (reader.IsEmptyElement) return null;
        var depth = reader.Depth;
        string? value = null;
        var tooLong = false;
        var hasFormula = false;
        while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType != XmlNodeType.Element) continue;
            switch (reader.LocalName)
            {
                case "f":
                    hasFormula = true;
                    break;
                case "v":
                    (value, tooLong) = ReadText(reader, _limits.MaxCellChars);
                    break;
                case "is":
                    (value, tooLong) = ReadRichText(reader, _limits.MaxCellChars);
                    break;
            }
        }
        if (value is null) return hasFormula ? new XlsxCell(column, "", null, false, true) : null;
        switch (type)
        {
            case "s":
                var index = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1;
                var text = index >= 0 && index < sharedStrings.Count ? sharedStrings[index] : "";
                return new XlsxCell(column, text, null, false, hasFormula, TooLong: sharedStrings.IsTooLong(index));
            case "inlineStr" or "str":
                return new XlsxCell(column, value, null, false, hasFormula, TooLong: tooLong);
            case "e":
                return new XlsxCell(column, value, null, false, hasFormula, IsError: true);
            case "b":
                return new XlsxCell(column, value == "1" ? "TRUE" : "FALSE", null, false, hasFormula);
            case "d":
                var isDate = DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date);
                return new XlsxCell(column, value, isDate ? date.ToOADate() : null, isDate, hasFormula);
            default:
                var number = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : (double?)null;
                return new XlsxCell(column, value, number, number is not null && dateStyles.Contains(style), hasFormula, TooLong: tooLong);
        }
    }

    private void CheckRows(XlsxSheet sheet, int rows)
    {
        if (rows > _limits.MaxRows)
            throw new XlsxReadException($"Trang tính \"{sheet.Name}\" có hơn {_limits.MaxRows.ToString("N0", VietnameseNumbers)} dòng dữ liệu. Hãy chia thành nhiều tệp.");
    }

    private void CheckColumn(XlsxSheet sheet, int column)
    {
        if (column >= _limits.MaxColumns)
            throw new XlsxReadException($"Trang tính \"{sheet.Name}\" có dữ liệu ở cột {XlsxRows.ColumnName(column)}, vượt quá giới hạn {_limits.MaxColumns.ToString("N0", VietnameseNumbers)} cột. Hãy xóa các cột thừa.");
    }

    private static readonly CultureInfo VietnameseNumbers = CultureInfo.GetCultureInfo("vi-VN");

    private Stream OpenEntry(string path) =>
        Bounded(_zip.GetEntry(path) ?? throw new XlsxReadException("Không tìm thấy trang tính trong tệp."), _limits);

    private static Stream Bounded(ZipArchiveEntry entry, XlsxLimits limits) => new TagLimitedStream(entry.Open(), entry.FullName, limits.MaxTagChars);

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = false,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>The text content of the current element, at most <paramref name="max"/> characters, never more held in memory.</summary>
    private static (string Text, bool TooLong) ReadText(XmlReader reader, int max)
    {
        var text = new LimitedText(max);
        AppendText(reader, text);
        return (text.ToString(), text.TooLong);
    }

    private static void AppendText(XmlReader reader, LimitedText text)
    {
        if (reader.IsEmptyElement) return;
        var depth = reader.Depth;
        var buffer = new char[4096];
        while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType is not (XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)) continue;
            int read;
            while ((read = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
                text.Append(buffer, read);
        }
    }

    /// <summary>Rich text (&lt;si&gt; or &lt;is&gt;): its runs' &lt;t&gt; joined, without phonetic guides (&lt;rPh&gt;).</summary>
    private static (string Text, bool TooLong) ReadRichText(XmlReader reader, int max)
    {
        var text = new LimitedText(max);
        if (reader.IsEmptyElement) return ("", false);
        var depth = reader.Depth;
        while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType != XmlNodeType.Element) continue;
            if (reader.LocalName == "rPh") reader.Skip();
            else if (reader.LocalName == "t") AppendText(reader, text);
        }
        return (text.ToString(), text.TooLong);
    }

    private sealed class LimitedText(int max)
    {
        private readonly StringBuilder _builder = new();
        public bool TooLong { get; private set; }

        public void Append(char[] buffer, int count)
        {
            var room = max - _builder.Length;
            if (count > room)
            {
                TooLong = true;
                count = Math.Max(0, room);
            }
            _builder.Append(buffer, 0, count);
        }

        public override string ToString() => _builder.ToString();
    }

    private sealed class SharedStrings
    {
        private readonly List<string> _strings = [];
        private readonly HashSet<int> _tooLong = [];
        public int Count => _strings.Count;
        public string this[int index] => _strings[index];
        public bool IsTooLong(int index) => _tooLong.Contains(index);

        public void Add(string text, bool tooLong)
        {
            if (tooLong) _tooLong.Add(_strings.Count);
            _strings.Add(text);
        }
    }

    private SharedStrings ReadSharedStrings() => Guard(() =>
    {
        var strings = new SharedStrings();
        var entry = _zip.GetEntry("xl/sharedStrings.xml");
        if (entry is null) return strings;
        using var stream = Bounded(entry, _limits);
        using var reader = XmlReader.Create(stream, Settings);
        long chars = 0;
        while (reader.Read())
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si")
            {
                if (strings.Count >= _limits.MaxSharedStrings)
                    throw new XlsxReadException($"Tệp .xlsx có hơn {_limits.MaxSharedStrings.ToString("N0", VietnameseNumbers)} chuỗi văn bản khác nhau, quá nhiều cho một tệp nhập. Hãy chia thành nhiều tệp nhỏ hơn.");
                var (text, tooLong) = ReadRichText(reader, _limits.MaxCellChars);
                chars += text.Length;
                if (chars > _limits.MaxSharedStringChars)
                    throw new XlsxReadException($"Văn bản trong tệp .xlsx dài hơn {_limits.MaxSharedStringChars.ToString("N0", VietnameseNumbers)} ký tự, quá nhiều cho một tệp nhập. Hãy chia thành nhiều tệp nhỏ hơn.");
                strings.Add(text, tooLong);
            }
        return strings;
    });

    private static List<XlsxSheet> ReadSheetList(ZipArchive zip, XlsxLimits limits)
    {
        var relationships = new Dictionary<string, string>();
        var rels = zip.GetEntry("xl/_rels/workbook.xml.rels") ?? throw new XlsxReadException(NotAWorkbook);
        using (var stream = Bounded(rels, limits))
        using (var reader = XmlReader.Create(stream, Settings))
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Relationship") continue;
                var target = reader.GetAttribute("Target") ?? "";
                relationships[reader.GetAttribute("Id") ?? ""] = target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
            }

        var sheets = new List<XlsxSheet>();
        var workbook = zip.GetEntry("xl/workbook.xml") ?? throw new XlsxReadException(NotAWorkbook);
        using (var stream = Bounded(workbook, limits))
        using (var reader = XmlReader.Create(stream, Settings))
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "sheet") continue;
                string? id = null, name = null, state = null;
                while (reader.MoveToNextAttribute())
                {
                    if (reader.LocalName == "id" && reader.NamespaceURI.Length > 0) id = reader.Value;
                    else if (reader.LocalName == "name") name = reader.Value;
                    else if (reader.LocalName == "state") state = reader.Value;
                }
                if (id is not null && relationships.TryGetValue(id, out var path))
                    sheets.Add(new XlsxSheet(name ?? "", path, state is "hidden" or "veryHidden"));
            }
        return sheets;
    }

    /// <summary>Style indexes whose number format shows a date: the built-in date formats and custom ones with d/m/y.</summary>
    private HashSet<int> ReadDateStyles() => Guard(() =>
    {
        var styles = new HashSet<int>();
        var entry = _zip.GetEntry("xl/styles.xml");
        if (entry is null) return styles;
        var customDateFormats = new HashSet<int>();
        using var stream = Bounded(entry, _limits);
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
    });

    private static bool IsDateFormat(string code)
    {
        var withoutLiterals = System.Text.RegularExpressions.Regex.Replace(code, "\"[^\"]*\"|\\[[^\\]]*\\]", "").ToLowerInvariant();
        return withoutLiterals.Contains('d') || withoutLiterals.Contains('y') || (withoutLiterals.Contains('m') && !withoutLiterals.Contains('0'));
    }

    /// <summary>Broken XML or a broken deflate stream inside the zip is the user's broken file, not our error.</summary>
    private static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (XmlException)
        {
            throw new XlsxReadException(Corrupt);
        }
        catch (InvalidDataException)
        {
            throw new XlsxReadException(Corrupt);
        }
    }

    private static IEnumerable<XlsxRow> GuardRows(IEnumerable<XlsxRow> rows)
    {
        using var enumerator = rows.GetEnumerator();
        while (true)
        {
            if (!Guard(enumerator.MoveNext)) yield break;
            yield return enumerator.Current;
        }
    }

    public void Dispose() => _zip.Dispose();
}

/// <summary>
/// A part of the workbook as it inflates, refusing any tag (from "&lt;" to its "&gt;", quoted attribute
/// values included) longer than the limit before the XML reader has buffered it: the reader would
/// otherwise hold a 200-million-character attribute whole. Text between tags is not counted; the
/// reader streams it. Characters are counted as UTF-8 lead bytes.
/// </summary>
public sealed class TagLimitedStream(Stream inner, string part, int maxTagChars) : Stream
{
    private bool _inTag;
    private bool _quotesCount;
    private byte _quote;
    private int _tagChars;
    private bool _afterOpen;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Scan(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Scan(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Scan(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (!_inTag)
            {
                if (b == (byte)'<') (_inTag, _tagChars, _quote, _afterOpen) = (true, 0, 0, true);
                continue;
            }
            if (_afterOpen)
            {
                // Comments, CDATA and processing instructions have no quoted values: an apostrophe in them opens nothing.
                _quotesCount = b is not ((byte)'!' or (byte)'?');
                _afterOpen = false;
            }
            if ((b & 0xC0) != 0x80 && ++_tagChars > maxTagChars)
                throw new XlsxReadException(
                    $"Tệp .xlsx có một thẻ XML dài hơn {maxTagChars.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"))} ký tự (phần \"{part}\"), điều Excel không bao giờ ghi: có thể tệp bị hỏng hoặc được tạo để gây hại. Hãy mở bằng Excel và lưu lại.");
            if (_quote != 0)
            {
                if (b == _quote) _quote = 0;
            }
            else if (_quotesCount && b is (byte)'"' or (byte)'\'')
                _quote = b;
            else if (b == (byte)'>')
                _inTag = false;
        }
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>Shortcuts over <see cref="XlsxWorkbook"/> and the cell-address arithmetic the importers share.</summary>
public static class XlsxRows
{
    /// <summary>The rows of <paramref name="sheetName"/>, or of the first visible sheet.</summary>
    public static IEnumerable<XlsxRow> Read(Stream xlsx, string? sheetName = null, XlsxLimits? limits = null)
    {
        using var workbook = XlsxWorkbook.Open(xlsx, limits);
        var sheet = sheetName is null ? workbook.FirstVisibleSheet : workbook.Sheet(sheetName);
        foreach (var row in workbook.Rows(sheet))
            yield return row;
    }

    /// <summary>The names of the workbook's sheets, in order, with whether Excel hides them.</summary>
    public static IReadOnlyList<(string Name, bool Hidden)> Sheets(Stream xlsx)
    {
        using var workbook = XlsxWorkbook.Open(xlsx);
        return workbook.Sheets.Select(s => (s.Name, s.Hidden)).ToList();
    }

    public static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c)) break;
            index = index * 26 + char.ToUpperInvariant(c) - 'A' + 1;
            if (index > 1_000_000) break;
        }
        return index - 1;
    }

    /// <summary>"A", "B", … "Z", "AA": the letters Excel shows above a zero-based column.</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26)
            name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }

    /// <summary>An Excel serial date (1900 system) as a calendar date.</summary>
    public static DateOnly ToDate(double serial) => DateOnly.FromDateTime(DateTime.FromOADate(serial));

    /// <summary>Like <see cref="ToDate"/>, refusing serials outside the years 1900–9999 instead of throwing.</summary>
    public static bool TryToDate(double serial, out DateOnly date)
    {
        date = default;
        if (double.IsNaN(serial) || serial < 1 || serial >= 2_958_466) return false;
        date = ToDate(serial);
        return true;
    }
}
