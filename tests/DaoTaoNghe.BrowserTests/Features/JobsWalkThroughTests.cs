using DaoTaoNghe.BrowserTests.Support;

namespace DaoTaoNghe.BrowserTests.Features;

/// <summary>The public jobs site on a phone: a person finds a vacancy without typing diacritics and registers interest; the enterprise sees the lead.</summary>
[Collection(DemoSiteCollection.Name)]
public class JobsWalkThroughTests(DemoSite site)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task A_person_on_a_phone_finds_a_vacancy_without_diacritics_registers_interest_and_the_enterprise_sees_the_lead()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        var enterprise = await site.SignInAsync("dn.chetanuyen");
        await enterprise.GotoAsync("/Jobs/Vacancies/Create");
        await enterprise.GetByLabel("Vị trí tuyển dụng").FillAsync($"Công nhân sao chè búp {marker}");
        await enterprise.GetByLabel("Nghề").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await enterprise.GetByLabel("Số lượng cần tuyển").FillAsync("8");
        await enterprise.GetByLabel("Lương từ (đồng/tháng)").FillAsync("6.000.000");
        await enterprise.GetByLabel("Nơi làm việc (xã, phường)").SelectOptionAsync(new SelectOptionValue { Label = "Xã Tân Uyên" });
        await enterprise.GetByLabel("Hạn nộp hồ sơ").FillAsync("2099-12-31");
        await enterprise.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(enterprise.Locator(".alert-success")).ToContainTextAsync("Đã đăng tin tuyển dụng.");

        var phone = await site.NewPageAsync(Phone);
        await phone.GotoAsync("/viec-lam");
        await phone.GetByLabel("Tìm việc, nghề, nơi làm (không cần dấu)").FillAsync($"sao che bup {marker}");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Tìm" }).ClickAsync();
        await phone.GetByRole(AriaRole.Link, new() { Name = $"Công nhân sao chè búp {marker}" }).ClickAsync();
        await Assertions.Expect(phone.Locator("main")).ToContainTextAsync("Hợp tác xã Chè Tân Uyên");
        await phone.GetByLabel("Họ và tên").FillAsync("Lò Thị Hoa");
        await phone.GetByLabel("Số điện thoại").FillAsync("0912 77 88 99");
        await phone.GetByLabel("Xã, phường nơi ở").SelectOptionAsync(new SelectOptionValue { Label = "Xã Tân Uyên" });
        await phone.GetByRole(AriaRole.Button, new() { Name = "Gửi đăng ký" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".alert-error")).ToContainTextAsync("Đồng ý: vui lòng đánh dấu đồng ý");
        await phone.GetByLabel("Tôi đồng ý với nội dung trên").CheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Gửi đăng ký" }).ClickAsync();
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync("Đã gửi đăng ký");

        await enterprise.GotoAsync("/");
        // From the menu: the home page also links the new leads, under a longer name.
        await enterprise.Locator("nav.sidenav a[href='/Jobs/Leads']").ClickAsync();
        var lead = enterprise.Locator("main table tbody tr", new() { HasText = marker });
        await Assertions.Expect(lead).ToContainTextAsync("Lò Thị Hoa");
        await Assertions.Expect(lead).ToContainTextAsync("0912778899");
    }

    [Fact]
    public async Task The_public_jobs_page_weighs_under_100_KB_on_first_load()
    {
        var page = await site.NewPageAsync(Phone);
        long bytes = 0;
        page.RequestFinished += async (_, request) =>
        {
            var sizes = await request.SizesAsync();
            Interlocked.Add(ref bytes, sizes.ResponseBodySize + sizes.ResponseHeadersSize);
        };

        await page.GotoAsync("/viec-lam", new() { WaitUntil = WaitUntilState.NetworkIdle });

        page.Url.ShouldEndWith("/viec-lam");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Việc làm và học nghề");
        bytes.ShouldBeLessThan(100 * 1024);
        bytes.ShouldBeGreaterThan(0);
    }
}
