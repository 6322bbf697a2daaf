using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Outreach;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.Audit;

public class AuditTests
{
    [Fact]
    public async Task An_inspector_sees_who_changed_viewed_and_exported_what()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var officerBrowser = await TestBrowser.SignedInAsync(officer);
        var id = await OutreachTests.CreateAsync(officerBrowser, commune.Id, "Nhật ký " + TestData.Unique());
        await Xlsx.DownloadAsync(officerBrowser, "/Outreach?handler=Export");
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var adminBrowser = await TestBrowser.SignedInAsync(admin);
        var officerId = await TestData.WithDbAsync(db => db.Users.Where(u => u.UserName == officer).Select(u => u.Id).SingleAsync());
        await adminBrowser.GetHtmlAsync($"/Users/Edit/{officerId}");

        var (inspector, _) = await TestData.ProvinceActorAsync(Roles.Inspector);
        using var browser = await TestBrowser.SignedInAsync(inspector);
        var changes = TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Audit?nguoi-dung={officer}"));
        var views = TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Audit?nguoi-dung={admin}&thao-tac=View"));

        changes.ShouldContain($"Thêm mới OutreachEvent {id}");
        changes.ShouldContain("Xuất dữ liệu Hoạt động tuyên truyền");
        changes.ShouldContain("Đăng nhập");
        views.ShouldContain($"Xem tài khoản {officer}");
        var rows = await Xlsx.DownloadAsync(browser, $"/Audit?handler=Export&nguoi-dung={officer}");
        rows.Skip(2).ShouldContain(r => r[2] == "Thêm mới" && r[3] == "OutreachEvent" && r[4] == id.ToString());
    }

    [Fact]
    public async Task Another_province_trail_is_not_shown()
    {
        var (dienBienAdmin, _) = await TestData.ActorAsync(Roles.ProvinceAdmin, await TestData.ProvinceAsync("11"));
        using (await TestBrowser.SignedInAsync(dienBienAdmin)) { }
        var (inspector, _) = await TestData.ProvinceActorAsync(Roles.Inspector);
        using var browser = await TestBrowser.SignedInAsync(inspector);

        var page = TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Audit?nguoi-dung={dienBienAdmin}"));

        page.ShouldContain("0 bản ghi");
        (await TestData.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.UserName == dienBienAdmin && a.Action == AuditAction.SignIn))).ShouldBeTrue();
    }
}
