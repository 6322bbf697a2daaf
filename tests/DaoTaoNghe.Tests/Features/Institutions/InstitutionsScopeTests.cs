using System.Net;
using System.Net.Http.Json;
using DaoTaoNghe.Features.Institutions;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Registries;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.Institutions;

/// <summary>The licence register is the province admin's: the institution itself and every other role only read it.</summary>
public class InstitutionsScopeTests
{
    [Theory]
    [InlineData(Roles.InstitutionStaff, true)]
    [InlineData(Roles.InstitutionStaff, false)]
    [InlineData(Roles.DepartmentOfficer, false)]
    [InlineData(Roles.Inspector, false)]
    [InlineData(Roles.CommuneOfficer, false)]
    [InlineData(Roles.Enterprise, false)]
    public async Task Only_the_province_admin_changes_an_institutions_register_entry(string role, bool ownInstitution)
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (user, organisation) = await TestData.ActorAsync(role, role is Roles.DepartmentOfficer or Roles.Inspector ? await TestData.ProvinceAsync() : commune);
        var institution = ownInstitution ? organisation : await RegistryData.ActiveInstitutionAsync();
        await RegistryData.InstitutionProfileAsync(institution);
        using var browser = await TestBrowser.SignedInAsync(user);

        (await browser.GetAsync($"/Institutions/Details/{institution.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync($"/Institutions/Edit/{institution.Id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.GetAsync($"/Institutions/Licences/{institution.Id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.Http.PutAsJsonAsync($"/api/v1/institutions/{institution.Id}", new
        {
            name = "Đã bị sửa", unitId = commune.Id, type = "College", isActive = true,
        })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.Http.PostAsync($"/api/v1/institutions/{institution.Id}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.PostJsonAsync("/api/v1/institutions", new { name = "Mới", unitId = commune.Id, type = "College" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var after = await TestData.WithDbAsync(db => db.InstitutionProfiles.AsNoTracking().SingleAsync(p => p.OrganisationId == institution.Id));
        after.Type.ShouldBe(InstitutionType.VocationalContinuingCentre);
        (await TestData.WithDbAsync(db => db.Organisations.FindAsync(institution.Id).AsTask()))!.Name.ShouldBe(institution.Name);
    }

    [Fact]
    public async Task Another_provinces_admin_finds_nothing()
    {
        var institution = await RegistryData.ActiveInstitutionAsync();
        var (admin, _) = await TestData.ActorAsync(Roles.ProvinceAdmin, await TestData.ProvinceAsync("11"));
        using var browser = await TestBrowser.SignedInAsync(admin);

        (await browser.GetAsync($"/Institutions/Details/{institution.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetAsync($"/Institutions/Edit/{institution.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetAsync($"/Institutions/Licences/{institution.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetAsync($"/api/v1/institutions/{institution.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.Http.PostAsync($"/api/v1/institutions/{institution.Id}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        TestBrowser.HtmlText(await browser.GetHtmlAsync("/Institutions?q=" + Uri.EscapeDataString(institution.Name))).ShouldNotContain(institution.Name);
        (await TestData.WithDbAsync(db => db.Organisations.FindAsync(institution.Id).AsTask()))!.IsActive.ShouldBeTrue();
    }
}
