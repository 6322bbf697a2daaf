using System.Globalization;
using System.Text;
using DaoTaoNghe.Infrastructure.Text;

namespace DaoTaoNghe.Infrastructure.Import;

/// <summary>
/// One cell as the import engine sees it, whatever file it came from: its text (trimmed, NFC),
/// and for spreadsheet cells the number stored and whether Excel shows it as a date.
/// </summary>
public sealed record ImportCell(string Text, double? Number = null, bool IsDate = false, bool HasFormula = false, bool IsError = false, bool TooLong = false)
{
    public static readonly ImportCell Empty = new("");

    public bool IsBlank => Text.Length == 0 && Number is null;
}

/// <summary>A non-empty row of the file: its number as the user sees it (Excel row, or CSV line) and its cells by zero-based column.</summary>
public sealed record ImportRecord(int Row, IReadOnlyDictionary<int, ImportCell> Cells)
{
    public ImportCell Cell(int column) => Cells.TryGetValue(column, out var cell) ? cell : ImportCell.Empty;
}

/// <summary>The file could not be read at all; the message says why, in Vietnamese, and what to do.</summary>
public sealed class ImportFileException(string message) : Exception(message);

/// <summary>How big an import may be. A 50,000-row file fits with room to spare.</summary>
/// <param name="MaxUnfinishedPerUser">Files one user may have waiting or running at once; more is a 429.</param>
/// <param name="MaxUnfinished">Files the whole application may have waiting or running (one runs at a time).</param>
public sealed record ImportLimits(long MaxFileBytes = 25 * 1024 * 1024, int MaxRows = 100_000, int MaxColumns = 200, int MaxCellChars = 32_767,
    int MaxUnfinishedPerUser = 3, int MaxUnfinished = 30)
{
    public static ImportLimits Default { get; } = new();

    /// <summary>Rows above the header (titles, blank lines) the header may sit below.</summary>
    public const int HeaderSearchRows = 30;

    public XlsxLimits Xlsx => XlsxLimits.Default with { MaxRows = MaxRows + HeaderSearchRows, MaxColumns = MaxColumns, MaxCellChars = MaxCellChars };
}

/// <summary>Cleans what users paste: NFC (so "ệ" typed two ways compares equal), no-break and zero-width spaces, control characters.</summary>
public static class ImportText
{
    public static string Clean(string text)
    {
        if (text.Length == 0) return text;
        if (IsPlain(text)) return text.Trim();
        var normalized = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            switch (c)
            {
                case '\u00A0' or '\u2007' or '\u202F': builder.Append(' '); break;
                case '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\r': break;
                case '\n' or '\t': builder.Append(c); break;
                default:
                    if (!char.IsControl(c)) builder.Append(c);
                    break;
            }
        }
        return builder.ToString().Trim();
    }

    private static bool IsPlain(string text)
    {
        foreach (var c in text)
            if (c is < ' ' or > '~') return false;
        return true;
    }
}

/// <summary>
/// A file brought in for import, .xlsx or .csv, checked for what it claims to be before it is read:
/// the extension must match the content (a zip for .xlsx, text for .csv), a spreadsheet must pass
/// the zip-bomb and size limits, and only the first visible sheet is read.
/// </summary>
public abstract class ImportSource : IDisposable
{
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public const string AcceptedTypes = ".xlsx hoặc .csv (UTF-8, dấu phẩy hoặc chấm phẩy)";

    /// <summary>What was read, for the user: "trang tính “Dữ liệu”" or "tệp CSV".</summary>
    public abstract string Description { get; }

    /// <summary>The sheet read, for spreadsheets.</summary>
    public virtual string? SheetName => null;

    /// <summary>Things the user should know about how the file was read (hidden sheets skipped…).</summary>
    public List<string> Notes { get; } = [];

    public IReadOnlyList<XlsxRange> MergedRanges { get; protected set; } = [];

    /// <summary>Rows holding any value, the header included.</summary>
    public int RowsWithValues { get; protected set; }

    public abstract IEnumerable<ImportRecord> Records();

    /// <param name="open">Opens the file from its start; called once per pass over it.</param>
    public static ImportSource Open(Func<Stream> open, string fileName, ImportLimits limits)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var head = new byte[8];
        int length;
        using (var stream = open())
            length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (length == 0) throw new ImportFileException($"Tệp \"{fileName}\" trống.");
        var isZip = head.AsSpan(0, length).StartsWith(ZipMagic);
        var isOle = head.AsSpan(0, length).SequenceEqual(OleMagic);

