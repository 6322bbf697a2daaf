using System.Net;
using System.Net.Http.Json;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Registries;
using DaoTaoNghe.Tests.Support;

namespace DaoTaoNghe.Tests.Features.Occupations;

/// <summary>Only the province admin keeps the catalogue; other roles read it; another province does not even see it.</summary>
public class OccupationsScopeTests
{
    [Theory]
    [InlineData(Roles.DepartmentOfficer)]
    [InlineData(Roles.Inspector)]
    [InlineData(Roles.CommuneOfficer)]
    [InlineData(Roles.InstitutionStaff)]
    [InlineData(Roles.Enterprise)]
    [InlineData(Roles.EmploymentCentre)]
    public async Task Roles_other_than_the_admin_read_but_cannot_change_the_catalogue(string role)
    {
        var occupation = await RegistryData.OccupationAsync();
        var (user, _) = await TestData.ActorAsync(role, role == Roles.CommuneOfficer ? await TestData.CommuneAsync("Xã Bình Lư") : await TestData.ProvinceAsync());
        using var browser = await TestBrowser.SignedInAsync(user);

        (await browser.GetAsync($"/Occupations/Details/{occupation.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync($"/Occupations/Edit/{occupation.Id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.GetAsync("/Occupations/Import")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.Http.PutAsJsonAsync($"/api/v1/occupations/{occupation.Id}", new { code = occupation.Code, name = "Đã bị sửa", origin = "Local", field = "Agriculture", isActive = true }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.Http.PostAsync($"/api/v1/occupations/{occupation.Id}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.PostJsonAsync("/api/v1/occupations", new { code = "X1", name = "Mới", origin = "Local", field = "Agriculture" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await TestData.WithDbAsync(db => db.Occupations.FindAsync(occupation.Id).AsTask()))!.Name.ShouldBe(occupation.Name);
    }

    [Fact]
    public async Task Another_provinces_admin_finds_nothing()
    {
        var occupation = await RegistryData.OccupationAsync();
        var (admin, _) = await TestData.ActorAsync(Roles.ProvinceAdmin, await TestData.ProvinceAsync("11"));
        using var browser = await TestBrowser.SignedInAsync(admin);

        (await browser.GetAsync($"/Occupations/Details/{occupation.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetAsync($"/Occupations/Edit/{occupation.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetAsync($"/api/v1/occupations/{occupation.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.Http.PutAsJsonAsync($"/api/v1/occupations/{occupation.Id}", new { code = occupation.Code, name = "Đã bị sửa", origin = "Local", field = "Agriculture", isActive = true }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.Http.PostAsync($"/api/v1/occupations/{occupation.Id}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        TestBrowser.HtmlText(await browser.GetHtmlAsync("/Occupations?q=" + occupation.Code)).ShouldNotContain(occupation.Name);
        (await TestData.WithDbAsync(db => db.Occupations.FindAsync(occupation.Id).AsTask()))!.IsActive.ShouldBeTrue();
    }
}
