using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Registries;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.Courses.TrainingTestData;

namespace DaoTaoNghe.Tests.Features.TrainingNeeds;

public class TrainingNeedsTests
{
    private static Dictionary<string, string> CountForm(int communeId, int occupationId, string count = "25", string year = "2027", string surveyedOn = "2026-10-15") => new()
    {
        ["Data.CommuneId"] = communeId.ToString(), ["Data.Count"] = count, ["Data.OccupationId"] = occupationId.ToString(), ["Data.Year"] = year,
        ["Data.PreferredTime"] = "OffSeason", ["Data.SurveyedOn"] = surveyedOn,
    };

    [Fact]
    public async Task A_commune_records_needs_per_person_and_as_counts_and_sees_the_total_by_occupation()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, binhLu);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var occupation = await RegistryData.OccupationAsync("Chăn nuôi dê " + TestData.Unique());
        var learner = await LearnerAsync(binhLu.Id);

        var counted = await browser.PostFormAsync("/TrainingNeeds/Create", CountForm(binhLu.Id, occupation.Id));
        var person = await browser.PostFormAsync($"/TrainingNeeds/Create?nguoi-hoc={learner.Id}", new()
        {
            ["Data.LearnerId"] = learner.Id.ToString(), ["Data.OccupationId"] = occupation.Id.ToString(), ["Data.Year"] = "2027",
            ["Data.PreferredTime"] = "Quarter1", ["Data.SurveyedOn"] = "2026-10-15",
        }, "/TrainingNeeds/Create");
        var again = TestBrowser.HtmlText(await (await browser.PostFormAsync("/TrainingNeeds/Create", CountForm(binhLu.Id, occupation.Id, "3"))).Content.ReadAsStringAsync());
        var tooFar = TestBrowser.HtmlText(await (await browser.PostFormAsync("/TrainingNeeds/Create", CountForm(binhLu.Id, occupation.Id, year: "2030"))).Content.ReadAsStringAsync());

        counted.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestBrowser.HtmlText(await counted.Content.ReadAsStringAsync()));
        person.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestBrowser.HtmlText(await person.Content.ReadAsStringAsync()));
        again.ShouldContain("Xã, phường đã có số liệu nhu cầu học nghề này năm 2027");
        tooFar.ShouldContain("Năm muốn học phải là năm khảo sát hoặc một, hai năm sau đó.");
        var list = await browser.Http.GetFromJsonAsync<JsonElement>($"/api/v1/training-needs?nghe={occupation.Id}");
        list.GetProperty("people").GetInt64().ShouldBe(26);
        list.GetProperty("byOccupation")[0].GetProperty("people").GetInt64().ShouldBe(26);
        var page = TestBrowser.HtmlText(await browser.GetHtmlAsync($"/TrainingNeeds?nghe={occupation.Id}"));
        page.ShouldContain(learner.FullName);
        page.ShouldContain("26 người có nhu cầu học nghề");
        var rows = await Xlsx.DownloadAsync(browser, $"/TrainingNeeds?handler=Export&nghe={occupation.Id}");
        rows.Count.ShouldBe(4);
        (await TestData.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditAction.Export && a.UserName == officer).SingleAsync()))
            .ContainsPersonalData.ShouldBeTrue();
    }

    [Fact]
    public async Task A_2024_survey_sits_on_the_commune_of_the_time_and_counts_toward_todays_commune()
    {
        var muongKim = await TestData.CommuneAsync("Xã Mường Kim");
        var taMung = await TestData.OldCommuneAsync("Xã Tà Mung");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, muongKim);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var occupation = await RegistryData.OccupationAsync();

        var old = await browser.PostFormAsync("/TrainingNeeds/Create", CountForm(taMung.Id, occupation.Id, "40", "2024", "2024-03-10"));
        var wrongDate = TestBrowser.HtmlText(await (await browser.PostFormAsync("/TrainingNeeds/Create", CountForm(taMung.Id, occupation.Id, "5", "2026", "2026-03-10")))
            .Content.ReadAsStringAsync());

        old.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestBrowser.HtmlText(await old.Content.ReadAsStringAsync()));
        wrongDate.ShouldContain("không có hiệu lực vào ngày khảo sát 10/03/2026");
        var page = TestBrowser.HtmlText(await browser.GetHtmlAsync($"/TrainingNeeds?xa={muongKim.Id}&nghe={occupation.Id}"));
        page.ShouldContain("40 người có nhu cầu học nghề");
        page.ShouldContain("(nay thuộc Xã Mường Kim)");
    }

    [Fact]
    public async Task Needs_are_read_and_changed_only_within_their_commune()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var (owner, _) = await TestData.ActorAsync(Roles.CommuneOfficer, binhLu);
        using var ownerBrowser = await TestBrowser.SignedInAsync(owner);
        var occupation = await RegistryData.OccupationAsync();
        (await ownerBrowser.PostFormAsync("/TrainingNeeds/Create", CountForm(binhLu.Id, occupation.Id))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = await TestData.WithDbAsync(db => db.TrainingNeeds.Where(n => n.OccupationId == occupation.Id).Select(n => n.Id).SingleAsync());
        var body = new { communeId = binhLu.Id, count = 999, occupationId = occupation.Id, year = 2027, surveyedOn = "2026-10-15" };

        foreach (var (role, unit, read, write) in new (string, string?, HttpStatusCode, HttpStatusCode[])[]
                 {
                     (Roles.CommuneOfficer, "Xã Tân Uyên", HttpStatusCode.NotFound, [HttpStatusCode.NotFound]),
                     (Roles.DepartmentOfficer, null, HttpStatusCode.OK, [HttpStatusCode.Forbidden]),
                     (Roles.Inspector, null, HttpStatusCode.OK, [HttpStatusCode.Forbidden]),
                     (Roles.InstitutionStaff, "Xã Bình Lư", HttpStatusCode.Forbidden, [HttpStatusCode.Forbidden]),
                     (Roles.Enterprise, "Xã Bình Lư", HttpStatusCode.Forbidden, [HttpStatusCode.Forbidden]),
                 })
        {
            var actor = unit is null ? await TestData.ProvinceActorAsync(role) : await TestData.ActorAsync(role, await TestData.CommuneAsync(unit));
            using var browser = await TestBrowser.SignedInAsync(actor.UserName);
            (await browser.GetAsync($"/api/v1/training-needs/{id}")).StatusCode.ShouldBe(read, role);
            (await browser.Http.PutAsJsonAsync($"/api/v1/training-needs/{id}", body)).StatusCode.ShouldBeOneOf(write);
            (await browser.Http.DeleteAsync($"/api/v1/training-needs/{id}")).StatusCode.ShouldBeOneOf(write);
            (await browser.GetAsync($"/TrainingNeeds/Edit/{id}")).StatusCode.ShouldBeOneOf([HttpStatusCode.Forbidden, HttpStatusCode.NotFound]);
        }
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var adminBrowser = await TestBrowser.SignedInAsync(admin);
        (await adminBrowser.Http.PutAsJsonAsync($"/api/v1/training-needs/{id}", body)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await TestData.WithDbAsync(db => db.TrainingNeeds.AsNoTracking().SingleAsync(n => n.Id == id))).Count.ShouldBe(999);
    }
}
