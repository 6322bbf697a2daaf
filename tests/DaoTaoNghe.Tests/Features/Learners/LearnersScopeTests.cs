using System.Net;
using System.Net.Http.Json;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using static DaoTaoNghe.Tests.Features.Learners.LearnerTestData;

namespace DaoTaoNghe.Tests.Features.Learners;

/// <summary>
/// Every role tries to read and change a learner of commune A by page and by API. The commune's
/// officers and the province admin read and write; department officers, inspectors and the
/// employment centre read the province's learners; institutions (until enrolments exist) and
/// other communes see nothing (404); enterprises and the bank are refused the area (403).
/// </summary>
public class LearnersScopeTests
{
    public enum Where { CommuneA, CommuneB, Province, OtherProvince }

    public enum Outcome { ReadWrite, ReadOnly, NotFound, Refused }

    public static TheoryData<string, Where, Outcome> Matrix => new()
    {
        { Roles.CommuneOfficer, Where.CommuneA, Outcome.ReadWrite },
        { Roles.CommuneOfficer, Where.CommuneB, Outcome.NotFound },
        { Roles.ProvinceAdmin, Where.Province, Outcome.ReadWrite },
        { Roles.ProvinceAdmin, Where.OtherProvince, Outcome.NotFound },
        { Roles.DepartmentOfficer, Where.Province, Outcome.ReadOnly },
        { Roles.DepartmentOfficer, Where.OtherProvince, Outcome.NotFound },
        { Roles.Inspector, Where.Province, Outcome.ReadOnly },
        { Roles.EmploymentCentre, Where.Province, Outcome.ReadOnly },
        { Roles.EmploymentCentre, Where.OtherProvince, Outcome.NotFound },
        { Roles.InstitutionStaff, Where.CommuneA, Outcome.NotFound },
        { Roles.Enterprise, Where.CommuneA, Outcome.Refused },
        { Roles.SocialPolicyBank, Where.Province, Outcome.Refused },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task A_learner_is_read_and_changed_only_within_scope(string role, Where where, Outcome outcome)
    {
        var communeA = await TestData.CommuneAsync("Xã Bình Lư");
        var (owner, _) = await TestData.ActorAsync(Roles.CommuneOfficer, communeA);
        using var ownerBrowser = await TestBrowser.SignedInAsync(owner);
        var name = Name();
        var id = await CreateAsync(ownerBrowser, Form(communeA.Id, name));
        var before = await LoadAsync(id);

        var unit = where switch
        {
            Where.CommuneA => communeA,
            Where.CommuneB => await TestData.CommuneAsync("Xã Tân Uyên"),
            Where.Province => await TestData.ProvinceAsync(),
            _ => await TestData.ProvinceAsync("11"),
        };
        var (user, _) = await TestData.ActorAsync(role, unit);
        using var browser = await TestBrowser.SignedInAsync(user);

        var readPage = await browser.GetAsync($"/Learners/Details/{id}");
        var readApi = await browser.GetAsync($"/api/v1/learners/{id}");
        var list = await browser.GetAsync("/Learners?q=" + Uri.EscapeDataString(name));
        var listApi = await browser.GetAsync("/api/v1/learners?q=" + Uri.EscapeDataString(name));
        var editPage = await browser.GetAsync($"/Learners/Edit/{id}");
        var writeApi = await browser.Http.PutAsJsonAsync($"/api/v1/learners/{id}", new
        {
            fullName = Name("Đã Sửa"), birthDate = "1995-04-12", sex = "Female", communeId = communeA.Id,
        });
        var consentApi = await browser.PostJsonAsync($"/api/v1/learners/{id}/consents", new { purpose = "Khác", givenOn = "2025-01-01", method = "SignedForm" });
        var householdApi = await browser.Http.PutAsJsonAsync($"/api/v1/learners/{id}/households/2025", new { status = "Poor" });

        var readable = outcome is Outcome.ReadWrite or Outcome.ReadOnly;
        var expectedRead = readable ? HttpStatusCode.OK : outcome == Outcome.Refused ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound;
        readPage.StatusCode.ShouldBe(expectedRead);
        readApi.StatusCode.ShouldBe(expectedRead);
        list.StatusCode.ShouldBe(outcome == Outcome.Refused ? HttpStatusCode.Forbidden : HttpStatusCode.OK);
        listApi.StatusCode.ShouldBe(outcome == Outcome.Refused ? HttpStatusCode.Forbidden : HttpStatusCode.OK);
        if (outcome != Outcome.Refused)
        {
            var html = TestBrowser.HtmlText(await list.Content.ReadAsStringAsync());
            if (readable) html.ShouldContain(name);
            else html.ShouldNotContain(name);
            (await listApi.Content.ReadAsStringAsync()).Contains(name).ShouldBe(readable);
        }

        if (outcome == Outcome.ReadWrite)
        {
            editPage.StatusCode.ShouldBe(HttpStatusCode.OK);
            writeApi.StatusCode.ShouldBe(HttpStatusCode.NoContent, await writeApi.Content.ReadAsStringAsync());
            consentApi.StatusCode.ShouldBe(HttpStatusCode.Created);
            householdApi.StatusCode.ShouldBe(HttpStatusCode.NoContent);
            return;
        }
        var refusedOrMissing = new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound };
        editPage.StatusCode.ShouldBeOneOf(refusedOrMissing);
        writeApi.StatusCode.ShouldBeOneOf(refusedOrMissing);
        consentApi.StatusCode.ShouldBeOneOf(refusedOrMissing);
        householdApi.StatusCode.ShouldBeOneOf(refusedOrMissing);
        var after = await LoadAsync(id);
        after.FullName.ShouldBe(before.FullName);
        after.Consents.Count.ShouldBe(before.Consents.Count);
        after.Households.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_commune_officer_registers_only_residents_of_their_commune_and_cannot_move_one_out()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var tanUyen = await TestData.CommuneAsync("Xã Tân Uyên");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, binhLu);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var name = Name();

