using DaoTaoNghe.BrowserTests.Support;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.BrowserTests.Features;

/// <summary>A commune officer registers a person who may already be on file, with a CCCD that disagrees with the birth year.</summary>
[Collection(DemoSiteCollection.Name)]
public class LearnerRegistrationTests(DemoSite site)
{
    [Fact]
    public async Task A_commune_officer_registers_a_learner_after_the_duplicate_and_CCCD_warnings()
    {
        var existing = await site.QueryAsync(db => db.Learners
            .Where(l => l.Commune.Name == "Xã Tân Uyên" && l.MergedIntoId == null && l.Cccd == null)
            .OrderBy(l => l.Id).Select(l => new { l.Id, l.FullName, l.BirthDate, l.Sex }).FirstAsync());
        var typed = TextSearch.Normalize(existing.FullName);
        var cccd = await UnusedCccdAsync(existing.Sex, existing.BirthDate.Year + 1);
        var page = await site.SignInAsync("xa.tanuyen");

        await page.GetByRole(AriaRole.Link, new() { Name = "Người học", Exact = true }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Đăng ký người học" }).ClickAsync();
        await page.GetByLabel("Họ và tên").FillAsync(typed);
        await page.GetByLabel("Ngày sinh").FillAsync(existing.BirthDate.ToString("yyyy-MM-dd"));
        await page.GetByLabel("Giới tính").SelectOptionAsync(new SelectOptionValue { Label = existing.Sex == Sex.Male ? "Nam" : "Nữ" });
        await page.GetByLabel("Số CCCD").FillAsync(cccd);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();

        var warning = page.Locator(".alert-warning");
        await Assertions.Expect(warning).ToContainTextAsync("Có thể đã có hồ sơ của người này");
        await Assertions.Expect(warning.GetByRole(AriaRole.Link, new() { Name = existing.FullName })).ToHaveAttributeAsync("href", $"/Learners/Details/{existing.Id}");
        await Assertions.Expect(warning).ToContainTextAsync($"Số CCCD cho biết năm sinh {existing.BirthDate.Year + 1}, khác năm sinh đã nhập ({existing.BirthDate.Year}).");
        await Assertions.Expect(page.Locator(".alert-error")).ToContainTextAsync("Có thể trùng với");
        await Assertions.Expect(page.GetByLabel("Họ và tên")).ToHaveValueAsync(typed);

        await page.GetByLabel("Tôi đã kiểm tra: số CCCD đúng dù khác giới tính hoặc năm sinh đã nhập").CheckAsync();
        await page.GetByLabel("Tôi đã kiểm tra: đây là người khác, không phải hồ sơ đã có").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();

        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Đã đăng ký người học.");
        await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync(typed);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(cccd);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Khác giới tính/năm sinh – đã xác nhận");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Có thể trùng với hồ sơ khác");
    }

    private async Task<string> UnusedCccdAsync(Sex sex, int birthYear)
    {
        var random = new Random();
        while (true)
        {
            var number = $"012{(birthYear / 100 - 19) * 2 + (sex == Sex.Female ? 1 : 0)}{birthYear % 100:00}{random.Next(1_000_000):000000}";
            if (!await site.QueryAsync(db => db.Learners.AnyAsync(l => l.Cccd == number))) return number;
        }
    }
}
