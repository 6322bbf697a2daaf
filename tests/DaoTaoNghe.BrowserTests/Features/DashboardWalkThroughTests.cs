using System.Globalization;
using System.Text.RegularExpressions;
using DaoTaoNghe.BrowserTests.Support;

namespace DaoTaoNghe.BrowserTests.Features;

/// <summary>The dashboards as the province and a commune use them: targets, charts, drilling down, a number that moves, and a rule that stops a wrong value.</summary>
[Collection(DemoSiteCollection.Name)]
public class DashboardWalkThroughTests(DemoSite site)
{
    private static int Count(string text) => int.Parse(Regex.Match(text, @"[\d.]+").Value.Replace(".", ""), CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_province_sees_an_indicator_beside_its_target_and_drills_down_to_a_commune_and_its_records()
    {
        var page = await site.SignInAsync("sogddt");
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add(message.Text); };

        await page.GetByRole(AriaRole.Link, new() { Name = "Bảng chỉ số" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Bảng chỉ số: Tỉnh Lai Châu");
        var outreach = page.Locator("#line-outreach-events");
        await Assertions.Expect(outreach).ToContainTextAsync("Số hoạt động tuyên truyền, tư vấn học nghề đã tổ chức");
        await Assertions.Expect(outreach.Locator("td").Nth(1)).ToContainTextAsync("40");
        await Assertions.Expect(outreach.Locator("td").Nth(1)).ToContainTextAsync("Kế hoạch đào tạo nghề cho lao động nông thôn hằng năm của UBND tỉnh Lai Châu");
        // People trained are counted from the completions recorded, not typed in.
        await Assertions.Expect(page.Locator("#line-training-completed")).ToContainTextAsync("người");
        await Assertions.Expect(page.Locator("#line-training-completed")).Not.ToContainTextAsync("Nhập tay");
        // The charts are drawn by the vendored Chart.js from their JSON blocks, under the CSP, beside their tables.
        (await page.EvaluateAsync<bool>("() => !!window.Chart && !!window.Chart.getChart(document.querySelector('#chart-years canvas'))")).ShouldBeTrue();
        await Assertions.Expect(page.Locator("#chart-years-table tbody tr")).ToHaveCountAsync(3);

        await page.Locator("#place-table").GetByRole(AriaRole.Link, new() { Name = "Xã Bình Lư", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#dashboard-unit")).ToHaveTextAsync("Xã Bình Lư");
        var number = page.Locator("#line-outreach-events td").First.Locator("a");
        var shown = Count(await number.InnerTextAsync());

        await number.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Hoạt động tuyên truyền");
        page.Url.ShouldContain("xa=");
        (await page.Locator("main p.muted").First.InnerTextAsync()).ShouldStartWith($"{shown} hoạt động");
        problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_commune_officer_sees_a_new_activity_counted_at_once_and_an_impossible_value_refused_in_Vietnamese()
    {
        var page = await site.SignInAsync("xa.binhlu");
        await page.GotoAsync("/Indicators");
        var before = Count(await page.Locator("#line-outreach-events td").First.InnerTextAsync());

        await page.GotoAsync("/Outreach/Create");
        await page.GetByLabel("Ngày tổ chức").FillAsync(site.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Nội dung").FillAsync("Tư vấn học nghề cho thanh niên bản Nà Bó");
        await page.GetByLabel("Hình thức").SelectOptionAsync(new SelectOptionValue { Label = "Hội nghị, họp thôn bản" });
        await page.GetByLabel("Số người tham dự").FillAsync("35");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Đã ghi nhận hoạt động tuyên truyền.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Bảng chỉ số" }).ClickAsync();
        Count(await page.Locator("#line-outreach-events td").First.InnerTextAsync()).ShouldBe(before + 1);

        await page.GetByRole(AriaRole.Link, new() { Name = "Số liệu tổng hợp" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nhập số liệu" }).ClickAsync();
        await Assertions.Expect(page.Locator("#entry-unit")).ToHaveTextAsync("Xã Bình Lư");
        await page.GetByLabel("Số học sinh tốt nghiệp THCS, THPT ở nông thôn", new() { Exact = true }).FillAsync("50");
        await page.GetByLabel("trong đó: vào học giáo dục nghề nghiệp", new() { Exact = true }).FillAsync("80");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu số liệu" }).ClickAsync();

        await Assertions.Expect(page.Locator(".alert-error")).ToContainTextAsync(
            "Số học sinh vào học giáo dục nghề nghiệp (80) không được lớn hơn số học sinh tốt nghiệp THCS, THPT ở nông thôn (50) của cùng đơn vị, cùng năm.");
        await Assertions.Expect(page.Locator("#value-education-vet_entrants")).ToHaveValueAsync("80");
    }
}
