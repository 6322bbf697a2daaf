using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DaoTaoNghe.Features.Users;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoTaoNghe.Tests.Features.Account;

/// <summary>An API key is a security boundary: its scope, its expiry and its user's state decide what it may do.</summary>
public partial class ApiKeyTests
{
    private static async Task<(TestBrowser Browser, HttpResponseMessage Answer)> CreateKeyAsync(string user, string scope, DateOnly? expiresOn = null)
    {
        var browser = await TestBrowser.SignedInAsync(user);
        var answer = await browser.PostFormAsync("/Account/ApiKeys", new()
        {
            ["Name"] = "Phần mềm " + TestData.Unique(), ["Scope"] = scope,
            ["ExpiresOn"] = (expiresOn ?? TestData.Clock.Today.AddYears(1)).ToString("yyyy-MM-dd"),
        });
        return (browser, answer);
    }

    private static async Task<HttpClient> MachineAsync(string user, string scope, DateOnly? expiresOn = null, string address = "203.0.113.7")
    {
        var (browser, answer) = await CreateKeyAsync(user, scope, expiresOn);
        browser.Dispose();
        var secret = NewSecret().Match(await answer.Content.ReadAsStringAsync()).Groups[1].Value;
        secret.ShouldStartWith(ApiKey.Prefix);
        var client = TestApp.Instance.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        client.DefaultRequestHeaders.Add(TestApp.ClientAddressHeader, address);
        return client;
    }

    private static Task<ApiKey> KeyOfAsync(string user) =>
        TestData.WithDbAsync(db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.User.UserName == user));

    /// <summary>The province admin disables or enables the account on its page, as they do.</summary>
    private static async Task SetDisabledAsync(string userName, int organisationId, bool disabled)
    {
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var id = await TestData.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
        using var browser = await TestBrowser.SignedInAsync(admin);
        var saved = await browser.PostFormAsync($"/Users/Edit/{id}", new()
        {
            ["Data.FullName"] = "Cán bộ sở", ["Data.OrganisationId"] = organisationId.ToString(),
            ["Data.Role"] = Roles.DepartmentOfficer, ["Data.IsDisabled"] = disabled ? "true" : "false",
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_key_stops_while_its_user_is_locked_out_and_works_again_after()
    {
        var (user, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        using var machine = await MachineAsync(user, "ReadOnly");
        (await machine.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using (var scope = TestApp.Instance.SystemScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByNameAsync(user))!, TestData.Clock.GetUtcNow().AddMinutes(15));
        }
        (await machine.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using (TestData.Clock.At(TestData.Clock.GetUtcNow().AddMinutes(16)))
            (await machine.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Disabling_a_user_revokes_the_keys_and_enabling_again_does_not_bring_them_back()
    {
        var (user, organisation) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        using var machine = await MachineAsync(user, "ReadWrite");
        (await machine.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await SetDisabledAsync(user, organisation.Id, disabled: true);
        (await machine.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await KeyOfAsync(user)).RevokedAt.ShouldNotBeNull();

        await SetDisabledAsync(user, organisation.Id, disabled: false);
        (await machine.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_inspector_holds_read_only_keys_only_and_a_read_only_key_cannot_write()
    {
        var (inspector, _) = await TestData.ProvinceActorAsync(Roles.Inspector);

        var (browser, refused) = await CreateKeyAsync(inspector, "ReadWrite");
        browser.Dispose();
        TestBrowser.HtmlText(await refused.Content.ReadAsStringAsync()).ShouldContain("chỉ tạo được khóa chỉ đọc");
        (await TestData.WithDbAsync(db => db.ApiKeys.CountAsync(k => k.User.UserName == inspector))).ShouldBe(0);

        using var machine = await MachineAsync(inspector, "ReadOnly");
        (await machine.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var write = await machine.PostAsJsonAsync("/api/v1/outreach", new { });
        write.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await write.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain("chỉ được đọc");
    }

    [Fact]
    public async Task A_read_only_key_of_a_writer_reads_but_does_not_write()
    {
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var reader = await MachineAsync(admin, "ReadOnly");

        (await reader.GetAsync("/api/v1/outreach")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reader.PostAsJsonAsync("/api/v1/outreach", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_key_stops_at_the_end_of_its_last_day_and_cannot_be_made_for_longer_than_two_years()
    {
        var (user, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        var (browser, refused) = await CreateKeyAsync(user, "ReadOnly", TestData.Clock.Today.AddYears(3));
        browser.Dispose();
        TestBrowser.HtmlText(await refused.Content.ReadAsStringAsync()).ShouldContain("tối đa 2 năm");

        var lastDay = TestData.Clock.Today.AddDays(3);
        using var machine = await MachineAsync(user, "ReadOnly", lastDay);
        using (TestData.Clock.At(lastDay, new TimeOnly(23, 50)))
            (await machine.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using (TestData.Clock.At(lastDay.AddDays(1), new TimeOnly(0, 10)))
            (await machine.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_keys_first_and_last_use_and_their_addresses_are_kept()
    {
        var (user, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        using var machine = await MachineAsync(user, "ReadOnly", address: "203.0.113.10");
        (await machine.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        machine.DefaultRequestHeaders.Remove(TestApp.ClientAddressHeader);
        machine.DefaultRequestHeaders.Add(TestApp.ClientAddressHeader, "198.51.100.20");
        (await machine.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var key = await KeyOfAsync(user);
        key.FirstUsedFrom.ShouldBe("203.0.113.10");
        key.LastUsedFrom.ShouldBe("198.51.100.20");
        key.FirstUsedAt.ShouldNotBeNull();
        key.LastUsedAt!.Value.ShouldBeGreaterThanOrEqualTo(key.FirstUsedAt!.Value);
    }

    [GeneratedRegex("<code id=\"new-secret\">([^<]+)</code>")]
    private static partial Regex NewSecret();
}
