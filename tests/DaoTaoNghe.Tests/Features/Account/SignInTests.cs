using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.Account;

public class SignInTests
{
    private static Dictionary<string, string> Credentials(string user, string password) =>
        new() { ["Data.UserName"] = user, ["Data.Password"] = password };

    [Fact]
    public async Task A_wrong_password_is_refused_in_Vietnamese_and_recorded()
    {
        var (user, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        using var browser = new TestBrowser(TestApp.Instance);

        var response = await browser.PostFormAsync("/Account/Login", Credentials(user, "Sai@12345"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()).ShouldContain("Tên đăng nhập hoặc mật khẩu không đúng.");
        (await TestData.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.UserName == user && a.Action == AuditAction.SignInFailed))).ShouldBeTrue();
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var (user, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        using var browser = new TestBrowser(TestApp.Instance);
        for (var i = 0; i < 5; i++) await browser.PostFormAsync("/Account/Login", Credentials(user, "Sai@12345"));

        var response = await browser.PostFormAsync("/Account/Login", Credentials(user, TestApp.Password));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()).ShouldContain("tạm thời bị khóa 15 phút");
    }

    [Fact]
    public async Task A_lockout_lasts_fifteen_minutes_of_the_apps_clock()
    {
        var (user, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var adminBrowser = await TestBrowser.SignedInAsync(admin);
        var lockedAt = TestData.Clock.GetUtcNow();
        using var browser = new TestBrowser(TestApp.Instance);
        for (var i = 0; i < 5; i++) await browser.PostFormAsync("/Account/Login", Credentials(user, "Sai@12345"));
        var id = await TestData.WithDbAsync(db => db.Users.Where(u => u.UserName == user).Select(u => u.Id).SingleAsync());

        TestBrowser.HtmlText(await adminBrowser.GetHtmlAsync($"/Users/Edit/{id}")).ShouldContain("Đang tạm khóa do nhập sai mật khẩu");
        using (TestData.Clock.At(lockedAt.AddMinutes(14)))
            TestBrowser.HtmlText(await (await browser.PostFormAsync("/Account/Login", Credentials(user, TestApp.Password))).Content.ReadAsStringAsync())
                .ShouldContain("tạm thời bị khóa 15 phút");
        using (TestData.Clock.At(lockedAt.AddMinutes(16)))
        {
            TestBrowser.HtmlText(await adminBrowser.GetHtmlAsync($"/Users/Edit/{id}")).ShouldNotContain("Đang tạm khóa");
            (await browser.PostFormAsync("/Account/Login", Credentials(user, TestApp.Password))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in()
    {
        var (user, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        await TestData.WithDbAsync(db => db.Users.Where(u => u.UserName == user).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, true)));
        using var browser = new TestBrowser(TestApp.Instance);

        var response = await browser.PostFormAsync("/Account/Login", Credentials(user, TestApp.Password));

        TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()).ShouldContain("Tài khoản đã bị vô hiệu hóa");
    }

    [Fact]
    public async Task Pages_send_strangers_to_sign_in_and_the_API_answers_401_in_Vietnamese()
    {
        using var browser = new TestBrowser(TestApp.Instance);

        var page = await browser.GetAsync("/Outreach");
        var api = await browser.GetAsync("/api/v1/outreach");

        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/Account/Login");
        api.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("title").GetString().ShouldBe("Chưa đăng nhập");
    }

    [Fact]
    public async Task Signing_in_returns_to_the_page_asked_for_but_never_to_another_site()
    {
        var (user, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        using var browser = new TestBrowser(TestApp.Instance);

        var local = await browser.PostFormAsync("/Account/Login?ReturnUrl=%2FOrganisations", Credentials(user, TestApp.Password));
        using var other = new TestBrowser(TestApp.Instance);
        var foreign = await other.PostFormAsync("/Account/Login?ReturnUrl=https%3A%2F%2Fevil.example", Credentials(user, TestApp.Password));

        local.Headers.Location!.ToString().ShouldBe("/Organisations");
        foreign.Headers.Location!.ToString().ShouldBe("/");
    }

    [Fact]
    public async Task An_API_key_acts_as_its_user_until_revoked()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (user, organisation) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(user);
        var created = await browser.PostFormAsync("/Account/ApiKeys", new()
        {
            ["Name"] = "Phần mềm của xã", ["Scope"] = "ReadWrite", ["ExpiresOn"] = TestData.Clock.Today.AddYears(1).ToString("yyyy-MM-dd"),
        });
        var secret = Regex.Match(await created.Content.ReadAsStringAsync(), "<code id=\"new-secret\">([^<]+)</code>").Groups[1].Value;
        secret.ShouldStartWith("dtn_");

        using var machine = TestApp.Instance.CreateClient();
        machine.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var me = await machine.GetFromJsonAsync<JsonElement>("/api/v1/me");
        me.GetProperty("userName").GetString().ShouldBe(user);
        me.GetProperty("organisationId").GetInt32().ShouldBe(organisation.Id);
        me.GetProperty("communeId").GetInt32().ShouldBe(commune.Id);

        var keyId = await TestData.WithDbAsync(db => db.ApiKeys.Where(k => k.User.UserName == user).Select(k => k.Id).SingleAsync());
        await browser.PostFormAsync("/Account/ApiKeys", [], $"/Account/ApiKeys?handler=Revoke&id={keyId}");
        (await machine.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_made_up_API_key_is_refused()
    {
        using var machine = TestApp.Instance.CreateClient();
        machine.DefaultRequestHeaders.Add("X-Api-Key", "dtn_khong-ton-tai");

        (await machine.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
