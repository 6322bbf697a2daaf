using DaoTaoNghe.BrowserTests.Support;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DaoTaoNghe.BrowserTests.Features;

/// <summary>
/// A commune officer brings outreach activities in from Excel: takes the template, fills it, sees
/// the dry run refuse a bad row, downloads the errors, uploads the fixed file and writes it.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public class ImportWalkThroughTests(DemoSite site)
{
    [Fact]
    public async Task A_commune_officer_fills_the_template_fixes_the_rejected_row_and_writes_the_file()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        var page = await site.SignInAsync("xa.binhlu");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Nhập dữ liệu từ Excel" }).ClickAsync();
        var template = await page.RunAndWaitForDownloadAsync(() =>
            page.Locator("[data-template=tuyen-truyen]").GetByRole(AriaRole.Link, new() { Name = "Tải mẫu" }).ClickAsync());
        template.SuggestedFilename.ShouldBe("mau-nhap-tuyen-truyen.xlsx");
        var bad = await FillAsync(template, marker, participants: "nhiều");
        var fixedFile = await FillAsync(template, marker, participants: "1.250");

        await page.Locator("[data-template=tuyen-truyen]").GetByRole(AriaRole.Link, new() { Name = "Nhập tệp" }).ClickAsync();
        await page.Locator("#file").SetInputFilesAsync(bad);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên và kiểm tra thử" }).ClickAsync();

        await Assertions.Expect(page.Locator("h2", new() { HasText = "Kết quả kiểm tra thử" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-count=created]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-count=rejected]")).ToHaveTextAsync("1");
        var error = page.Locator("table[data-errors] tbody tr");
        await Assertions.Expect(error).ToHaveCountAsync(1);
        await Assertions.Expect(error).ToContainTextAsync("3");
        await Assertions.Expect(error).ToContainTextAsync("Số người tham dự: \"nhiều\" không phải số nguyên hợp lệ");

        var errors = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Tải danh sách lỗi (.xlsx)" }).ClickAsync());
        var errorRows = ReadRows(await errors.PathAsync());
        errorRows.ShouldContain(r => r.Count == 5 && r[0] == "3" && r[1] == "E" && r[4].Contains("không phải số nguyên"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Tải lên tệp đã sửa" }).ClickAsync();
        await page.Locator("#file").SetInputFilesAsync(fixedFile);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên và kiểm tra thử" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-count=created]")).ToHaveTextAsync("2", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-count=rejected]")).ToHaveTextAsync("0");

        await page.GetByRole(AriaRole.Button, new() { Name = "Ghi 2 dòng hợp lệ" }).ClickAsync();

        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Đã ghi 2 dòng hợp lệ trong một lần: thêm mới 2", new() { Timeout = 30_000 });
        await page.GotoAsync($"/Outreach?q={marker}");
        await Assertions.Expect(page.Locator("main table tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("main table")).ToContainTextAsync("1.250");
        File.Delete(bad);
        File.Delete(fixedFile);
    }

    /// <summary>The downloaded template with its example row replaced by two activities, the second with the given participants.</summary>
    private static async Task<string> FillAsync(IDownload template, string marker, string participants)
    {
        var path = Path.Combine(Path.GetTempPath(), $"tuyen-truyen-{marker}-{Guid.NewGuid():N}.xlsx");
        await template.SaveAsAsync(path);
        using (var document = SpreadsheetDocument.Open(path, true))
        {
            var workbook = document.WorkbookPart!;
            var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
            var data = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!;
            foreach (var row in data.Elements<Row>().Where(r => r.RowIndex! > 1).ToList()) row.Remove();
            data.Append(Row(2, "05/03/2026", "Xã Bình Lư", $"Tuyên truyền học nghề chè {marker}", "Hội nghị, họp thôn bản", "45"));
            data.Append(Row(3, "06/03/2026", "Xã Bình Lư", $"Phát thanh về vay vốn học nghề {marker}", "Loa truyền thanh xã", participants));
        }
        return path;
    }

    private static Row Row(uint index, params string[] values) =>
        new(values.Select((v, c) => new Cell(new InlineString(new Text(v))) { CellReference = $"{(char)('A' + c)}{index}", DataType = CellValues.InlineString }))
        {
            RowIndex = index,
        };

    private static List<List<string>> ReadRows(string path)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        return ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "").ToList())
            .ToList();
    }
}
