using System.Net;
using System.Text.RegularExpressions;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.Users;

/// <summary>Accounts on each tier: the national admin manages the ministry's accounts with national roles only; a province's admin province roles only.</summary>
public class NationalUsersTests
{
    private static Dictionary<string, string> NewUser(string userName, int organisationId, string role) => new()
    {
        ["Data.UserName"] = userName,
        ["Data.Password"] = "Bo@GDDT-2026-thu",
        ["Data.FullName"] = "Nguyễn Văn Bộ",
        ["Data.OrganisationId"] = organisationId.ToString(),
        ["Data.Role"] = role,
    };

    private static List<string> RolesOffered(string html) =>
        Regex.Match(html, "<select[^>]*name=\"Data.Role\"[^>]*>(.*?)</select>", RegexOptions.Singleline).Groups[1].Value
            is var options ? Regex.Matches(options, "value=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList() : [];

    private static Task<int> MinistryOrganisationAsync() =>
        TestData.WithDbAsync(db => db.Users.Where(u => u.UserName == NationalApp.AdminUserName).Select(u => u.OrganisationId).SingleAsync());

    [Fact]
    public async Task The_national_admin_creates_edits_and_disables_ministry_accounts_with_national_roles_only()
    {
        using var admin = await NationalApp.Instance.AdminAsync();
        var ministry = await MinistryOrganisationAsync();

        var form = await admin.GetHtmlAsync("/Users/Create");
        RolesOffered(form).ShouldBe([Roles.NationalAdmin, Roles.MinistryOfficer, Roles.NationalInspector, Roles.ProvinceReconciliation]);
        // The ministry's organisation, and the provinces' Sở for their reconciliation accounts.
        Regex.Matches(Regex.Match(form, "<select[^>]*name=\"Data.OrganisationId\"[^>]*>(.*?)</select>", RegexOptions.Singleline).Groups[1].Value,
            "value=\"(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value)).ShouldContain(ministry);

        var refused = "tinh." + TestData.Unique();
        var response = await admin.PostFormAsync("/Users/Create", NewUser(refused, ministry, Roles.ProvinceAdmin));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()).ShouldContain("Vai trò không hợp lệ: hệ thống cấp quốc gia chỉ có tài khoản cấp quốc gia.");
        (await TestData.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == refused))).ShouldBeFalse();

        // A province's organisation, as replicated into the national database, holds no national account.
        var (_, provinceOrganisation) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        var elsewhere = "noi.khac." + TestData.Unique();
        response = await admin.PostFormAsync("/Users/Create", NewUser(elsewhere, provinceOrganisation.Id, Roles.MinistryOfficer));
        TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()).ShouldContain("Tài khoản cấp quốc gia thuộc cơ quan của Bộ, không thuộc cơ quan của một tỉnh.");
        (await TestData.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == elsewhere))).ShouldBeFalse();

        var userName = "can.bo.bo." + TestData.Unique();
        (await admin.PostFormAsync("/Users/Create", NewUser(userName, ministry, Roles.MinistryOfficer))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using (var officer = await TestBrowser.SignedInAsync(NationalApp.Instance, userName, "Bo@GDDT-2026-thu"))
            (await officer.GetAsync("/Indicators/Provinces")).StatusCode.ShouldBe(HttpStatusCode.OK);
        TestBrowser.HtmlText(await admin.GetHtmlAsync("/Users")).ShouldContain(userName);

        var id = await TestData.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
        var edit = new Dictionary<string, string>
        {
            ["Data.FullName"] = "Nguyễn Văn Thanh Tra", ["Data.OrganisationId"] = ministry.ToString(),
            ["Data.Role"] = Roles.NationalInspector, ["Data.IsDisabled"] = "true",
        };
        (await admin.PostFormAsync($"/Users/Edit/{id}", edit)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.WithDbAsync(db => db.Users.Where(u => u.Id == id)
            .Select(u => new { u.FullName, u.IsDisabled, Role = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).Single() })
            .SingleAsync())).ShouldBe(new { FullName = "Nguyễn Văn Thanh Tra", IsDisabled = true, Role = (string?)Roles.NationalInspector });
        using var signIn = new TestBrowser(NationalApp.Instance);
        (await signIn.PostFormAsync("/Account/Login", new() { ["Data.UserName"] = userName, ["Data.Password"] = "Bo@GDDT-2026-thu" }))
            .StatusCode.ShouldNotBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_province_admin_is_offered_province_roles_only()
    {
        var (admin, organisation) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var browser = await TestBrowser.SignedInAsync(admin);

        RolesOffered(await browser.GetHtmlAsync("/Users/Create")).ShouldBe(Roles.All.ToList());
        var userName = "bo.o.tinh." + TestData.Unique();
        var response = await browser.PostFormAsync("/Users/Create", NewUser(userName, organisation.Id, Roles.MinistryOfficer));
        TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()).ShouldContain("Vai trò không hợp lệ: hệ thống của tỉnh chỉ có tài khoản của tỉnh.");
        (await TestData.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == userName))).ShouldBeFalse();
        // The province's accounts are not the national admin's to open.
        using var national = await NationalApp.Instance.AdminAsync();
        var id = await TestData.WithDbAsync(db => db.Users.Where(u => u.UserName == admin).Select(u => u.Id).SingleAsync());
        (await national.GetAsync($"/Users/Edit/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
