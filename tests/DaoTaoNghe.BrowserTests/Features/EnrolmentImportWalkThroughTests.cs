using DaoTaoNghe.BrowserTests.Support;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DaoTaoNghe.BrowserTests.Features;

/// <summary>
/// The college's staff bring a course's list in from Excel: from the course's page to the
/// template, a dry run that refuses a person whose papers do not match, and the write.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public class EnrolmentImportWalkThroughTests(DemoSite site)
{
    [Fact]
    public async Task An_institution_enrols_a_list_into_its_course_from_the_course_page()
    {
        // The test's own course and people: what other tests do to the demo's courses cannot fill it or enrol them elsewhere.
        var course = await site.OpenCourseAsync("Trường Cao đẳng Lai Châu", "Phường Đoàn Kết");
        var people = await site.LearnersAsync("Xã Bình Lư", 2);
        var page = await site.SignInAsync("truong.cdlc");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        await page.GotoAsync($"/Courses/Details/{course.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nhập từ Excel" }).ClickAsync();
        var template = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Tải tệp mẫu (.xlsx)" }).ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"ghi-danh-{Guid.NewGuid():N}.xlsx");
        await template.SaveAsAsync(path);
        using (var document = SpreadsheetDocument.Open(path, true))
        {
            var workbook = document.WorkbookPart!;
            var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
            var data = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!;
            foreach (var row in data.Elements<Row>().Where(r => r.RowIndex! > 1).ToList()) row.Remove();
            data.Append(Row(2, course.Id.ToString(), people[0].Cccd!, people[0].FullName, people[0].BirthDate.ToString("dd/MM/yyyy")));
            data.Append(Row(3, course.Id.ToString(), people[1].Cccd!, people[1].FullName, people[1].BirthDate.AddDays(1).ToString("dd/MM/yyyy")));
        }

        await page.Locator("#file").SetInputFilesAsync(path);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên và kiểm tra thử" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-count=created]")).ToHaveTextAsync("1", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-count=rejected]")).ToHaveTextAsync("1");
        var error = page.Locator("table[data-errors] tbody tr");
        await Assertions.Expect(error).ToHaveCountAsync(1);
        await Assertions.Expect(error).ToContainTextAsync("Không tìm thấy người học có số CCCD và ngày sinh này trong tỉnh.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ghi 1 dòng hợp lệ" }).ClickAsync();

        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("thêm mới 1", new() { Timeout = 30_000 });
        await page.GotoAsync($"/Courses/Details/{course.Id}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(people[0].FullName);
        File.Delete(path);
    }

    private static Row Row(uint index, params string[] values) =>
        new(values.Select((v, c) => new Cell(new InlineString(new Text(v))) { CellReference = $"{(char)('A' + c)}{index}", DataType = CellValues.InlineString }))
        {
            RowIndex = index,
        };
}
