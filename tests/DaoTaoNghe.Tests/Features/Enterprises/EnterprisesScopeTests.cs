using System.Net;
using System.Net.Http.Json;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Registries;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.Enterprises;

/// <summary>An enterprise keeps only its own profile; the province admin keeps all; everyone else reads.</summary>
public class EnterprisesScopeTests
{
    [Theory]
    [InlineData(Roles.Enterprise)]
    [InlineData(Roles.InstitutionStaff)]
    [InlineData(Roles.CommuneOfficer)]
    [InlineData(Roles.DepartmentOfficer)]
    [InlineData(Roles.Inspector)]
    [InlineData(Roles.EmploymentCentre)]
    public async Task Nobody_but_the_enterprise_and_the_admin_changes_its_profile(string role)
    {
        var commune = await TestData.CommuneAsync("Xã Tân Uyên");
        var (_, enterprise) = await TestData.ActorAsync(Roles.Enterprise, commune);
        var taxCode = await RegistryData.EnterpriseProfileAsync(enterprise);
        var (user, _) = await TestData.ActorAsync(role, role is Roles.DepartmentOfficer or Roles.Inspector or Roles.EmploymentCentre
            ? await TestData.ProvinceAsync() : await TestData.CommuneAsync("Xã Bình Lư"));
        using var browser = await TestBrowser.SignedInAsync(user);

        (await browser.GetAsync($"/Enterprises/Details/{enterprise.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync($"/Enterprises/Edit/{enterprise.Id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.Http.PutAsJsonAsync($"/api/v1/enterprises/{enterprise.Id}", new
        {
            name = "Đã bị sửa", unitId = commune.Id, taxCode = RegistryData.NewTaxCode(), form = "Cooperative", sector = "Agriculture", size = "Micro", isActive = true,
        })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.Http.PostAsync($"/api/v1/enterprises/{enterprise.Id}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await TestData.WithDbAsync(db => db.Organisations.FindAsync(enterprise.Id).AsTask()))!.Name.ShouldBe(enterprise.Name);
        (await TestData.WithDbAsync(db => db.EnterpriseProfiles.AsNoTracking().SingleAsync(p => p.OrganisationId == enterprise.Id))).TaxCode.ShouldBe(taxCode);
    }

    [Fact]
    public async Task An_enterprise_cannot_stop_itself_or_register_others()
    {
        var commune = await TestData.CommuneAsync("Xã Tân Uyên");
        var (user, enterprise) = await TestData.ActorAsync(Roles.Enterprise, commune);
        using var browser = await TestBrowser.SignedInAsync(user);

        (await browser.Http.PostAsync($"/api/v1/enterprises/{enterprise.Id}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.PostJsonAsync("/api/v1/enterprises", new
        {
            name = "Doanh nghiệp khác", unitId = commune.Id, taxCode = RegistryData.NewTaxCode(), form = "Cooperative", sector = "Agriculture", size = "Micro",
        })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.GetAsync("/Enterprises/Create")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_provinces_admin_finds_nothing()
    {
        var (_, enterprise) = await TestData.ActorAsync(Roles.Enterprise, await TestData.CommuneAsync("Xã Tân Uyên"));
        var taxCode = await RegistryData.EnterpriseProfileAsync(enterprise);
        var (admin, _) = await TestData.ActorAsync(Roles.ProvinceAdmin, await TestData.ProvinceAsync("11"));
        using var browser = await TestBrowser.SignedInAsync(admin);

        (await browser.GetAsync($"/Enterprises/Details/{enterprise.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetAsync($"/Enterprises/Edit/{enterprise.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetAsync($"/api/v1/enterprises/{enterprise.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.Http.PostAsync($"/api/v1/enterprises/{enterprise.Id}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        TestBrowser.HtmlText(await browser.GetHtmlAsync("/Enterprises?q=" + taxCode)).ShouldNotContain(enterprise.Name);
    }
}
