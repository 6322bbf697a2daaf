using DaoTaoNghe.BrowserTests.Support;
using DaoTaoNghe.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.BrowserTests.Features;

/// <summary>
/// A day's work as each role sees it: the home page lists what the test made wait, its link leads to
/// the action, and once done the item is gone (issue 17).
/// </summary>
[Collection(DemoSiteCollection.Name)]
public class WorkItemsWalkThroughTests(DemoSite site)
{
    [Fact]
    public async Task A_commune_officer_is_told_of_a_returned_report_follows_it_sends_it_again_and_the_item_is_gone()
    {
        var report = await site.QueryAsync(db => db.Reports
            .Where(r => r.Organisation.Name == "Ủy ban nhân dân xã Tân Uyên" && r.Obligation.PeriodYear == 2026 && r.Obligation.PeriodKind == PeriodKind.Year)
            .Select(r => new { r.Id, r.Obligation.Title }).SingleAsync());
        var commune = await site.SignInAsync("xa.tanuyen");
        commune.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await commune.GotoAsync($"/Reports/Details/{report.Id}");
        var sections = commune.Locator("textarea[id^='section-']");
        for (var i = 0; i < await sections.CountAsync(); i++)
            await sections.Nth(i).FillAsync("Ủy ban nhân dân xã đã triển khai đầy đủ các nội dung của Kế hoạch.");
        await commune.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo", Exact = true }).ClickAsync();
        await Assertions.Expect(commune.Locator("#report-state")).ToHaveTextAsync("Đã gửi, chờ duyệt");

        var province = await site.SignInAsync("sogddt");
        await Assertions.Expect(province.Locator("ul.work-list")).ToContainTextAsync("Báo cáo đã gửi, chờ duyệt");
        await province.GotoAsync($"/Reports/Details/{report.Id}");
        await province.GetByLabel("Ý kiến").FillAsync("Đề nghị bổ sung số người có việc làm sau học nghề.");
        await province.GetByRole(AriaRole.Button, new() { Name = "Trả lại", Exact = true }).ClickAsync();
        await Assertions.Expect(province.Locator("#report-state")).ToHaveTextAsync("Bị trả lại");

        await commune.GotoAsync("/");
        var item = commune.Locator("ul.work-list li", new() { HasText = "Báo cáo bị trả lại, cần sửa và gửi lại" });
        await Assertions.Expect(item).ToContainTextAsync("1");
        await Assertions.Expect(commune.Locator("#notifications-link .badge")).ToBeVisibleAsync();
        await item.Locator("a").ClickAsync();
        await commune.GetByRole(AriaRole.Link, new() { Name = report.Title, Exact = true }).ClickAsync();
        await Assertions.Expect(commune.Locator(".alert-warning")).ToContainTextAsync("Đề nghị bổ sung số người có việc làm sau học nghề.");
        await sections.First.FillAsync("Có 85 người có việc làm sau học nghề.");
        await commune.GetByRole(AriaRole.Button, new() { Name = "Gửi lại báo cáo", Exact = true }).ClickAsync();
        await Assertions.Expect(commune.Locator("#report-state")).ToHaveTextAsync("Đã gửi, chờ duyệt");

        await commune.GotoAsync("/");
        await Assertions.Expect(commune.Locator("main")).Not.ToContainTextAsync("Báo cáo bị trả lại, cần sửa và gửi lại");
        await commune.Locator("#notifications-link").ClickAsync();
        // The notification names the report by its own title and carries the province's comment.
        await Assertions.Expect(commune.Locator("ul.notifications")).ToContainTextAsync("Ý kiến: Đề nghị bổ sung số người có việc làm sau học nghề.");
    }

    [Fact]
    public async Task An_institution_is_told_of_a_course_past_its_end_follows_it_finishes_it_and_the_item_is_gone()
    {
        var course = await site.OverdueCourseAsync("Trường Cao đẳng Lai Châu", "Xã Tân Uyên");
        var page = await site.SignInAsync("truong.cdlc");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        var item = page.Locator("ul.work-list li", new() { HasText = "Lớp đã hết thời gian học, chưa kết thúc" });
        await Assertions.Expect(item).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("nav.sidenav a[href='/Courses'] .badge")).ToBeVisibleAsync();
        await item.Locator("a").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = course.Name, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Kết thúc lớp" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Lớp đã kết thúc");

        await page.GotoAsync("/Courses?viec=can-ket-thuc");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(course.Name);
    }
}
