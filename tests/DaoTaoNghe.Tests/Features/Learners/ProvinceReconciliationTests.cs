using System.Net;
using System.Text.Json;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.Learners;

/// <summary>
/// A province's system on the national tier (docs/federation.md): the national admin makes a reconciliation account in
/// the province's Sở, and it reads the shared-person cases of its own province, through their list and the change feed,
/// and nothing else. The cases themselves arrive on real replication (FederationTests).
/// </summary>
public class ProvinceReconciliationTests
{
    private const string Password = "Doi@Soat-2026-thu";

    private static Dictionary<string, string> NewUser(string userName, int organisationId) => new()
    {
        ["Data.UserName"] = userName,
        ["Data.Password"] = Password,
        ["Data.FullName"] = "Hệ thống Sở GD&ĐT tỉnh",
        ["Data.OrganisationId"] = organisationId.ToString(),
        ["Data.Role"] = Roles.ProvinceReconciliation,
    };

    [Fact]
    public async Task The_national_admin_binds_a_reconciliation_account_to_a_provinces_department_and_it_reads_only_that_provinces_cases()
    {
        using var admin = await NationalApp.Instance.AdminAsync();
        var ministry = await TestData.WithDbAsync(db => db.Users.Where(u => u.UserName == NationalApp.AdminUserName).Select(u => u.OrganisationId).SingleAsync());
        var department = await TestData.OrganisationAsync(OrganisationKind.Department, await TestData.ProvinceAsync());

        // Not in the ministry's organisation: the account's organisation is what binds it to its province.
        var refused = "doisoat." + TestData.Unique();
        var answer = await admin.PostFormAsync("/Users/Create", NewUser(refused, ministry));
        TestBrowser.HtmlText(await answer.Content.ReadAsStringAsync()).ShouldContain("Tài khoản đối soát của tỉnh phải thuộc Sở GD&ĐT (hoặc UBND) của tỉnh đó");
        (await TestData.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == refused))).ShouldBeFalse();

        var userName = "doisoat." + TestData.Unique();
        (await admin.PostFormAsync("/Users/Create", NewUser(userName, department.Id))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var account = await TestBrowser.SignedInAsync(NationalApp.Instance, userName, Password);

        // Its province's cases, and their changes in the feed; nothing of any other kind.
        var cases = JsonDocument.Parse(await account.Http.GetStringAsync("/api/v1/shared-person-cases?pageSize=200")).RootElement;
        cases.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("provinceCode").GetString()).Distinct().ShouldBeSubsetOf(["12"]);
        (await account.GetAsync("/api/v1/shared-person-cases?tinh=11")).StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonDocument.Parse(await account.Http.GetStringAsync("/api/v1/shared-person-cases?tinh=11")).RootElement.GetProperty("total").GetInt32().ShouldBe(0);
        var feed = JsonDocument.Parse(await account.Http.GetStringAsync("/api/v1/changes?pageSize=200")).RootElement;
        feed.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("type").GetString()).Distinct().ShouldBeSubsetOf(["shared-persons"]);
        (await account.GetAsync("/api/v1/shared-person-cases/" + ScopeNoSuchCase)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        foreach (var url in new[] { "/api/v1/learners", "/api/v1/learners/shared-persons", "/api/v1/courses", "/api/v1/indicators/values?ma=learners.registered", "/api/v1/audit" })
            ((int)(await account.GetAsync(url)).StatusCode).ShouldBeOneOf([403, 404], url);
        foreach (var url in new[] { "/Learners", "/Indicators/Provinces", "/Indicators", "/Federation", "/Users", "/Courses" })
        {
            var page = await account.GetAsync(url);
            (page.StatusCode == HttpStatusCode.Forbidden || page.Headers.Location?.OriginalString.Contains("AccessDenied", StringComparison.OrdinalIgnoreCase) == true)
                .ShouldBeTrue($"{url}: {page.StatusCode} {page.Headers.Location}");
        }

        // The account's key (a province's system signs in with it) reads the same and no more.
        var secret = await NationalApp.Instance.ReadOnlyKeyAsync(account);
        using var machine = NationalApp.Instance.CreateClient();
        machine.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        (await machine.GetAsync("/api/v1/shared-person-cases")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await machine.GetAsync("/api/v1/learners")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Province_accounts_and_the_province_instance_have_no_cases()
    {
        var (userName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var provinceAdmin = await TestBrowser.SignedInAsync(userName);
        (await provinceAdmin.GetAsync("/api/v1/shared-person-cases")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var feed = JsonDocument.Parse(await provinceAdmin.Http.GetStringAsync("/api/v1/changes?type=shared-persons")).RootElement;
        feed.GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    private const int ScopeNoSuchCase = 129_900_050;
}
