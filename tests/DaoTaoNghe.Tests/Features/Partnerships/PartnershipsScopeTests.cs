using System.Net;
using System.Net.Http.Json;
using DaoTaoNghe.Features.Partnerships;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Registries;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.Partnerships;

/// <summary>An agreement is read by its two parties and province-wide roles, and changed only by its enterprise and the admin.</summary>
public class PartnershipsScopeTests
{
    private static async Task<(Partnership Partnership, DaoTaoNghe.Features.Organisations.Organisation Institution)> AgreementAsync()
    {
        var commune = await TestData.CommuneAsync("Xã Tân Uyên");
        var enterprise = await TestData.OrganisationAsync(DaoTaoNghe.Features.Organisations.OrganisationKind.Enterprise, commune);
        var institution = await RegistryData.ActiveInstitutionAsync("Xã Tân Uyên");
        var occupation = await RegistryData.OccupationAsync();
        return (await RegistryData.PartnershipAsync(enterprise.Id, institution.Id, occupation.Id, new(2025, 1, 1)), institution);
    }

    private static object Body(Partnership p) => new
    {
        institutionId = p.InstitutionId, occupationId = p.OccupationId, startsOn = "2025-01-01", practicePlaces = 99, isActive = true,
    };

    private static async Task ShouldBeUnchangedAsync(Partnership partnership)
    {
        var after = await TestData.WithDbAsync(db => db.Partnerships.AsNoTracking().SingleAsync(p => p.Id == partnership.Id));
        (after.PracticePlaces, after.IsActive).ShouldBe((5, true));
    }

    [Theory]
    [InlineData(Roles.Enterprise, HttpStatusCode.NotFound)]
    [InlineData(Roles.InstitutionStaff, HttpStatusCode.NotFound)]
    [InlineData(Roles.CommuneOfficer, HttpStatusCode.Forbidden)]
    [InlineData(Roles.EmploymentCentre, HttpStatusCode.Forbidden)]
    public async Task Someone_who_is_not_a_party_does_not_see_the_agreement(string role, HttpStatusCode expected)
    {
        var (partnership, _) = await AgreementAsync();
        var (user, _) = await TestData.ActorAsync(role, await TestData.CommuneAsync("Xã Bình Lư"));
        using var browser = await TestBrowser.SignedInAsync(user);

        (await browser.GetAsync($"/Partnerships/Details/{partnership.Id}")).StatusCode.ShouldBe(expected);
        (await browser.GetAsync($"/api/v1/partnerships/{partnership.Id}")).StatusCode.ShouldBe(expected);
        // Roles that never write agreements are turned away before the record is looked up.
        (await browser.Http.PutAsJsonAsync($"/api/v1/partnerships/{partnership.Id}", Body(partnership))).StatusCode.ShouldBeOneOf(expected, HttpStatusCode.Forbidden);
        (await browser.Http.PostAsync($"/api/v1/partnerships/{partnership.Id}/deactivate", null)).StatusCode.ShouldBeOneOf(expected, HttpStatusCode.Forbidden);
        if (role == Roles.Enterprise)
            (await browser.GetAsync($"/Partnerships/Edit/{partnership.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await ShouldBeUnchangedAsync(partnership);
    }

    [Theory]
    [InlineData("institution")]
    [InlineData(Roles.DepartmentOfficer)]
    [InlineData(Roles.Inspector)]
    public async Task The_institution_party_and_province_wide_readers_cannot_change_it(string who)
    {
        var (partnership, institution) = await AgreementAsync();
        var user = who == "institution"
            ? await TestData.UserAsync(Roles.InstitutionStaff, institution)
            : (await TestData.ProvinceActorAsync(who)).UserName;
        using var browser = await TestBrowser.SignedInAsync(user);

        (await browser.GetAsync($"/Partnerships/Details/{partnership.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync($"/Partnerships/Edit/{partnership.Id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.Http.PutAsJsonAsync($"/api/v1/partnerships/{partnership.Id}", Body(partnership))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.Http.PostAsync($"/api/v1/partnerships/{partnership.Id}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await ShouldBeUnchangedAsync(partnership);
    }

    [Fact]
    public async Task An_enterprise_cannot_sign_for_another_enterprise()
    {
        var (partnership, _) = await AgreementAsync();
        var (user, _) = await TestData.ActorAsync(Roles.Enterprise, await TestData.CommuneAsync("Xã Bình Lư"));
        using var browser = await TestBrowser.SignedInAsync(user);

        var response = await browser.PostJsonAsync("/api/v1/partnerships", new
        {
            enterpriseId = partnership.EnterpriseId, institutionId = partnership.InstitutionId, occupationId = partnership.OccupationId,
            startsOn = "2025-01-01", practicePlaces = 3,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await TestData.WithDbAsync(db => db.Partnerships.CountAsync(p => p.EnterpriseId == partnership.EnterpriseId))).ShouldBe(1);
    }

    [Fact]
    public async Task Another_provinces_admin_finds_nothing()
    {
        var (partnership, _) = await AgreementAsync();
        var (admin, _) = await TestData.ActorAsync(Roles.ProvinceAdmin, await TestData.ProvinceAsync("11"));
        using var browser = await TestBrowser.SignedInAsync(admin);

        (await browser.GetAsync($"/Partnerships/Details/{partnership.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetAsync($"/Partnerships/Edit/{partnership.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.Http.PutAsJsonAsync($"/api/v1/partnerships/{partnership.Id}", Body(partnership))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await ShouldBeUnchangedAsync(partnership);
    }
}
