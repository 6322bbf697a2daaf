using System.Text.RegularExpressions;
using DaoTaoNghe.BrowserTests.Support;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Outreach;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.BrowserTests.Features;

/// <summary>The foundation's walk-through, as a newcomer does it after the README's run command.</summary>
[Collection(DemoSiteCollection.Name)]
public class WalkThroughTests(DemoSite site)
{
    [Fact]
    public async Task The_department_sees_the_province_map_today_and_in_2024()
    {
        var page = await site.SignInAsync("sogddt");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Tỉnh Lai Châu");
        await Assertions.Expect(page.Locator("nav.sidenav")).ToContainTextAsync("Tài khoản người dùng");

        await page.GetByRole(AriaRole.Link, new() { Name = "Bản đồ hành chính" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("main table tbody tr")).ToHaveCountAsync(38);

        await page.GetByRole(AriaRole.Link, new() { Name = "Bản đồ năm 2024" }).ClickAsync();
        await Assertions.Expect(page.Locator("main table tbody tr")).ToHaveCountAsync(106);
        var taMung = page.Locator("main table tbody tr", new() { HasText = "Xã Tà Mung" });
        await Assertions.Expect(taMung).ToContainTextAsync("Huyện Than Uyên");
        await Assertions.Expect(taMung).ToContainTextAsync("Xã Mường Kim");

        await taMung.GetByRole(AriaRole.Link, new() { Name = "Xã Mường Kim" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Hình thành từ 4 đơn vị trước 01/7/2025");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Ủy ban nhân dân xã Mường Kim");
    }

    [Fact]
    public async Task A_commune_officer_sees_only_their_commune_and_is_refused_another_commune_by_URL()
    {
        var tanUyenEvent = await site.QueryAsync(db => db.OutreachEvents
            .Where(e => e.Commune.Name == "Xã Tân Uyên" && e.Commune.ValidTo == null).Select(e => e.Id).FirstAsync());
        var page = await site.SignInAsync("xa.binhlu");

        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Xã Bình Lư");
        await Assertions.Expect(page.Locator("nav.sidenav")).Not.ToContainTextAsync("Tài khoản người dùng");

        await page.GetByRole(AriaRole.Link, new() { Name = "Hoạt động tuyên truyền" }).First.ClickAsync();
        var communes = await page.Locator("main table tbody tr td:nth-child(4)").AllInnerTextsAsync();
        communes.ShouldNotBeEmpty();
        communes.ShouldAllBe(c => c.Contains("Bình Lư") || c.Contains("Tam Đường") || c.Contains("Sơn Bình"));

        var response = await page.GotoAsync($"/Outreach/Details/{tanUyenEvent}");
        response!.Status.ShouldBe(404);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Mã lỗi 404");
        var api = await page.APIRequest.GetAsync($"/api/v1/outreach/{tanUyenEvent}");
        api.Status.ShouldBe(404);
    }

    [Fact]
    public async Task A_commune_officer_records_an_activity_in_Vietnamese_forms()
    {
        var page = await site.SignInAsync("xa.tanuyen");
        await page.GotoAsync("/Outreach/Create");

        await page.GetByLabel("Ngày tổ chức").FillAsync("2026-10-02");
        await page.GetByLabel("Nội dung").FillAsync("Tư vấn nghề chè cho bản Nà Bó");
        await page.GetByLabel("Hình thức").SelectOptionAsync(new SelectOptionValue { Label = "Hội nghị, họp thôn bản" });
        await page.GetByLabel("Số người tham dự").FillAsync("2000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-error")).ToContainTextAsync("Số người tham dự phải từ 0 đến 1.000.000.");

        await page.GetByLabel("Số người tham dự").FillAsync("64");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Đã ghi nhận hoạt động tuyên truyền.");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("02/10/2026");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Xã Tân Uyên");
    }

    [Fact]
    public async Task The_inspector_reads_who_did_what_in_the_audit_log()
    {
        var officer = await site.SignInAsync("xa.binhlu");
        await officer.GotoAsync("/Outreach?handler=Export").ContinueWith(_ => { });
        var page = await site.SignInAsync("thanhtra");

        await page.GetByRole(AriaRole.Link, new() { Name = "Nhật ký hệ thống" }).ClickAsync();
        await page.GetByLabel("Tên đăng nhập").FillAsync("xa.binhlu");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();

        await Assertions.Expect(page.Locator("main table")).ToContainTextAsync("Đăng nhập");
        await Assertions.Expect(page.Locator("main table")).ToContainTextAsync("Xuất dữ liệu");
        await Assertions.Expect(page.Locator("main table")).ToContainTextAsync(new Regex(@"\d{2}/\d{2}/\d{4} \d{2}:\d{2}"));
    }

    [Fact]
    public async Task The_first_page_weighs_under_150_KB()
    {
        var page = await site.NewPageAsync();
        long bytes = 0;
        page.RequestFinished += async (_, request) =>
        {
            var sizes = await request.SizesAsync();
            Interlocked.Add(ref bytes, sizes.ResponseBodySize + sizes.ResponseHeadersSize);
        };

        await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.NetworkIdle });

        page.Url.ShouldContain("/Account/Login");
        bytes.ShouldBeLessThan(150 * 1024);
        bytes.ShouldBeGreaterThan(0);
    }
}
