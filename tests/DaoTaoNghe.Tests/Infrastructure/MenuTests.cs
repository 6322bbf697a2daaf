using System.Security.Claims;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Web;
using DaoTaoNghe.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DaoTaoNghe.Tests.Infrastructure;

/// <summary>The menu states no permission of its own: an entry names a page and shows to whoever the page lets in.</summary>
public class MenuTests
{
    private static readonly Menu Menu = TestApp.Instance.Services.GetRequiredService<Menu>();

    private static ClaimsPrincipal UserIn(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Role, role), new Claim(ClaimTypes.Name, "menu.test")], "test"));

    [Fact]
    public void Every_entry_opens_a_page()
    {
        Menu.Sections.SelectMany(s => s.Items).Where(i => Menu.PageOf(i.Url) is null).Select(i => i.Url).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Roles.InstitutionStaff, true)]
    [InlineData(Roles.ProvinceAdmin, true)]
    [InlineData(Roles.CommuneOfficer, true)]
    [InlineData(Roles.Enterprise, false)]
    [InlineData(Roles.SocialPolicyBank, false)]
    public void An_entry_shows_exactly_to_the_holders_of_its_pages_permission(string role, bool sees)
    {
        var shown = Menu.For(UserIn(role)).SelectMany(s => s.Items).Any(i => i.Url == "/Courses");

        shown.ShouldBe(sees);
        shown.ShouldBe(Policies.Allows(CoursePolicies.Read, role));
    }

    [Fact]
    public void Public_pages_show_to_everyone_and_administration_only_to_the_province_admin()
    {
        foreach (var role in Roles.All)
        {
            var urls = Menu.For(UserIn(role)).SelectMany(s => s.Items).Select(i => i.Url).ToList();
            urls.ShouldContain("/viec-lam", role);
            urls.Contains("/Users").ShouldBe(role == Roles.ProvinceAdmin, role);
        }
    }
}
