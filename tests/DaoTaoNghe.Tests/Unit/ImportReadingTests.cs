using System.Text;
using DaoTaoNghe.Infrastructure.Import;
using DaoTaoNghe.Tests.Features.Imports;
using DaoTaoNghe.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DaoTaoNghe.Tests.Unit;

/// <summary>The reader's limits, tried with small limits so the files stay small.</summary>
public class ImportReadingTests
{
    private static XlsxWorkbook Open(byte[] xlsx, XlsxLimits limits) => XlsxWorkbook.Open(new MemoryStream(xlsx), limits);

    [Fact]
    public void A_sheet_over_the_row_limit_is_refused_before_any_row_is_used()
    {
        var file = TestWorkbook.Sheet([.. Enumerable.Range(1, 6).Select(i => new object?[] { $"dòng {i}" })]);
        using var workbook = Open(file, XlsxLimits.Default with { MaxRows = 5 });

        Should.Throw<XlsxReadException>(() => workbook.Scan(workbook.FirstVisibleSheet)).Message
            .ShouldBe("Trang tính \"Dữ liệu\" có hơn 5 dòng dữ liệu. Hãy chia thành nhiều tệp.");
        Should.Throw<XlsxReadException>(() => workbook.Rows(workbook.FirstVisibleSheet).ToList());
    }

    [Fact]
    public void Formatted_but_empty_rows_do_not_count_toward_the_limit()
    {
        var rows = new object?[]?[1_000];
        rows[0] = ["tiêu đề"];
        rows[999] = ["cuối"];
        using var workbook = Open(TestWorkbook.Sheet(rows), XlsxLimits.Default with { MaxRows = 2 });

        workbook.Scan(workbook.FirstVisibleSheet).RowsWithValues.ShouldBe(2);
        workbook.Rows(workbook.FirstVisibleSheet).Select(r => r.Number).ShouldBe([1, 1000]);
    }

    [Theory]
    [InlineData(nameof(XlsxLimits.MaxEntries), "quá nhiều thành phần")]
    [InlineData(nameof(XlsxLimits.MaxEntryBytes), "khi giải nén quá lớn")]
    [InlineData(nameof(XlsxLimits.MaxTotalBytes), "khi giải nén vượt quá")]
    public void Archives_that_would_inflate_too_far_are_refused_from_their_directory(string limit, string reason)
    {
        var limits = limit switch
        {
            nameof(XlsxLimits.MaxEntries) => XlsxLimits.Default with { MaxEntries = 2 },
            nameof(XlsxLimits.MaxEntryBytes) => XlsxLimits.Default with { MaxEntryBytes = 100 },
            _ => XlsxLimits.Default with { MaxTotalBytes = 1_000 },
        };

        Should.Throw<XlsxReadException>(() => Open(TestWorkbook.Sheet(["a"]), limits)).Message.ShouldContain(reason);
    }

    [Fact]
    public void Cells_longer_than_the_limit_are_cut_and_flagged_whether_inline_or_shared()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            workbook.AddNewPart<SharedStringTablePart>().SharedStringTable = new SharedStringTable(
                new SharedStringItem(new Text(new string('x', 50))),
                new SharedStringItem(new Run(new Text("Bình ")), new Run(new Text("Lư")), new PhoneticRun(new Text("phiên âm")) { BaseTextStartIndex = 0, EndingBaseIndex = 1 }));
            var part = workbook.AddNewPart<WorksheetPart>();
            part.Worksheet = new Worksheet(new SheetData(new Row(
                new Cell { CellReference = "A1", CellValue = new CellValue("0"), DataType = CellValues.SharedString },
                new Cell(new InlineString(new Text(new string('y', 50)))) { CellReference = "B1", DataType = CellValues.InlineString },
                new Cell { CellReference = "C1", CellValue = new CellValue("1"), DataType = CellValues.SharedString }) { RowIndex = 1 }));
            workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = "Dữ liệu" });
        }

        using var book = Open(stream.ToArray(), XlsxLimits.Default with { MaxCellChars = 10 });
        var cells = book.Rows(book.FirstVisibleSheet).Single().Cells;

        (cells[0].Text, cells[0].TooLong).ShouldBe(("xxxxxxxxxx", true));
        (cells[1].Text, cells[1].TooLong).ShouldBe(("yyyyyyyyyy", true));
        (cells[2].Text, cells[2].TooLong).ShouldBe(("Bình Lư", false));
    }

    [Fact]
    public void Merged_ranges_are_known_before_the_rows_are_read()
    {
        var file = TestWorkbook.Build(new TestSheet("Dữ liệu", [["tiêu đề"], ["a", "b"]]) { Merges = ["A1:C1", "B2:B40"] });
        using var workbook = Open(file, XlsxLimits.Default);

        workbook.Scan(workbook.FirstVisibleSheet).MergedRanges.ShouldBe([
            new XlsxRange("A1:C1", 1, 1, 0, 2), new XlsxRange("B2:B40", 2, 40, 1, 1),
        ]);
    }

    [Fact]
    public void A_CSV_over_the_row_limit_is_refused()
    {
        var csv = Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Range(0, ImportLimits.HeaderSearchRows + 5).Select(i => $"a{i},b")));

        Should.Throw<ImportFileException>(() => ImportSource.Open(() => new MemoryStream(csv), "x.csv", new ImportLimits(MaxRows: 3)))
            .Message.ShouldBe("Tệp CSV có hơn 3 dòng dữ liệu. Hãy chia thành nhiều tệp.");
    }

    [Fact]
    public void The_header_is_found_below_title_rows_and_matched_by_name_or_known_other_names()
    {
        var columns = new DaoTaoNghe.Features.Outreach.OutreachImport(null!, null!, new TestClock()).Columns;
        var rows = new List<ImportRecord>
        {
            new(1, new Dictionary<int, ImportCell> { [0] = new("DANH SÁCH HOẠT ĐỘNG NĂM 2026") }),
            new(3, new Dictionary<int, ImportCell> { [0] = new("STT"), [1] = new("Ngày (*)"), [2] = new("Mã xã:"), [3] = new("NỘI DUNG"), [5] = new("Số người tham dự *") }),
            new(4, new Dictionary<int, ImportCell> { [0] = new("1"), [1] = new("05/03/2026") }),
        };

        var header = ImportHeaders.Find(rows, columns);

        header.Row.ShouldBe(3);
        ImportHeaders.Match(header, columns).ShouldBe(new Dictionary<string, int> { ["HeldOn"] = 1, ["CommuneId"] = 2, ["Title"] = 3, ["Participants"] = 5 }, ignoreOrder: true);
        ImportHeaders.KeyOf(["Ngày", "Xã"]).ShouldBe(ImportHeaders.KeyOf(["xa:", "NGÀY (*)"]));
    }
}
