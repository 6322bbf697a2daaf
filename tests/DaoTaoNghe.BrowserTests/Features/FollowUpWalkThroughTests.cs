using System.Globalization;
using System.Text.RegularExpressions;
using DaoTaoNghe.BrowserTests.Support;

namespace DaoTaoNghe.BrowserTests.Features;

/// <summary>A commune officer records an overdue follow-up on the quick-entry screen and sees it counted on the dashboard, down to the records.</summary>
[Collection(DemoSiteCollection.Name)]
public class FollowUpWalkThroughTests(DemoSite site)
{
    private static int Count(string text) => int.Parse(Regex.Match(text, @"[\d.]+").Value.Replace(".", ""), CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_follow_up_recorded_on_the_quick_entry_screen_moves_the_employed_number_and_links_to_its_record()
    {
        var month = new DateOnly(site.Today.Year, site.Today.Month, 1);
        // The test's own completion: a Bình Lư resident whose 3-month follow-up is overdue and who has no outcome yet.
        var (course, people) = await site.CompletedCourseAsync("Trường Cao đẳng Lai Châu", "Xã Bình Lư", month.AddMonths(-4).AddDays(3), 1);
        var completion = new { CourseId = course.Id, people[0].FullName };

        var page = await site.SignInAsync("xa.binhlu");
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add(message.Text); };
        await page.GetByRole(AriaRole.Link, new() { Name = "Bảng chỉ số" }).ClickAsync();
        var before = Count(await page.Locator("#line-employment-employed td").First.InnerTextAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Theo dõi việc làm sau đào tạo" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Theo dõi việc làm sau đào tạo");
        await page.GotoAsync($"/FollowUps?lop={completion.CourseId}&moc=3&tt=qua-han");
        await Assertions.Expect(page.Locator("main table")).ToContainTextAsync(completion.FullName);
        await page.GetByRole(AriaRole.Link, new() { Name = "Nhập nhanh kết quả" }).ClickAsync();

        var row = page.Locator("main table tbody tr", new() { HasText = completion.FullName }).First;
        await row.Locator("select[name$='.Status']").SelectOptionAsync(new SelectOptionValue { Label = "Làm việc cho doanh nghiệp" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu các kết quả đã nhập" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-error")).ToContainTextAsync(
            "Làm việc cho doanh nghiệp: vui lòng chọn doanh nghiệp trong danh sách hoặc nhập tên nơi làm việc.");

        row = page.Locator("main table tbody tr", new() { HasText = completion.FullName }).First;
        await row.Locator("input[name$='.EmployerName']").FillAsync("Cơ sở chế biến chè Bản Giang");
        await row.Locator("select[name$='.IncomeBand']").SelectOptionAsync(new SelectOptionValue { Label = "Từ 3 đến dưới 5 triệu đồng/tháng" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu các kết quả đã nhập" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Đã ghi nhận 1 kết quả theo dõi việc làm.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Bảng chỉ số" }).ClickAsync();
        var employed = page.Locator("#line-employment-employed td").First;
        Count(await employed.InnerTextAsync()).ShouldBe(before + 1);
        await employed.Locator("a").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Kết quả việc làm: Người có việc làm sau đào tạo");
        await page.GetByRole(AriaRole.Searchbox).FillAsync(completion.FullName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
        await page.Locator("main table").GetByRole(AriaRole.Link, new() { Name = completion.FullName }).First.ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Cơ sở chế biến chè Bản Giang");
        problems.ShouldBeEmpty();
    }
}