        var page = await browser.PostFormAsync("/Learners/Create", Form(tanUyen.Id, name));
        var api = await browser.PostJsonAsync("/api/v1/learners", new { fullName = name, birthDate = "1995-04-12", sex = "Female", communeId = tanUyen.Id });
        var id = await CreateAsync(browser, Form(binhLu.Id, Name()));
        var move = await browser.Http.PutAsJsonAsync($"/api/v1/learners/{id}", new { fullName = name, birthDate = "1995-04-12", sex = "Female", communeId = tanUyen.Id });

        TestBrowser.HtmlText(await page.Content.ReadAsStringAsync()).ShouldContain("Xã, phường đã chọn không còn hiệu lực hoặc nằm ngoài phạm vi của bạn.");
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        move.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await LoadAsync(id)).CommuneId.ShouldBe(binhLu.Id);
        (await TestData.WithDbAsync(db => Task.FromResult(db.Learners.Any(l => l.FullName == name)))).ShouldBeFalse();
    }

    [Fact]
    public async Task Residents_of_pre_2025_communes_are_registered_on_todays_commune_only()
    {
        var muongKim = await TestData.CommuneAsync("Xã Mường Kim");
        var taMung = await TestData.OldCommuneAsync("Xã Tà Mung");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, muongKim);
        using var browser = await TestBrowser.SignedInAsync(officer);

        var old = await browser.PostFormAsync("/Learners/Create", Form(taMung.Id, Name()));

        TestBrowser.HtmlText(await old.Content.ReadAsStringAsync()).ShouldContain("Xã, phường đã chọn không còn hiệu lực hoặc nằm ngoài phạm vi của bạn.");
    }

    [Fact]
    public async Task Merging_needs_both_records_in_scope()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var tanUyen = await TestData.CommuneAsync("Xã Tân Uyên");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, binhLu);
        var (otherOfficer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, tanUyen);
        using var browser = await TestBrowser.SignedInAsync(officer);
        using var other = await TestBrowser.SignedInAsync(otherOfficer);
        var name = Name();
        var mine = await CreateAsync(browser, Form(binhLu.Id, name));
        var theirs = await CreateAsync(other, Form(tanUyen.Id, name));

        var response = await browser.PostJsonAsync($"/api/v1/learners/{mine}/merge", new { survivorId = theirs, confirmed = true });
        var page = await browser.GetAsync($"/Learners/Merge?id={mine}&vao={theirs}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await LoadAsync(mine)).MergedIntoId.ShouldBeNull();
    }

    [Theory]
    [InlineData(Roles.DepartmentOfficer)]
    [InlineData(Roles.Inspector)]
    [InlineData(Roles.EmploymentCentre)]
    [InlineData(Roles.InstitutionStaff)]
    public async Task Read_only_roles_cannot_open_the_entry_pages(string role)
    {
        var (user, _) = await TestData.ProvinceActorAsync(role);
        using var browser = await TestBrowser.SignedInAsync(user);

        foreach (var url in new[] { "/Learners/Create", "/Learners/Duplicates" })
            (await browser.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, url);
        (await browser.PostJsonAsync("/api/v1/learners", new { fullName = "Lò Văn A" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.PostJsonAsync("/api/v1/learners/check", new { cccd = "012090001234" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
