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

    [Fact]
    public void Each_roles_daily_menu_holds_at_most_twelve_pages_that_exist()
    {
        foreach (var (role, desk) in Menu.Desks)
        {
            var urls = desk.SelectMany(s => s.Items).Select(i => i.Url).ToList();
            urls.Count.ShouldBeLessThanOrEqualTo(Menu.DailyLimit, role);
            urls.Distinct().Count().ShouldBe(urls.Count, role);
            urls.Where(u => Menu.PageOf(u) is null).ShouldBeEmpty(role);
        }
    }

    [Theory]
    [InlineData(Roles.CommuneOfficer)]
    [InlineData(Roles.InstitutionStaff)]
    [InlineData(Roles.ProvinceAdmin)]
    [InlineData(Roles.Enterprise)]
    public void The_daily_menu_comes_first_and_every_other_page_the_person_may_open_is_under_Khac(string role)
    {
        var user = UserIn(role);
        var desk = Menu.DeskFor(user);
        var all = Menu.For(user).SelectMany(s => s.Items).Select(i => i.Url).Order().ToList();

        desk.Daily.SelectMany(s => s.Items).Count().ShouldBeLessThanOrEqualTo(Menu.DailyLimit);
        desk.Daily.SelectMany(s => s.Items).Select(i => i.Url).Concat(desk.Other.Select(i => i.Url)).Order().ToList().ShouldBe(all);
        desk.Other.ShouldNotBeEmpty();
    }

    [Fact]
    public void The_commune_officers_daily_menu_starts_with_the_home_page_and_keeps_api_keys_under_Khac()
    {
        var desk = Menu.DeskFor(UserIn(Roles.CommuneOfficer));

        desk.Daily[0].Items[0].Url.ShouldBe("/");
        desk.Daily.SelectMany(s => s.Items).Select(i => i.Url).ShouldContain("/FollowUps");
        desk.Other.Select(i => i.Url).ShouldContain("/Account/ApiKeys");
    }
}
