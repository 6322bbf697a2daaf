using DaoTaoNghe.BrowserTests.Support;
using DaoTaoNghe.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.BrowserTests.Features;

/// <summary>The yearly report of a commune, from draft to approval, and how the province then sees it.</summary>
[Collection(DemoSiteCollection.Name)]
public class ReportsWalkThroughTests(DemoSite site)
{
    [Fact]
    public async Task A_commune_report_is_sent_returned_sent_again_approved_and_the_overview_shows_it_on_time_or_late()
    {
        var report = await site.QueryAsync(db => db.Reports
            .Where(r => r.Organisation.Name == "Ủy ban nhân dân xã Bình Lư" && r.Obligation.PeriodYear == 2026 && r.Obligation.PeriodKind == PeriodKind.Year)
            .Select(r => new { r.Id, r.Obligation.Title, r.Obligation.DueOn }).SingleAsync());
        var commune = await site.SignInAsync("xa.binhlu");
        commune.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        await commune.GetByRole(AriaRole.Link, new() { Name = "Báo cáo định kỳ" }).ClickAsync();
        await commune.GetByRole(AriaRole.Link, new() { Name = report.Title, Exact = true }).ClickAsync();
        await Assertions.Expect(commune.Locator("#report-state")).ToHaveTextAsync("Đang soạn");
        await Assertions.Expect(commune.Locator("main")).ToContainTextAsync("Số lượt người được tuyên truyền, tư vấn");
        var sections = commune.Locator("textarea[id^='section-']");
        for (var i = 0; i < await sections.CountAsync(); i++)
            await sections.Nth(i).FillAsync("Ủy ban nhân dân xã đã triển khai đầy đủ các nội dung của Kế hoạch.");
        await commune.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo", Exact = true }).ClickAsync();
        await Assertions.Expect(commune.Locator(".alert-success")).ToContainTextAsync("Đã gửi báo cáo.");
        await Assertions.Expect(commune.Locator("#report-state")).ToHaveTextAsync("Đã gửi, chờ duyệt");

        var province = await site.SignInAsync("sogddt");
        await province.GotoAsync($"/Reports/Details/{report.Id}");
        await province.GetByLabel("Ý kiến").FillAsync("Đề nghị bổ sung số lớp, số học viên theo từng nghề.");
        await province.GetByRole(AriaRole.Button, new() { Name = "Trả lại", Exact = true }).ClickAsync();
        await Assertions.Expect(province.Locator("#report-state")).ToHaveTextAsync("Bị trả lại");

        await commune.ReloadAsync();
        await Assertions.Expect(commune.Locator(".alert-warning")).ToContainTextAsync("Đề nghị bổ sung số lớp, số học viên theo từng nghề.");
        await sections.First.FillAsync("Đã mở 4 lớp nghề (chè, chăn nuôi, may, xây dựng) với 120 học viên.");
        await commune.GetByRole(AriaRole.Button, new() { Name = "Gửi lại báo cáo", Exact = true }).ClickAsync();
        await Assertions.Expect(commune.Locator("#report-state")).ToHaveTextAsync("Đã gửi, chờ duyệt");

        await province.ReloadAsync();
        await province.GetByRole(AriaRole.Button, new() { Name = "Duyệt", Exact = true }).ClickAsync();
        await Assertions.Expect(province.Locator("#report-state")).ToHaveTextAsync("Đã duyệt");
        await Assertions.Expect(province.Locator("#report-history")).ToContainTextAsync("Gửi lại");
        await Assertions.Expect(province.Locator("main")).ToContainTextAsync("Đã mở 4 lớp nghề");

        var expected = site.Clock.GetUtcNow().UtcDateTime < TimelinessRules.DeadlineEndUtc(report.DueOn) ? "Đúng hạn" : "Trễ hạn";
        await province.GetByRole(AriaRole.Link, new() { Name = "Tình hình nộp báo cáo" }).First.ClickAsync();
        await Assertions.Expect(province.Locator("h1")).ToContainTextAsync("Tình hình nộp báo cáo");
        await province.GotoAsync("/Reports/Overview?nam=2026");
        var row = province.Locator("#overview-units tr", new() { HasText = "Ủy ban nhân dân xã Bình Lư" });
        await Assertions.Expect(row.Locator($"a[href='/Reports/Details/{report.Id}']")).ToHaveTextAsync(expected);
        await Assertions.Expect(province.Locator("#report-timeliness")).ToHaveCountAsync(0);

        await row.Locator($"a[href='/Reports/Details/{report.Id}']").ClickAsync();
        await Assertions.Expect(province.Locator("#report-timeliness")).ToHaveTextAsync(expected);
    }

    [Fact]
    public async Task A_commune_officer_is_reminded_of_an_ad_hoc_report_due_soon()
    {
        // The reminder service makes its first pass as the site starts; wait for it rather than race it.
        for (var i = 0; i < 100 && !await site.QueryAsync(db => db.Notifications.AnyAsync(n => n.User.UserName == "xa.tanuyen")); i++)
            await Task.Delay(200);
        var page = await site.SignInAsync("xa.tanuyen");

        await page.Locator("#notifications-link").ClickAsync();

        // Tasks of the plan may be due soon too: the report's reminder is the one to follow.
        var reminder = page.Locator("ul.notifications li", new() { HasText = "Sắp đến hạn gửi báo cáo: Báo cáo đột xuất kết quả tuyên truyền, tư vấn học nghề" });
        await Assertions.Expect(reminder).ToHaveCountAsync(1);
        await reminder.Locator("a").First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Báo cáo đột xuất kết quả tuyên truyền");
    }
}
