using System.Net;
using System.Net.Http.Json;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Outreach;
using DaoTaoNghe.Tests.Support;

namespace DaoTaoNghe.Tests.Infrastructure;

/// <summary>
/// Every role tries to read and change a record of commune A, by page and by API id. Only the
/// commune itself and the province's admin may change it; province-wide roles may read it;
/// everyone else is told it does not exist (404) or that they may not (403).
/// </summary>
public class CrossScopeTests
{
    public enum Where { CommuneA, CommuneB, Province, OtherProvince }

    public static TheoryData<string, Where, bool, bool> Matrix => new()
    {
        { Roles.CommuneOfficer, Where.CommuneA, true, true },
        { Roles.CommuneOfficer, Where.CommuneB, false, false },
        { Roles.ProvinceAdmin, Where.Province, true, true },
        { Roles.ProvinceAdmin, Where.OtherProvince, false, false },
        { Roles.DepartmentOfficer, Where.Province, true, false },
        { Roles.Inspector, Where.Province, true, false },
        { Roles.InstitutionStaff, Where.CommuneA, false, false },
        { Roles.Enterprise, Where.CommuneA, false, false },
        { Roles.EmploymentCentre, Where.Province, false, false },
        { Roles.SocialPolicyBank, Where.Province, false, false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task A_commune_record_is_read_and_changed_only_within_scope(string role, Where where, bool mayRead, bool mayWrite)
    {
        var communeA = await TestData.CommuneAsync("Xã Bình Lư");
        var (owner, _) = await TestData.ActorAsync(Roles.CommuneOfficer, communeA);
        using var ownerBrowser = await TestBrowser.SignedInAsync(owner);
        var title = "Bản ghi của xã A " + TestData.Unique();
        var id = await OutreachTests.CreateAsync(ownerBrowser, communeA.Id, title);

        var unit = where switch
        {
            Where.CommuneA => communeA,
            Where.CommuneB => await TestData.CommuneAsync("Xã Tân Uyên"),
            Where.Province => await TestData.ProvinceAsync(),
            _ => await TestData.ProvinceAsync("11"),
        };
        var (user, _) = await TestData.ActorAsync(role, unit);
        using var browser = await TestBrowser.SignedInAsync(user);

        var readPage = await browser.GetAsync($"/Outreach/Details/{id}");
        var readApi = await browser.GetAsync($"/api/v1/outreach/{id}");
        var list = TestBrowser.HtmlText(await (await browser.GetAsync("/Outreach?q=" + title.Split(' ').Last())).Content.ReadAsStringAsync());
        var writeApi = await browser.Http.PutAsJsonAsync($"/api/v1/outreach/{id}", new
        {
            communeId = communeA.Id, heldOn = "2026-03-05", title = "Đã bị sửa", channel = "Meeting", participants = 1,
        });
        var deleteApi = await browser.Http.DeleteAsync($"/api/v1/outreach/{id}");

        readPage.StatusCode.ShouldBe(mayRead ? HttpStatusCode.OK : HttpStatusCode.NotFound);
        readApi.StatusCode.ShouldBe(mayRead ? HttpStatusCode.OK : HttpStatusCode.NotFound);
        if (mayRead) list.ShouldContain(title);
        else list.ShouldNotContain(title);
        if (mayWrite)
        {
            writeApi.StatusCode.ShouldBe(HttpStatusCode.NoContent);
            deleteApi.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }
        else
        {
            writeApi.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
            deleteApi.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
            var editPage = await browser.GetAsync($"/Outreach/Edit/{id}");
            editPage.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
            TestBrowser.HtmlText(await ownerBrowser.GetHtmlAsync($"/Outreach/Details/{id}")).ShouldContain(title);
        }
    }

    [Theory]
    [InlineData(Roles.DepartmentOfficer)]
    [InlineData(Roles.CommuneOfficer)]
    [InlineData(Roles.InstitutionStaff)]
    [InlineData(Roles.Enterprise)]
    [InlineData(Roles.EmploymentCentre)]
    [InlineData(Roles.SocialPolicyBank)]
    [InlineData(Roles.Inspector)]
    public async Task Administration_is_refused_to_everyone_but_the_province_admin(string role)
    {
        var (user, organisation) = await TestData.ActorAsync(role, role == Roles.CommuneOfficer ? await TestData.CommuneAsync("Xã Bình Lư") : await TestData.ProvinceAsync());
        using var browser = await TestBrowser.SignedInAsync(user);

        foreach (var url in new[] { "/Users", "/Users/Create", "/Organisations/Create", $"/Organisations/Edit/{organisation.Id}", "/Map/ImportMapping" })
            (await browser.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, url);
        (await browser.PostJsonAsync("/api/v1/organisations", new { name = "X", kind = "Enterprise", unitId = organisation.UnitId }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.GetAsync("/Audit")).StatusCode.ShouldBe(role == Roles.Inspector ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
        (await browser.GetAsync("/api/v1/audit")).StatusCode.ShouldBe(role == Roles.Inspector ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_province_admin_cannot_touch_another_province()
    {
        var (admin, _) = await TestData.ActorAsync(Roles.ProvinceAdmin, await TestData.ProvinceAsync("11"));
        var laiChauOrganisation = await TestData.OrganisationAsync(DaoTaoNghe.Features.Organisations.OrganisationKind.Enterprise, await TestData.CommuneAsync("Xã Tân Uyên"));
        using var browser = await TestBrowser.SignedInAsync(admin);

        (await browser.GetAsync($"/Organisations/Details/{laiChauOrganisation.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetAsync($"/Organisations/Edit/{laiChauOrganisation.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.Http.PutAsJsonAsync($"/api/v1/organisations/{laiChauOrganisation.Id}", new
        {
            name = "Chiếm quyền", kind = "Enterprise", unitId = laiChauOrganisation.UnitId, isActive = true,
        })).StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.BadRequest);
        (await TestData.WithDbAsync(db => db.Organisations.FindAsync(laiChauOrganisation.Id).AsTask()))!.Name.ShouldBe(laiChauOrganisation.Name);
    }
}
