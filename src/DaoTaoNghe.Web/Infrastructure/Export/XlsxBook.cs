using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Mvc;

namespace DaoTaoNghe.Infrastructure.Export;

public enum XlsxFormat
{
    Text,
    /// <summary>A quantity, shown with thousands separators.</summary>
    Integer,
    /// <summary>A record number or code (3617, not 3,617): a number without separators.</summary>
    Code,
    /// <summary>Whole đồng, shown with thousands separators.</summary>
    Money,
    Decimal,
    Date,
    DateTime,
    /// <summary>A fraction (0.8) shown as 80,0%.</summary>
    Percent,
}

/// <summary>One column of an exported table: a Vietnamese header, how to read the value from a row, how to show it.</summary>
public sealed record XlsxColumn<T>(string Header, Func<T, object?> Value, XlsxFormat Format = XlsxFormat.Text, double Width = 18);

/// <summary>
/// What makes a table an official paper (Nghị định 30/2020 layout): the agency above it on the left and the
/// national motto on the right, a title, lines under the table (the total in words), the place and
/// date and the signature block. Its table is printed with a grid.
/// </summary>
public sealed record XlsxPaper(string Title)
{
    /// <summary>The governing body above the agency's name, e.g. "UBND TỈNH LAI CHÂU".</summary>
    public string? IssuerParent { get; init; }
    public string? Issuer { get; init; }
    public IReadOnlyList<string> Subtitles { get; init; } = [];
    /// <summary>Lines under the table, e.g. "Bằng chữ: …".</summary>
    public IReadOnlyList<string> Closing { get; init; } = [];
    /// <summary>"Lai Châu, ngày … tháng … năm …", above the last signature.</summary>
    public string? PlaceAndDate { get; init; }
    /// <summary>Titles of those who sign, left to right: "Người lập biểu", "Kế toán", "Thủ trưởng đơn vị".</summary>
    public IReadOnlyList<string> Signatures { get; init; } = [];
}

/// <summary>
/// Writes a real .xlsx workbook row by row (OpenXML SAX writer), so large exports never sit in
/// memory. Dates are real Excel dates shown dd/mm/yyyy, numbers real numbers. Text that starts
/// like a formula (= + - @) is stored with Excel's quote prefix: shown as typed, never evaluated.
/// Every sheet prints on A4 one page wide (landscape when its columns are wider than a portrait
/// page), with its header row repeated on every page and the page number in the footer.
/// </summary>
public sealed class XlsxBook : IDisposable
{
    private const uint StyleHeader = 1, StyleDate = 2, StyleDateTime = 3, StyleMoney = 4, StyleDecimal = 5,
        StylePercent = 6, StyleQuoted = 7, StyleTitle = 8, StyleInteger = 9, StyleCode = 10;
    /// <summary>Styles 0–10 again with a thin border, for a paper's grid: style s bordered is s + Bordered.</summary>
    private const uint Bordered = 11;
    private const uint StyleCentredBold = 22, StyleCentredTitle = 23, StyleCentredItalic = 24, StyleItalic = 25;

    /// <summary>Column widths (in characters) an A4 portrait page holds at 100 % between its margins.</summary>
    private const double PortraitWidth = 100;

    private readonly FileStream _stream;
    private bool _finished;
    private readonly SpreadsheetDocument _document;
    private readonly Sheets _sheets;
    private uint _sheetId;
    private readonly List<DefinedName> _printTitles = [];

    public XlsxBook()
    {
        _stream = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        _document = SpreadsheetDocument.Create(_stream, SpreadsheetDocumentType.Workbook);
        var workbook = _document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        _sheets = workbook.Workbook.AppendChild(new Sheets());
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = BuildStylesheet();
    }

    public XlsxBook AddSheet<T>(string name, IReadOnlyList<XlsxColumn<T>> columns, IEnumerable<T> rows, string? title = null) =>
        Write(name, columns, rows, title is null ? [] : [title], paper: null);

    /// <summary>A sheet laid out as an official paper to print and sign: see <see cref="XlsxPaper"/>.</summary>
    public XlsxBook AddPaper<T>(string name, IReadOnlyList<XlsxColumn<T>> columns, IEnumerable<T> rows, XlsxPaper paper) =>
        Write(name, columns, rows, [paper.Title], paper);

