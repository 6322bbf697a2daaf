using DaoTaoNghe.BrowserTests.Support;
using DaoTaoNghe.Infrastructure.Auth;

namespace DaoTaoNghe.BrowserTests.Features;

/// <summary>
/// A ministry officer on the national tier (<see cref="DemoSite.NationalUrl"/>: the national app over the demo province's
/// records; on this SQLite run there is no replication, FederationTests cover that on PostgreSQL) goes from the comparison of
/// the provinces down to one person's record, reading only.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public class NationalWalkThroughTests(DemoSite site)
{
    [Fact]
    public async Task A_ministry_officer_goes_from_the_national_comparison_to_a_province_a_commune_and_a_record()
    {
        var officer = await site.NationalAccountAsync(Roles.MinistryOfficer);
        var page = await site.SignInAsync(officer, baseUrl: site.NationalUrl());
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add(message.Text); };

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Hệ thống cấp quốc gia");
        await page.Locator("#national-pages").GetByRole(AriaRole.Link, new() { Name = "So sánh các tỉnh" }).ClickAsync();
        await page.GetByLabel("Chỉ số").SelectOptionAsync("learners.registered");
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem" }).ClickAsync();
        await Assertions.Expect(page.Locator("#compared-indicator")).ToHaveTextAsync("Số người học được đăng ký mới");
        // Every province has its row; those that have sent nothing say so.
        await Assertions.Expect(page.Locator("#province-table tbody tr")).ToHaveCountAsync(34);
        await Assertions.Expect(page.Locator("#province-table tbody").GetByText("chưa có dữ liệu").First).ToBeVisibleAsync();

        var laiChau = page.Locator("#province-table tbody tr", new() { HasText = "Lai Châu" });
        await laiChau.Locator("td.num a").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Bảng chỉ số: Tỉnh Lai Châu");

        await page.Locator("#place-table").GetByRole(AriaRole.Link, new() { Name = "Xã Bình Lư", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#dashboard-unit")).ToHaveTextAsync("Xã Bình Lư");
        await page.Locator("#line-learners-registered td").First.Locator("a").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Người học");
        // Read-only: nothing to register or change on the national tier.
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Đăng ký người học" })).ToHaveCountAsync(0);

        await page.Locator("table tbody tr td a[href^='/Learners/Details/']").First.ClickAsync();
        await Assertions.Expect(page.Locator(".breadcrumb")).ToContainTextAsync("Hồ sơ");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sửa", Exact = true })).ToHaveCountAsync(0);
        problems.ShouldBeEmpty();
    }
}
