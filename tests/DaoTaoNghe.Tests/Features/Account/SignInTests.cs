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
    public async Task An_unknown_name_and_a_wrong_password_get_the_same_answer()
    {
        var (user, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        using var known = From("10.18.0.1");
        using var unknown = From("10.18.0.2");
        var nobodyName = "khong.co." + TestData.Unique();

        var wrong = await known.PostFormAsync("/Account/Login", Credentials(user, "Sai@12345"));
        var nobody = await unknown.PostFormAsync("/Account/Login", Credentials(nobodyName, "Sai@12345"));

        wrong.StatusCode.ShouldBe(nobody.StatusCode);
        Message(await wrong.Content.ReadAsStringAsync()).ShouldBe("Tên đăng nhập hoặc mật khẩu không đúng.");
        Message(await nobody.Content.ReadAsStringAsync()).ShouldBe("Tên đăng nhập hoặc mật khẩu không đúng.");
        for (var i = 0; i < 6; i++)
        {
            await known.PostFormAsync("/Account/Login", Credentials(user, "Sai@12345"));
            await unknown.PostFormAsync("/Account/Login", Credentials(nobodyName, "Sai@12345"));
        }
        Message(await (await known.PostFormAsync("/Account/Login", Credentials(user, "Sai@12345"))).Content.ReadAsStringAsync())
            .ShouldBe(Message(await (await unknown.PostFormAsync("/Account/Login", Credentials(nobodyName, "Sai@12345"))).Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Twenty_wrong_passwords_from_one_address_do_not_lock_the_owner_out_from_another_and_an_admin_clears_them()
    {
        var (user, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var adminBrowser = await TestBrowser.SignedInAsync(admin);
        using var attacker = From("10.18.1.1");
        for (var i = 0; i < 20; i++) await attacker.PostFormAsync("/Account/Login", Credentials(user, "Sai@12345"));
        var id = await TestData.WithDbAsync(db => db.Users.Where(u => u.UserName == user).Select(u => u.Id).SingleAsync());

        var attackerWithTheRightOne = await attacker.PostFormAsync("/Account/Login", Credentials(user, TestApp.Password));
        using var owner = From("10.18.1.2");
        var ownersSignIn = await owner.PostFormAsync("/Account/Login", Credentials(user, TestApp.Password));

        attackerWithTheRightOne.StatusCode.ShouldBe(HttpStatusCode.OK);
        Message(await attackerWithTheRightOne.Content.ReadAsStringAsync()).ShouldStartWith("Đã nhập sai nhiều lần từ máy này. Vui lòng đợi ");
        ownersSignIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        TestBrowser.HtmlText(await adminBrowser.GetHtmlAsync($"/Users/Edit/{id}")).ShouldContain("Đang tạm khóa do nhập sai mật khẩu");
        (await adminBrowser.PostFormAsync($"/Users/Edit/{id}", [], $"/Users/Edit/{id}?handler=Unlock")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        TestBrowser.HtmlText(await adminBrowser.GetHtmlAsync($"/Users/Edit/{id}")).ShouldNotContain("Đang tạm khóa");
        (await attacker.PostFormAsync("/Account/Login", Credentials(user, TestApp.Password))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Signing_out_by_GET_goes_home_instead_of_failing()
    {
        var (user, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        using var browser = await TestBrowser.SignedInAsync(user);

        var response = await browser.GetAsync("/Account/Logout");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/");
    }

    private static TestBrowser From(string address)
    {
        var browser = new TestBrowser(TestApp.Instance);
        browser.Http.DefaultRequestHeaders.Add(TestApp.ClientAddressHeader, address);
        return browser;
    }

    private static string Message(string html) =>
        Regex.Match(TestBrowser.HtmlText(html), "(Tên đăng nhập hoặc mật khẩu không đúng\\.|Đã nhập sai nhiều lần[^.]*\\.[^.]*\\.)").Value;

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