        switch (extension)
        {
            case ".xlsx" when isZip:
                return new XlsxSource(open(), limits);
            case ".xlsx" when isOle:
            case ".csv" when isOle:
                throw new ImportFileException($"Tệp \"{fileName}\" là bảng tính Excel 97–2003 (.xls) hoặc đã đặt mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu nếu có, rồi lưu dưới dạng \"Excel Workbook (.xlsx)\".");
            case ".xlsx":
                throw new ImportFileException($"Tệp \"{fileName}\" không phải bảng tính Excel .xlsx (nội dung không khớp với đuôi tệp; có thể tệp đã bị đổi tên).");
            case ".csv" when isZip:
                throw new ImportFileException($"Tệp \"{fileName}\" có đuôi .csv nhưng nội dung là bảng tính Excel. Hãy đổi đuôi thành .xlsx, hoặc lưu lại dưới dạng \"CSV UTF-8\".");
            case ".csv":
                return new CsvSource(open, limits);
            default:
                throw new ImportFileException($"Không nhận tệp \"{fileName}\": chỉ nhận {AcceptedTypes}.");
        }
    }

    public virtual void Dispose() => GC.SuppressFinalize(this);

    private sealed class XlsxSource : ImportSource
    {
        private readonly Stream _stream;
        private readonly XlsxWorkbook _workbook;
        private readonly XlsxSheet _sheet;

        public XlsxSource(Stream stream, ImportLimits limits)
        {
            _stream = stream;
            try
            {
                _workbook = XlsxWorkbook.Open(stream, limits.Xlsx);
                _sheet = _workbook.FirstVisibleSheet;
                var hidden = _workbook.Sheets.Where(s => s.Hidden).Select(s => $"\"{s.Name}\"").ToList();
                Notes.Add($"Đã đọc trang tính \"{_sheet.Name}\" (trang đầu tiên đang hiện).");
                if (hidden.Count > 0)
                    Notes.Add($"Bỏ qua {hidden.Count} trang tính ẩn: {string.Join(", ", hidden)}.");
                var scan = _workbook.Scan(_sheet);
                MergedRanges = scan.MergedRanges;
                RowsWithValues = scan.RowsWithValues;
            }
            catch (XlsxReadException unreadable)
            {
                Dispose();
                throw new ImportFileException(unreadable.Message);
            }
        }

        public override string Description => $"trang tính \"{_sheet.Name}\"";
        public override string? SheetName => _sheet.Name;

        public override IEnumerable<ImportRecord> Records()
        {
            using var rows = _workbook.Rows(_sheet).GetEnumerator();
            while (true)
            {
                try
                {
                    if (!rows.MoveNext()) break;
                }
                catch (XlsxReadException unreadable)
                {
                    throw new ImportFileException(unreadable.Message);
                }
                var cells = new Dictionary<int, ImportCell>(rows.Current.Cells.Count);
                foreach (var (column, cell) in rows.Current.Cells)
                {
                    var converted = Convert(cell);
                    if (!converted.IsBlank || converted.HasFormula || converted.TooLong) cells[column] = converted;
                }
                if (cells.Count > 0) yield return new ImportRecord(rows.Current.Number, cells);
            }
        }

        /// <summary>Numbers keep their value; their text is what a person would type (no exponent, Vietnamese decimal comma, dates dd/MM/yyyy).</summary>
        private static ImportCell Convert(XlsxCell cell)
        {
            if (cell.Number is not { } number)
                return new ImportCell(ImportText.Clean(cell.Text), null, false, cell.HasFormula, cell.IsError, cell.TooLong);
            string text;
            if (cell.IsDate && XlsxRows.TryToDate(number, out var date))
                text = date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
            else if (number == Math.Floor(number) && Math.Abs(number) < 1e15)
                text = number.ToString("0", CultureInfo.InvariantCulture);
            else
                text = number.ToString("0.###############", VietnameseNumbers);
            return new ImportCell(text, number, cell.IsDate, cell.HasFormula, cell.IsError, cell.TooLong);
        }

        public override void Dispose()
        {
            _workbook?.Dispose();
            _stream.Dispose();
            base.Dispose();
        }
    }

    private static readonly CultureInfo VietnameseNumbers = CultureInfo.GetCultureInfo("vi-VN");

    private sealed class CsvSource : ImportSource
    {
        private readonly Func<Stream> _open;
        private readonly ImportLimits _limits;

        public CsvSource(Func<Stream> open, ImportLimits limits)
        {
            _open = open;
            _limits = limits;
            Notes.Add("Đã đọc tệp CSV.");
            foreach (var _ in Read()) RowsWithValues++;
            if (RowsWithValues == 0) throw new ImportFileException("Tệp CSV không có dòng nào.");
        }

        public override string Description => "tệp CSV";

        public override IEnumerable<ImportRecord> Records() => Read();

        private IEnumerable<ImportRecord> Read()
        {
            using var stream = _open();
            using var records = CsvRows.Read(stream).GetEnumerator();
            var lastLine = 1;
            var count = 0;
            while (true)
            {
                try
                {
                    if (!records.MoveNext()) break;
                }
                catch (DecoderFallbackException)
                {
                    throw new ImportFileException($"Tệp CSV không phải văn bản UTF-8 (gặp ký tự hỏng sau dòng {lastLine}). Trong Excel, hãy chọn \"Lưu thành\" → \"CSV UTF-8 (Comma delimited)\" rồi tải lên lại.");
                }
                var record = records.Current;
                lastLine = record.Line;
                if (record.Fields.Length > _limits.MaxColumns)
                    throw new ImportFileException($"Dòng {record.Line} của tệp CSV có {record.Fields.Length} cột, vượt quá giới hạn {_limits.MaxColumns} cột.");
                var cells = new Dictionary<int, ImportCell>();
                for (var i = 0; i < record.Fields.Length; i++)
                {
                    var field = record.Fields[i];
                    if (field.Contains('\0'))
                        throw new ImportFileException($"Tệp không phải văn bản CSV (dòng {record.Line} chứa ký tự nhị phân). Hãy tải lên tệp .xlsx hoặc CSV UTF-8.");
                    var tooLong = field.Length > _limits.MaxCellChars;
                    var text = ImportText.Clean(tooLong ? field[.._limits.MaxCellChars] : field);
                    if (text.Length > 0 || tooLong) cells[i] = new ImportCell(text, TooLong: tooLong);
                }
                if (cells.Count == 0) continue;
                if (++count > _limits.MaxRows + ImportLimits.HeaderSearchRows)
                    throw new ImportFileException($"Tệp CSV có hơn {_limits.MaxRows.ToString("N0", VietnameseNumbers)} dòng dữ liệu. Hãy chia thành nhiều tệp.");
                yield return new ImportRecord(record.Line, cells);
            }
        }
    }
}
