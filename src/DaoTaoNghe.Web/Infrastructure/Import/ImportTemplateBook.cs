using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DaoTaoNghe.Infrastructure.Import;

/// <summary>
/// The .xlsx a user downloads to fill: the data sheet (header row, one example row, text-formatted
/// columns so codes keep their leading zeros and dates are read as typed, drop-downs for fixed
/// lists), an instructions sheet, and the lists and catalogues to pick values from.
/// </summary>
public static class ImportTemplateBook
{
    public const string DataSheet = "Dữ liệu";
    public const string InstructionsSheet = "Hướng dẫn";
    public const string ChoicesSheet = "Danh mục";

    private const uint StyleHeader = 1, StyleRequiredHeader = 2, StyleText = 3, StyleExample = 4, StyleExampleNumber = 5, StyleTitle = 6, StyleBold = 7, StyleWrap = 8;

    /// <summary>The rules every template follows, shown on the upload page and in the instructions sheet.</summary>
    public static IReadOnlyList<string> GeneralRules(ImportLimits limits) =>
    [
        "Giữ nguyên dòng tiêu đề; mỗi dòng bên dưới là một bản ghi. Dòng ví dụ có thể xóa đi (để nguyên thì hệ thống tự bỏ qua).",
        "Ngày nhập dạng dd/MM/yyyy, ví dụ 05/03/2026; ô ngày của Excel cũng được.",
        "Số nhập theo kiểu Việt Nam: 1.234 là một nghìn hai trăm ba mươi tư, 2,5 là hai phẩy năm.",
        "Mã (xã, phường…) có thể nhập mã số hoặc tên đúng như trong danh mục; không phân biệt chữ hoa, chữ thường.",
        $"Nhận tệp {ImportSource.AcceptedTypes}; tối đa {limits.MaxRows.ToString("N0", Vi)} dòng và {limits.MaxFileBytes / 1024 / 1024} MB mỗi tệp.",
        "Không gộp ô (Merge) trong vùng dữ liệu. Chỉ trang tính đầu tiên đang hiện được đọc; trang tính ẩn bị bỏ qua.",
        "Ô có công thức: hệ thống dùng giá trị Excel đã tính khi lưu tệp.",
        "Hệ thống kiểm tra thử trước và liệt kê từng dòng lỗi (số dòng, cột, lý do); chỉ khi bạn bấm ghi, các dòng hợp lệ mới được ghi cùng một lần – hoặc không dòng nào.",
        "Nhập lại cùng một tệp không tạo bản ghi trùng: dòng đã có sẽ được cập nhật hoặc giữ nguyên.",
    ];

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public static Stream Write(IImportTemplate template, ImportSample sample, ImportLimits limits)
    {
        var stream = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();

            var choiceColumns = template.Columns.Where(c => c.Choices is { Count: > 0 }).ToList();
            AddSheet(workbook, sheets, DataSheet, DataWorksheet(template, sample, choiceColumns, limits));
            AddSheet(workbook, sheets, InstructionsSheet, InstructionsWorksheet(template, limits));
            if (choiceColumns.Count > 0) AddSheet(workbook, sheets, ChoicesSheet, ChoicesWorksheet(choiceColumns));
            foreach (var list in sample.Lists) AddSheet(workbook, sheets, list.Title, ListWorksheet(list));
        }
        stream.Position = 0;
        return stream;
    }

    private static Worksheet DataWorksheet(IImportTemplate template, ImportSample sample, List<IImportColumn> choiceColumns, ImportLimits limits)
    {
        var columns = template.Columns;
        var cols = new Columns();
        for (var i = 0; i < columns.Count; i++)
            cols.Append(new Column
            {
                Min = (uint)i + 1, Max = (uint)i + 1, Width = columns[i].Width, CustomWidth = true,
                Style = columns[i].Kind == ImportCellKind.Text ? StyleText : 0u,
            });

        var header = new Row { RowIndex = 1 };
        var example = new Row { RowIndex = 2 };
        for (var i = 0; i < columns.Count; i++)
        {
            header.Append(TextCell(Ref(i, 1), columns[i].Header, columns[i].IsRequired ? StyleRequiredHeader : StyleHeader));
            if (!sample.Examples.TryGetValue(columns[i].Key, out var value)) continue;
            example.Append(columns[i].Kind == ImportCellKind.Number && double.TryParse(value, NumberStyles.Float, Vi, out var number)
                ? new Cell { CellReference = Ref(i, 2), CellValue = new CellValue(number.ToString(CultureInfo.InvariantCulture)), StyleIndex = StyleExampleNumber }
                : TextCell(Ref(i, 2), value, StyleExample));
        }

        var worksheet = new Worksheet(
            new SheetViews(new SheetView(new Pane
            {
                VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
            }) { WorkbookViewId = 0 }),
            cols,
            new SheetData(header, example));
        if (choiceColumns.Count > 0)
        {
            var validations = new DataValidations { Count = (uint)choiceColumns.Count };
            for (var c = 0; c < choiceColumns.Count; c++)
            {
                var index = columns.ToList().IndexOf(choiceColumns[c]);
                var letter = XlsxRows.ColumnName(index);
                var listLetter = XlsxRows.ColumnName(c);
                validations.Append(new DataValidation(new Formula1($"'{ChoicesSheet}'!${listLetter}$2:${listLetter}${choiceColumns[c].Choices!.Count + 1}"))
                {
                    Type = DataValidationValues.List,
                    AllowBlank = true,
                    ShowErrorMessage = true,
                    ErrorTitle = "Giá trị không có trong danh sách",
                    Error = $"{choiceColumns[c].Header}: chọn một giá trị trong danh sách.",
                    SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{letter}2:{letter}{limits.MaxRows + 1}" },
                });
            }
            worksheet.Append(validations);
        }
        return worksheet;
    }

    private static Worksheet InstructionsWorksheet(IImportTemplate template, ImportLimits limits)
    {
        var rows = new List<Row>();
        void Line(string text, uint style = 0) =>
            rows.Add(new Row(TextCell(Ref(0, (uint)rows.Count + 1), text, style)) { RowIndex = (uint)rows.Count + 1 });

        Line($"Mẫu nhập: {template.Name}", StyleTitle);
        Line(template.Summary);
        Line($"Khóa nhận diện: {template.KeyDescription}. Dòng có cùng khóa với bản ghi đã có sẽ cập nhật bản ghi đó.");
        Line("");
        Line("Quy tắc chung", StyleBold);
        foreach (var rule in GeneralRules(limits)) Line("• " + rule);
        foreach (var instruction in template.Instructions) Line("• " + instruction);
        Line("");
        Line("Các cột", StyleBold);

        var headerRow = (uint)rows.Count + 1;
        rows.Add(new Row(
            TextCell(Ref(0, headerRow), "Cột", StyleHeader), TextCell(Ref(1, headerRow), "Bắt buộc", StyleHeader),
            TextCell(Ref(2, headerRow), "Cách ghi", StyleHeader), TextCell(Ref(3, headerRow), "Ghi chú", StyleHeader),
            TextCell(Ref(4, headerRow), "Ví dụ", StyleHeader)) { RowIndex = headerRow });
        foreach (var column in template.Columns)
        {
            var r = (uint)rows.Count + 1;
            var format = column.Choices is { Count: > 0 } choices && choices.Count <= 12
                ? $"{column.Format}: {string.Join("; ", choices)}"
                : column.Format;
            if (column.OtherHeaders.Count > 0) format += $". Tên cột khác được nhận: {string.Join(", ", column.OtherHeaders)}";
            rows.Add(new Row(
                TextCell(Ref(0, r), column.Header, StyleBold), TextCell(Ref(1, r), column.IsRequired ? "Có" : "Không", 0),
                TextCell(Ref(2, r), format, StyleWrap), TextCell(Ref(3, r), column.Note ?? "", StyleWrap),
                TextCell(Ref(4, r), column.Example ?? "", 0)) { RowIndex = r });
        }
        return new Worksheet(
            new Columns(
                new Column { Min = 1, Max = 1, Width = 34, CustomWidth = true },
                new Column { Min = 2, Max = 2, Width = 10, CustomWidth = true },
                new Column { Min = 3, Max = 3, Width = 60, CustomWidth = true },
                new Column { Min = 4, Max = 4, Width = 50, CustomWidth = true },
                new Column { Min = 5, Max = 5, Width = 28, CustomWidth = true }),
            new SheetData(rows));
    }

    private static Worksheet ChoicesWorksheet(List<IImportColumn> choiceColumns)
    {
        var rows = new List<Row>();
        var height = choiceColumns.Max(c => c.Choices!.Count) + 1;
        for (var r = 1u; r <= height; r++)
        {
            var row = new Row { RowIndex = r };
            for (var c = 0; c < choiceColumns.Count; c++)
            {
                var choices = choiceColumns[c].Choices!;
                if (r == 1) row.Append(TextCell(Ref(c, r), choiceColumns[c].Header, StyleHeader));
                else if (r - 2 < choices.Count) row.Append(TextCell(Ref(c, r), choices[(int)r - 2], 0));
            }
            rows.Add(row);
        }
        var cols = new Columns();
        for (var c = 0; c < choiceColumns.Count; c++)
            cols.Append(new Column { Min = (uint)c + 1, Max = (uint)c + 1, Width = 36, CustomWidth = true });
        return new Worksheet(cols, new SheetData(rows));
    }

    private static Worksheet ListWorksheet(ImportList list)
    {
        var rows = new List<Row>
        {
            new(list.Headers.Select((h, c) => TextCell(Ref(c, 1), h, StyleHeader))) { RowIndex = 1 },
        };
        foreach (var values in list.Rows)
        {
            var r = (uint)rows.Count + 1;
            rows.Add(new Row(values.Select((v, c) => TextCell(Ref(c, r), v, StyleText))) { RowIndex = r });
        }
        var cols = new Columns();
        for (var c = 0; c < list.Headers.Count; c++)
            cols.Append(new Column { Min = (uint)c + 1, Max = (uint)c + 1, Width = c == 0 ? 14 : 36, CustomWidth = true });
        return new Worksheet(cols, new SheetData(rows));
    }

    private static void AddSheet(WorkbookPart workbook, Sheets sheets, string name, Worksheet worksheet)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        part.Worksheet = worksheet;
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)sheets.Count() + 1, Name = name.Length > 31 ? name[..31] : name });
    }

    private static Cell TextCell(string reference, string text, uint style) => new(new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text) { Space = SpaceProcessingModeValues.Preserve }))
    {
        CellReference = reference,
        DataType = CellValues.InlineString,
        StyleIndex = style == 0 ? null : style,
    };

    private static string Ref(int column, uint row) => XlsxRows.ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);

    private static Stylesheet Styles() => new(
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Times New Roman" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Times New Roman" }),
            new Font(new Italic(), new FontSize { Val = 11 }, new Color { Rgb = "FF6B7280" }, new FontName { Val = "Times New Roman" }),
            new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = "Times New Roman" })) { Count = 4 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDDEBF7" }) { PatternType = PatternValues.Solid }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFFCE4D6" }) { PatternType = PatternValues.Solid })) { Count = 4 },
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
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Center }) { FontId = 1, FillId = 3, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true },
            new CellFormat { NumberFormatId = 49, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 49, FontId = 2, ApplyNumberFormat = true, ApplyFont = true },
            new CellFormat { FontId = 2, ApplyFont = true },
            new CellFormat { FontId = 3, ApplyFont = true },
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true }) { Count = 9 });
}
