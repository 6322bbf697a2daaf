using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DaoTaoNghe.Tests.Unit;

public class XlsxBookTests
{
    private sealed record Person(string Name, DateOnly Born, long Support);

    private static byte[] Build(params Person[] people)
    {
        using var book = new XlsxBook();
        book.AddSheet("Danh sách", [
            new XlsxColumn<Person>("Họ và tên", p => p.Name),
            new XlsxColumn<Person>("Ngày sinh", p => p.Born, XlsxFormat.Date),
            new XlsxColumn<Person>("Hỗ trợ", p => p.Support, XlsxFormat.Money),
        ], people, title: "Danh sách chi trả");
        using var stream = book.ToStream();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [Fact]
    public void A_valid_workbook_holds_real_dates_and_numbers()
    {
        var rows = Xlsx.ReadRows(Build(new Person("Giàng A Páo", new DateOnly(1990, 5, 1), 3_000_000)));

        rows[0].ShouldBe(["Danh sách chi trả"]);
        rows[1].ShouldBe(["Họ và tên", "Ngày sinh", "Hỗ trợ"]);
        rows[2].ShouldBe(["Giàng A Páo", new DateTime(1990, 5, 1).ToOADate().ToString(), "3000000"]);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")")]
    [InlineData("+84912345678")]
    [InlineData("-1+1")]
    [InlineData("@SUM(A1)")]
    public void Text_that_looks_like_a_formula_is_stored_as_quoted_text_never_as_a_formula(string dangerous)
    {
        var content = Build(new Person(dangerous, new DateOnly(2000, 1, 1), 0));

        using var document = SpreadsheetDocument.Open(new MemoryStream(content), false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        sheet.Descendants<CellFormula>().ShouldBeEmpty();
        var cell = sheet.Descendants<Cell>().Single(c => c.CellReference!.Value == "A4");
        Xlsx.CellText(cell).ShouldBe(dangerous);
        var format = (CellFormat)document.WorkbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.ElementAt((int)cell.StyleIndex!.Value);
        format.QuotePrefix!.Value.ShouldBeTrue();
    }

    [Fact]
    public void A_record_number_shows_without_thousands_separators_and_a_quantity_with_them()
    {
        using var book = new XlsxBook();
        book.AddSheet("Lớp", [
            new XlsxColumn<(int Id, int Learners)>("Mã lớp", r => r.Id, XlsxFormat.Code),
            new XlsxColumn<(int Id, int Learners)>("Người học", r => r.Learners, XlsxFormat.Integer),
        ], [(3617, 12500)]);
        using var stream = book.ToStream();

        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var stylesheet = document.WorkbookPart.WorkbookStylesPart!.Stylesheet;
        string FormatOf(string reference)
        {
            var cell = sheet.Descendants<Cell>().Single(c => c.CellReference!.Value == reference);
            var id = ((CellFormat)stylesheet.CellFormats!.ElementAt((int)cell.StyleIndex!.Value)).NumberFormatId!.Value;
            // 1 and 3 are Excel's built-in "0" and "#,##0"; others are declared in the workbook.
            return id switch { 1 => "0", 3 => "#,##0", _ => stylesheet.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId! == id).FormatCode! };
        }

        FormatOf("A2").ShouldBe("0");
        FormatOf("B2").ShouldBe("#,##0");
    }

    [Fact]
    public void Every_sheet_prints_one_page_wide_on_A4_with_its_header_row_on_every_page_and_wide_tables_in_landscape()
    {
        using var book = new XlsxBook();
        book.AddSheet("Hẹp", [new XlsxColumn<int>("Số", n => n, XlsxFormat.Integer, 10)], [1], title: "Danh sách");
        book.AddSheet("Rộng", Enumerable.Range(0, 8).Select(i => new XlsxColumn<int>($"Cột {i}", n => n, Width: 20)).ToList(), [1]);
        using var stream = book.ToStream();

        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().Select(s => ((WorksheetPart)workbook.GetPartById(s.Id!)).Worksheet).ToList();
        var setups = sheets.Select(s => s.GetFirstChild<PageSetup>()!).ToList();
        setups.ShouldAllBe(p => p.PaperSize!.Value == 9 && p.FitToWidth!.Value == 1 && p.FitToHeight!.Value == 0);
        sheets.ShouldAllBe(s => s.GetFirstChild<SheetProperties>()!.PageSetupProperties!.FitToPage!.Value);
        setups[0].Orientation!.Value.ShouldBe(OrientationValues.Portrait);
        setups[1].Orientation!.Value.ShouldBe(OrientationValues.Landscape);
        workbook.Workbook.DefinedNames!.Elements<DefinedName>().Select(n => (n.Name!.Value, n.LocalSheetId!.Value, n.Text))
            .ShouldBe([("_xlnm.Print_Titles", 0u, "'Hẹp'!$3:$3"), ("_xlnm.Print_Titles", 1u, "'Rộng'!$1:$1")]);
    }
}
