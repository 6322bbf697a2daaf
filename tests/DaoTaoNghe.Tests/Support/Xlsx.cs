using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace DaoTaoNghe.Tests.Support;

/// <summary>Reads a downloaded .xlsx the way Excel would: validates it and returns each sheet's cells as text.</summary>
public static class Xlsx
{
    public static List<List<string>> ReadRows(byte[] content, int sheet = 0)
    {
        using var stream = new MemoryStream(content);
        using var document = SpreadsheetDocument.Open(stream, false);
        var errors = new OpenXmlValidator().Validate(document).Select(e => e.Description).ToList();
        errors.ShouldBeEmpty();
        var part = (WorksheetPart)document.WorkbookPart!.GetPartById(document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().ElementAt(sheet).Id!);
        return part.Worksheet.Descendants<Row>().Select(RowCells).ToList();
    }

    /// <summary>A row's cells by column, empty strings where Excel stores no cell.</summary>
    private static List<string> RowCells(Row row)
    {
        var cells = new List<string>();
        foreach (var cell in row.Elements<Cell>())
        {
            var column = ColumnIndex(cell.CellReference!.Value!);
            while (cells.Count < column) cells.Add("");
            cells.Add(CellText(cell));
        }
        return cells;
    }

    private static int ColumnIndex(string reference) =>
        reference.TakeWhile(char.IsLetter).Aggregate(0, (index, letter) => index * 26 + letter - 'A' + 1) - 1;

    public static string CellText(Cell cell) =>
        cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text ?? "";

    public static async Task<List<List<string>>> DownloadAsync(TestBrowser browser, string url)
    {
        var response = await browser.GetAsync(url);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return ReadRows(await response.Content.ReadAsByteArrayAsync());
    }
}
