using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Import;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DaoTaoNghe.Tests.Unit;

public class XlsxRowsTests
{
    private sealed record Line(string Name, DateOnly Date, long Amount, string? Note);

    [Fact]
    public void Reads_back_what_the_exporter_wrote_with_dates_numbers_and_gaps()
    {
        using var book = new XlsxBook();
        book.AddSheet("Dữ liệu", [
            new XlsxColumn<Line>("Tên", l => l.Name),
            new XlsxColumn<Line>("Ngày", l => l.Date, XlsxFormat.Date),
            new XlsxColumn<Line>("Số tiền", l => l.Amount, XlsxFormat.Money),
            new XlsxColumn<Line>("Ghi chú", l => l.Note),
        ], [new Line("Lò Văn Pọm", new DateOnly(2026, 3, 5), 2_500_000, null), new Line("=1+2", new DateOnly(2024, 12, 31), 0, "x")]);
        using var stream = book.ToStream();

        var rows = XlsxRows.Read(stream).ToList();

        rows.Select(r => r.Number).ShouldBe([1, 2, 3]);
        rows[0].Text(1).ShouldBe("Ngày");
        rows[1].Text(0).ShouldBe("Lò Văn Pọm");
        rows[1].Cells[1].IsDate.ShouldBeTrue();
        XlsxRows.ToDate(rows[1].Cells[1].Number!.Value).ShouldBe(new DateOnly(2026, 3, 5));
        rows[1].Cells[2].Number.ShouldBe(2_500_000);
        rows[1].Cells[2].IsDate.ShouldBeFalse();
        rows[1].Cells.ContainsKey(3).ShouldBeFalse();
        rows[2].Text(0).ShouldBe("=1+2");
    }

    [Fact]
    public void Reads_shared_strings_formulas_and_skips_hidden_sheets_by_default()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable(new SharedStringItem(new Text("Xã Bình Lư")));
            AddSheet(workbook, "Ẩn", hidden: true, new Row(new Cell { CellReference = "A1", CellValue = new CellValue("bí mật"), DataType = CellValues.String }) { RowIndex = 1 });
            AddSheet(workbook, "Danh sách", hidden: false,
                new Row(new Cell { CellReference = "B4", CellValue = new CellValue("0"), DataType = CellValues.SharedString }) { RowIndex = 4 },
                new Row(new Cell { CellReference = "A5", CellFormula = new CellFormula("1+1"), CellValue = new CellValue("2") }) { RowIndex = 5 });
        }
        stream.Position = 0;

        var rows = XlsxRows.Read(stream).ToList();

        rows.Select(r => r.Number).ShouldBe([4, 5]);
        rows[0].Text(1).ShouldBe("Xã Bình Lư");
        rows[1].Cells[0].HasFormula.ShouldBeTrue();
        stream.Position = 0;
        XlsxRows.Sheets(stream).ShouldBe([("Ẩn", true), ("Danh sách", false)]);
    }

    [Fact]
    public void A_file_that_is_not_a_workbook_gets_a_Vietnamese_reason() =>
        Should.Throw<XlsxReadException>(() => XlsxRows.Read(new MemoryStream("không phải excel"u8.ToArray())).ToList())
            .Message.ShouldBe("Tệp không phải bảng tính Excel .xlsx hợp lệ.");

    private static void AddSheet(WorkbookPart workbook, string name, bool hidden, params Row[] rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        part.Worksheet = new Worksheet(new SheetData(rows));
        var sheets = workbook.Workbook.Sheets!;
        sheets.Append(new Sheet
        {
            Id = workbook.GetIdOfPart(part),
            SheetId = (uint)sheets.Count() + 1,
            Name = name,
            State = hidden ? SheetStateValues.Hidden : null,
        });
    }
}
