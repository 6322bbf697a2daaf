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
/// Writes a real .xlsx workbook row by row (OpenXML SAX writer), so large exports never sit in
/// memory. Dates are real Excel dates shown dd/mm/yyyy, numbers real numbers. Text that starts
/// like a formula (= + - @) is stored with Excel's quote prefix: shown as typed, never evaluated.
/// </summary>
public sealed class XlsxBook : IDisposable
{
    private const uint StyleHeader = 1, StyleDate = 2, StyleDateTime = 3, StyleMoney = 4, StyleDecimal = 5,
        StylePercent = 6, StyleQuoted = 7, StyleTitle = 8, StyleInteger = 9, StyleCode = 10;

    private readonly FileStream _stream;
    private bool _finished;
    private readonly SpreadsheetDocument _document;
    private readonly Sheets _sheets;
    private uint _sheetId;

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

    public XlsxBook AddSheet<T>(string name, IReadOnlyList<XlsxColumn<T>> columns, IEnumerable<T> rows, string? title = null)
    {
        var workbookPart = _document.WorkbookPart!;
        var part = workbookPart.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(part))
        {
            writer.WriteStartElement(new Worksheet());
            var headerRow = title is null ? 1u : 3u;
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
            var rowIndex = 0u;
            if (title is not null)
            {
                rowIndex = 2;
                writer.WriteStartElement(new Row { RowIndex = 1 });
                WriteText(writer, "A1", title, StyleTitle);
                writer.WriteEndElement();
            }

            writer.WriteStartElement(new Row { RowIndex = ++rowIndex });
            for (var i = 0; i < columns.Count; i++)
                WriteText(writer, CellRef(i, rowIndex), columns[i].Header, StyleHeader);
            writer.WriteEndElement();

            foreach (var row in rows)
            {
                writer.WriteStartElement(new Row { RowIndex = ++rowIndex });
                for (var i = 0; i < columns.Count; i++)
                    WriteCell(writer, CellRef(i, rowIndex), columns[i].Format, columns[i].Value(row));
                writer.WriteEndElement();
            }
            writer.WriteEndElement();

            if (columns.Count > 0)
                writer.WriteElement(new AutoFilter { Reference = $"A{headerRow}:{ColumnName(columns.Count - 1)}{Math.Max(rowIndex, headerRow)}" });
            writer.WriteEndElement();
        }

        _sheets.AppendChild(new Sheet
        {
            Id = workbookPart.GetIdOfPart(part),
            SheetId = ++_sheetId,
            Name = SafeSheetName(name),
        });
        return this;
    }

    /// <summary>
    /// Finishes the workbook and hands over its stream, positioned at the start; the caller (or the
    /// file result) owns it from here, and the temp file goes when it closes.
    /// </summary>
    public Stream ToStream()
    {
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

    private static void WriteCell(OpenXmlWriter writer, string reference, XlsxFormat format, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                WriteText(writer, reference, text, LooksLikeFormula(text) ? StyleQuoted : null);
                return;
            case DateOnly date:
                WriteNumber(writer, reference, date.ToDateTime(TimeOnly.MinValue).ToOADate(), StyleDate);
                return;
            case DateTime dateTime:
                WriteNumber(writer, reference, dateTime.ToOADate(), format == XlsxFormat.Date ? StyleDate : StyleDateTime);
                return;
            case bool flag:
                WriteText(writer, reference, flag ? "Có" : "Không", null);
                return;
            case int or long or short or decimal or double or float:
                var number = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
                WriteNumber(writer, reference, number, format switch
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
                WriteText(writer, reference, shown, LooksLikeFormula(shown) ? StyleQuoted : null);
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
            new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = "Times New Roman" })) { Count = 3 },
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
        new CellFormats(
            new CellFormat(),
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Center }) { FontId = 1, FillId = 2, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 166, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 167, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 168, ApplyNumberFormat = true },
            new CellFormat { QuotePrefix = true, ApplyAlignment = true },
            new CellFormat { FontId = 2, ApplyFont = true },
            new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 1, ApplyNumberFormat = true }) { Count = 11 });
}
