using System.Net;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.Users;

public class UsersTests
{
    private static Dictionary<string, string> NewUser(string userName, int organisationId, string role, string password = "Xa@1234567") => new()
    {
        ["Data.UserName"] = userName,
        ["Data.Password"] = password,
        ["Data.FullName"] = "Lò Thị Thu",
        ["Data.OrganisationId"] = organisationId.ToString(),
        ["Data.Role"] = role,
    };

    [Fact]
    public async Task The_province_admin_creates_a_commune_officer_who_can_then_sign_in()
    {
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var commune = await TestData.OrganisationAsync(OrganisationKind.CommuneGovernment, await TestData.CommuneAsync("Xã Pa Tần"));
        using var browser = await TestBrowser.SignedInAsync(admin);
        var userName = "xa.patan." + TestData.Unique();

        var response = await browser.PostFormAsync("/Users/Create", NewUser(userName, commune.Id, Roles.CommuneOfficer));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var officer = await TestBrowser.SignedInAsync(userName, "Xa@1234567");
        TestBrowser.HtmlText(await officer.GetHtmlAsync("/")).ShouldContain("Xã Pa Tần");
    }

    [Fact]
    public async Task A_role_that_does_not_fit_the_organisation_is_refused_with_a_reason()
    {
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var commune = await TestData.OrganisationAsync(OrganisationKind.CommuneGovernment, await TestData.CommuneAsync("Xã Pa Tần"));
        using var browser = await TestBrowser.SignedInAsync(admin);
        var userName = "sai.vaitro." + TestData.Unique();

        var response = await browser.PostFormAsync("/Users/Create", NewUser(userName, commune.Id, Roles.InstitutionStaff));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()).ShouldContain("Vai trò \"Cán bộ cơ sở đào tạo\" không dùng cho loại đơn vị \"UBND xã, phường\"");
        (await TestData.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == userName))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_weak_password_is_refused_naming_the_rule()
    {
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var commune = await TestData.OrganisationAsync(OrganisationKind.CommuneGovernment, await TestData.CommuneAsync("Xã Pa Tần"));
        using var browser = await TestBrowser.SignedInAsync(admin);
        var userName = "yeu." + TestData.Unique();

        var response = await browser.PostFormAsync("/Users/Create", NewUser(userName, commune.Id, Roles.CommuneOfficer, password: "abc"));

        var page = TestBrowser.HtmlText(await response.Content.ReadAsStringAsync());
        page.ShouldContain("Mật khẩu phải có ít nhất 10 ký tự.");
        page.ShouldContain("Mật khẩu phải có ít nhất một chữ hoa (A-Z).");
        (await TestData.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == userName))).ShouldBeFalse();
    }

    [Theory]
    [InlineData("Matkhau@123")]
    [InlineData("DaoTaoNghe@2026")]
    [InlineData("Password123")]
    public async Task A_common_password_or_the_demo_one_is_refused_outside_Development(string password)
    {
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var commune = await TestData.OrganisationAsync(OrganisationKind.CommuneGovernment, await TestData.CommuneAsync("Xã Pa Tần"));
        using var browser = await TestBrowser.SignedInAsync(admin);
        var userName = "pho.bien." + TestData.Unique();

        var response = await browser.PostFormAsync("/Users/Create", NewUser(userName, commune.Id, Roles.CommuneOfficer, password));

        TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()).ShouldContain("Mật khẩu này quá phổ biến (nằm trong danh sách mật khẩu hay bị dò đầu tiên).");
        (await TestData.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == userName))).ShouldBeFalse();
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_sign_in_and_a_reset_password_works()
    {
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var (user, organisation) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        var id = await TestData.WithDbAsync(db => db.Users.Where(u => u.UserName == user).Select(u => u.Id).SingleAsync());
        using var browser = await TestBrowser.SignedInAsync(admin);
        var fields = new Dictionary<string, string>
        {
            ["Data.FullName"] = "Cán bộ sở", ["Data.OrganisationId"] = organisation.Id.ToString(),
            ["Data.Role"] = Roles.DepartmentOfficer, ["Data.IsDisabled"] = "true",
        };

        (await browser.PostFormAsync($"/Users/Edit/{id}", fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await Should.ThrowAsync<InvalidOperationException>(() => TestBrowser.SignedInAsync(user));

        fields["Data.IsDisabled"] = "false";
        await browser.PostFormAsync($"/Users/Edit/{id}", fields);
        await browser.PostFormAsync($"/Users/Edit/{id}", new() { ["newPassword"] = "MoiMoi@2026" }, $"/Users/Edit/{id}?handler=ResetPassword");
        using var again = await TestBrowser.SignedInAsync(user, "MoiMoi@2026");
    }

    [Fact]
    public async Task Account_pages_are_for_the_province_admin_of_the_same_province_only()
    {
        var (officer, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        var dienBienAdmin = (await TestData.ActorAsync(Roles.ProvinceAdmin, await TestData.ProvinceAsync("11"))).UserName;
        var laiChauUserId = await TestData.WithDbAsync(db => db.Users.Where(u => u.UserName == officer).Select(u => u.Id).SingleAsync());

        using var department = await TestBrowser.SignedInAsync(officer);
        (await department.GetAsync("/Users")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await department.GetAsync("/Users/Create")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var otherProvince = await TestBrowser.SignedInAsync(dienBienAdmin);
        (await otherProvince.GetAsync($"/Users/Edit/{laiChauUserId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_account_list_exports_to_xlsx()
    {
        var (admin, organisation) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var browser = await TestBrowser.SignedInAsync(admin);

        var rows = await Xlsx.DownloadAsync(browser, $"/Users?handler=Export&don-vi={organisation.Id}");

        rows[1].ShouldContain("Tên đăng nhập");
        rows.Skip(2).ShouldContain(r => r[0] == admin && r[4] == "Quản trị cấp tỉnh (Sở GD&ĐT)");
    }
}