    private XlsxBook Write<T>(string name, IReadOnlyList<XlsxColumn<T>> columns, IEnumerable<T> rows, IReadOnlyList<string> titles, XlsxPaper? paper)
    {
        var workbookPart = _document.WorkbookPart!;
        var part = workbookPart.AddNewPart<WorksheetPart>();
        var lastColumn = Math.Max(columns.Count - 1, 0);
        var merges = new List<string>();
        var rowIndex = 0u;
        using (var writer = OpenXmlWriter.Create(part))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetProperties());
            writer.WriteElement(new PageSetupProperties { FitToPage = true });
            writer.WriteEndElement();

            var headerRow = (uint)(titles.Count + (titles.Count > 0 ? 1 : 0)) + 1;
            if (paper is not null)
                headerRow += (uint)(3 + paper.Subtitles.Count);
            writer.WriteStartElement(new SheetViews());
            writer.WriteStartElement(new SheetView { WorkbookViewId = 0 });
            writer.WriteElement(new Pane
            {
                VerticalSplit = headerRow, TopLeftCell = $"A{headerRow + 1}",
                ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
            });
            writer.WriteEndElement();
            writer.WriteEndElement();

            writer.WriteStartElement(new Columns());
            for (var i = 0; i < columns.Count; i++)
                writer.WriteElement(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = columns[i].Width, CustomWidth = true });
            writer.WriteEndElement();

            writer.WriteStartElement(new SheetData());
            void Line(string text, uint style, int from = 0, int? to = null)
            {
                writer.WriteStartElement(new Row { RowIndex = ++rowIndex });
                WriteText(writer, CellRef(from, rowIndex), text, style);
                writer.WriteEndElement();
                if ((to ?? lastColumn) > from) merges.Add($"{CellRef(from, rowIndex)}:{CellRef(to ?? lastColumn, rowIndex)}");
            }
            void Pair(string? left, string? right, uint style)
            {
                var half = (lastColumn + 1) / 2;
                writer.WriteStartElement(new Row { RowIndex = ++rowIndex });
                if (left is not null) WriteText(writer, CellRef(0, rowIndex), left, style);
                if (right is not null) WriteText(writer, CellRef(half, rowIndex), right, style);
                writer.WriteEndElement();
                if (half > 1) merges.Add($"{CellRef(0, rowIndex)}:{CellRef(half - 1, rowIndex)}");
                if (lastColumn > half) merges.Add($"{CellRef(half, rowIndex)}:{CellRef(lastColumn, rowIndex)}");
            }

            if (paper is not null)
            {
                Pair(paper.IssuerParent, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", StyleCentredBold);
                Pair(paper.Issuer, "Độc lập - Tự do - Hạnh phúc", StyleCentredBold);
                rowIndex++;
            }
            foreach (var title in titles)
            {
                if (paper is null)
                {
                    writer.WriteStartElement(new Row { RowIndex = ++rowIndex });
                    WriteText(writer, CellRef(0, rowIndex), title, StyleTitle);
                    writer.WriteEndElement();
                }
                else
                    Line(title, StyleCentredTitle);
            }
            foreach (var subtitle in paper?.Subtitles ?? [])
                Line(subtitle, StyleCentredItalic);
            if (titles.Count > 0) rowIndex++;

            writer.WriteStartElement(new Row { RowIndex = ++rowIndex });
            for (var i = 0; i < columns.Count; i++)
                WriteText(writer, CellRef(i, rowIndex), columns[i].Header, StyleHeader);
            writer.WriteEndElement();

            foreach (var row in rows)
            {
                writer.WriteStartElement(new Row { RowIndex = ++rowIndex });
                for (var i = 0; i < columns.Count; i++)
                    WriteCell(writer, CellRef(i, rowIndex), columns[i].Format, columns[i].Value(row), bordered: paper is not null);
                writer.WriteEndElement();
            }
            var lastTableRow = rowIndex;

            if (paper is not null)
            {
                foreach (var closing in paper.Closing)
                    Line(closing, StyleItalic);
                rowIndex++;
                if (paper.PlaceAndDate is not null)
                    Pair(null, paper.PlaceAndDate, StyleCentredItalic);
                SignatureRow(paper.Signatures, StyleCentredBold);
                SignatureRow(paper.Signatures.Select(_ => "(Ký, ghi rõ họ tên)").ToList(), StyleCentredItalic);
            }
            writer.WriteEndElement();

            void SignatureRow(IReadOnlyList<string> texts, uint style)
            {
                if (texts.Count == 0) return;
                writer.WriteStartElement(new Row { RowIndex = ++rowIndex });
                var span = (lastColumn + 1) / (double)texts.Count;
                for (var i = 0; i < texts.Count; i++)
                {
                    int from = (int)Math.Round(i * span), to = (int)Math.Round((i + 1) * span) - 1;
                    WriteText(writer, CellRef(from, rowIndex), texts[i], style);
                    if (to > from) merges.Add($"{CellRef(from, rowIndex)}:{CellRef(to, rowIndex)}");
                }
                writer.WriteEndElement();
            }

            if (paper is null && columns.Count > 0)
                writer.WriteElement(new AutoFilter { Reference = $"A{headerRow}:{ColumnName(lastColumn)}{Math.Max(lastTableRow, headerRow)}" });
            if (merges.Count > 0)
            {
                writer.WriteStartElement(new MergeCells());
                foreach (var merge in merges)
                    writer.WriteElement(new MergeCell { Reference = merge });
                writer.WriteEndElement();
            }
            WritePrintSetup(writer, landscape: columns.Sum(c => c.Width) > PortraitWidth);
            writer.WriteEndElement();

            _printTitles.Add(new DefinedName($"'{SafeSheetName(name).Replace("'", "''")}'!${headerRow}:${headerRow}")
            {
                Name = "_xlnm.Print_Titles", LocalSheetId = _sheetId,
            });
        }

        _sheets.AppendChild(new Sheet
        {
            Id = workbookPart.GetIdOfPart(part),
            SheetId = ++_sheetId,
            Name = SafeSheetName(name),
        });
        return this;
    }

    private static void WritePrintSetup(OpenXmlWriter writer, bool landscape)
    {
        writer.WriteElement(new PrintOptions { HorizontalCentered = true });
        writer.WriteElement(new PageMargins { Left = 0.5, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        writer.WriteElement(new PageSetup
        {
            PaperSize = 9, // A4
            Orientation = landscape ? OrientationValues.Landscape : OrientationValues.Portrait,
            FitToWidth = 1,
            FitToHeight = 0, // as many pages down as the rows need
        });
        writer.WriteStartElement(new HeaderFooter());
        writer.WriteElement(new OddFooter("Trang &P/&N"));
        writer.WriteEndElement();
    }

    /// <summary>
    /// Finishes the workbook and hands over its stream, positioned at the start; the caller (or the
    /// file result) owns it from here, and the temp file goes when it closes.
    /// </summary>
    public Stream ToStream()
    {
        if (_printTitles.Count > 0)
            _document.WorkbookPart!.Workbook.AppendChild(new DefinedNames(_printTitles));
        _document.Dispose();
        _finished = true;
        _stream.Position = 0;
        return _stream;
    }

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public FileStreamResult ToFileResult(string fileName) =>
        new(ToStream(), ContentType) { FileDownloadName = fileName };

    public IResult ToHttpResult(string fileName) => Results.File(ToStream(), ContentType, fileName);

    public void Dispose()
    {
        if (_finished) return;
        _document.Dispose();
        _stream.Dispose();
    }

    private static void WriteCell(OpenXmlWriter writer, string reference, XlsxFormat format, object? value, bool bordered)
    {
        var border = bordered ? Bordered : 0;
        uint? TextStyle(string text) => LooksLikeFormula(text) ? StyleQuoted + border : bordered ? Bordered : null;
        switch (value)
        {
            case null:
                if (bordered) WriteText(writer, reference, "", Bordered);
                return;
            case string text:
                WriteText(writer, reference, text, TextStyle(text));
                return;
            case DateOnly date:
                WriteNumber(writer, reference, date.ToDateTime(TimeOnly.MinValue).ToOADate(), StyleDate + border);
                return;
            case DateTime dateTime:
                WriteNumber(writer, reference, dateTime.ToOADate(), (format == XlsxFormat.Date ? StyleDate : StyleDateTime) + border);
                return;
            case bool flag:
                WriteText(writer, reference, flag ? "Có" : "Không", bordered ? Bordered : null);
                return;
            case int or long or short or decimal or double or float:
                var number = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
                WriteNumber(writer, reference, number, border + format switch
                {
                    XlsxFormat.Money => StyleMoney,
                    XlsxFormat.Decimal => StyleDecimal,
                    XlsxFormat.Percent => StylePercent,
                    XlsxFormat.Code => StyleCode,
                    _ => value is decimal or double or float ? StyleDecimal : StyleInteger,
                });
                return;
            default:
                var shown = value.ToString() ?? "";
                WriteText(writer, reference, shown, TextStyle(shown));
                return;
        }
    }

    private static bool LooksLikeFormula(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static void WriteText(OpenXmlWriter writer, string reference, string text, uint? style)
    {
        var attributes = new List<OpenXmlAttribute> { new("r", "", reference), new("t", "", "inlineStr") };
        if (style is { } s) attributes.Add(new OpenXmlAttribute("s", "", s.ToString()));
        writer.WriteStartElement(new Cell(), attributes);
        writer.WriteElement(new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(Clean(text)) { Space = SpaceProcessingModeValues.Preserve }));
        writer.WriteEndElement();
    }

    private static void WriteNumber(OpenXmlWriter writer, string reference, double number, uint style)
    {
        writer.WriteStartElement(new Cell(), [new("r", "", reference), new("s", "", style.ToString())]);
        writer.WriteElement(new CellValue(number.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        writer.WriteEndElement();
    }

    /// <summary>XML 1.0 forbids most control characters; a cell holding one would make Excel refuse the file.</summary>
    private static string Clean(string text)
    {
        if (text.Length > 32767) text = text[..32767];
        return text.Any(c => c < 0x20 && c is not '\t' and not '\n' and not '\r')
            ? new string(text.Where(c => c >= 0x20 || c is '\t' or '\n' or '\r').ToArray())
            : text;
    }

    private static string CellRef(int column, uint row) => ColumnName(column) + row;

    public static string ColumnName(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26)
            name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }

    private static string SafeSheetName(string name)
    {
        var cleaned = new string(name.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\')).ToArray()).Trim();
        if (cleaned.Length == 0) cleaned = "Sheet";
        return cleaned.Length > 31 ? cleaned[..31] : cleaned;
    }

    private static Stylesheet BuildStylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "dd/mm/yyyy" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "dd/mm/yyyy hh:mm" },
            new NumberingFormat { NumberFormatId = 166, FormatCode = "#,##0" },
            new NumberingFormat { NumberFormatId = 167, FormatCode = "#,##0.##" },
            new NumberingFormat { NumberFormatId = 168, FormatCode = "0.0%" }) { Count = 5 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Times New Roman" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Times New Roman" }),
            new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = "Times New Roman" }),
            new Font(new Italic(), new FontSize { Val = 11 }, new FontName { Val = "Times New Roman" })) { Count = 4 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDDEBF7" }) { PatternType = PatternValues.Solid })) { Count = 3 },
        new Borders(
            new Border(),
            new Border(
                new LeftBorder { Style = BorderStyleValues.Thin },
                new RightBorder { Style = BorderStyleValues.Thin },
                new TopBorder { Style = BorderStyleValues.Thin },
                new BottomBorder { Style = BorderStyleValues.Thin },
                new DiagonalBorder())) { Count = 2 },
        CellFormats());

    private static CellFormats CellFormats()
    {
        CellFormat[] plain =
        [
            new(),
            new(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Center }) { FontId = 1, FillId = 2, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true },
            new() { NumberFormatId = 164, ApplyNumberFormat = true },
            new() { NumberFormatId = 165, ApplyNumberFormat = true },
            new() { NumberFormatId = 166, ApplyNumberFormat = true },
            new() { NumberFormatId = 167, ApplyNumberFormat = true },
            new() { NumberFormatId = 168, ApplyNumberFormat = true },
            new() { QuotePrefix = true, ApplyAlignment = true },
            new() { FontId = 2, ApplyFont = true },
            new() { NumberFormatId = 3, ApplyNumberFormat = true },
            new() { NumberFormatId = 1, ApplyNumberFormat = true },
        ];
        var bordered = plain.Select(f =>
        {
            var copy = (CellFormat)f.CloneNode(true);
            copy.BorderId = 1;
            copy.ApplyBorder = true;
            if (copy.Alignment is null)
            {
                copy.Append(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Center });
                copy.ApplyAlignment = true;
            }
            return copy;
        });
        static CellFormat Centred(uint font, bool wrap = true) =>
            new(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center, WrapText = wrap })
            {
                FontId = font, ApplyFont = true, ApplyAlignment = true,
            };
        CellFormat[] paper =
        [
            Centred(1),
            Centred(2),
            Centred(3),
            new(new Alignment { WrapText = false }) { FontId = 3, ApplyFont = true },
        ];
        var all = plain.Concat(bordered).Concat(paper).ToArray();
        return new CellFormats(all) { Count = (uint)all.Length };
    }
}
