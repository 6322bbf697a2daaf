using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.FollowUps;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.Courses.TrainingTestData;
using static DaoTaoNghe.Tests.Features.Jobs.JobsTestData;

namespace DaoTaoNghe.Tests.Features.Jobs;

/// <summary>
/// Known people who completed one occupation (each test's own), a vacancy in Xã Tân Uyên, and the
/// order and reasons the employment centre is given; then who may not see them.
/// </summary>
public class MatchingTests
{
    private static DateOnly Today => TestData.Clock.Today;

    public sealed record Known(
        FollowUpCourse Course, int VacancyTanUyen, int VacancyBinhLu, string EnterpriseUser, int Near, int Far, int Employed, int Proposed, int Dropped);

    private static async Task<Known> ArrangeAsync()
    {
        var tanUyen = await TestData.CommuneAsync("Xã Tân Uyên");
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var (_, institution) = await TestData.ActorAsync(Roles.InstitutionStaff, binhLu);
        var course = await FollowUpTestData.CourseAsync(institution, binhLu, finishedOn: Today.AddMonths(-2));
        var (enterpriseUser, _) = await EnterpriseAsync();
        int vacancyTanUyen, vacancyBinhLu;
        using (var enterprise = await TestBrowser.SignedInAsync(enterpriseUser))
        {
            vacancyTanUyen = await CreateVacancyAsync(enterprise, VacancyForm(course.OccupationId, tanUyen.Id, "Công nhân chè Tân Uyên " + TestData.Unique()));
            vacancyBinhLu = await CreateVacancyAsync(enterprise, VacancyForm(course.OccupationId, binhLu.Id, "Công nhân chè Bình Lư " + TestData.Unique()));
        }

        var near = await LearnerAsync(tanUyen.Id);
        await FollowUpTestData.CompletionAsync(course, near.Id, tanUyen, Today.AddMonths(-2));
        var far = await LearnerAsync(binhLu.Id);
        var farCompletion = await FollowUpTestData.CompletionAsync(course, far.Id, binhLu, Today.AddMonths(-1));
        await FollowUpTestData.FollowUpAsync(farCompletion, 3, Today.AddDays(-5), EmploymentStatus.Unemployed);
        var employed = await LearnerAsync(tanUyen.Id);
        var oldCompletion = await FollowUpTestData.CompletionAsync(course, employed.Id, tanUyen, Today.AddMonths(-20));
        await FollowUpTestData.FollowUpAsync(oldCompletion, 6, Today.AddMonths(-14), EmploymentStatus.SelfEmployed);
        var proposed = await LearnerAsync(tanUyen.Id);
        await FollowUpTestData.CompletionAsync(course, proposed.Id, tanUyen, Today.AddMonths(-3));
        var dropped = await LearnerAsync(tanUyen.Id);
        await FollowUpTestData.CompletionAsync(course, dropped.Id, tanUyen, Today.AddMonths(-2), EnrolmentStatus.DroppedOut);
        return new Known(course, vacancyTanUyen, vacancyBinhLu, enterpriseUser, near.Id, far.Id, employed.Id, proposed.Id, dropped.Id);
    }

    private static string Month(DateOnly date) => date.ToString("MM/yyyy", CultureInfo.InvariantCulture);

    private static List<string> Reasons(JsonElement match) =>
        match.GetProperty("reasons").EnumerateArray().Select(r => $"{r.GetProperty("text").GetString()}: +{r.GetProperty("points").GetInt32()}").ToList();

    [Fact]
    public async Task The_employment_centre_gets_the_known_people_in_a_pinned_order_with_their_reasons_and_proposes_from_the_list()
    {
        var known = await ArrangeAsync();
        var occupation = await TestData.WithDbAsync(db => db.Occupations.Where(o => o.Id == known.Course.OccupationId).Select(o => o.Name).SingleAsync());
        var (centreUser, _) = await TestData.ProvinceActorAsync(Roles.EmploymentCentre);
        using var centre = await TestBrowser.SignedInAsync(centreUser);
        var page = $"/Jobs/Vacancies/Details/{known.VacancyTanUyen}";
        var propose = await centre.PostFormAsync(page, new() { ["learnerId"] = known.Proposed.ToString() }, $"{page}?handler=Propose");
        var twice = await centre.PostFormAsync(page, new() { ["learnerId"] = known.Proposed.ToString() }, $"{page}?handler=Propose");

        var response = await centre.GetAsync($"/api/v1/vacancies/{known.VacancyTanUyen}/matches");
        var html = TestBrowser.HtmlText(await centre.GetHtmlAsync(page));
        var export = await centre.GetAsync($"{page}?handler=Export");
        var forPerson = await centre.GetAsync($"/api/v1/learners/{known.Far}/vacancy-matches");

        propose.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        TestBrowser.HtmlText(await twice.Content.ReadAsStringAsync()).ShouldContain("Người này đã được giới thiệu vào tin tuyển dụng này.");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var candidates = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("candidates").EnumerateArray().ToList();
        candidates.Select(c => (c.GetProperty("learnerId").GetInt32(), c.GetProperty("score").GetInt32()))
            .ShouldBe([(known.Near, 95), (known.Far, 75), (known.Employed, 75), (known.Proposed, 95)]);
        Reasons(candidates[0]).ShouldBe([
            $"Đã học nghề {occupation} (hoàn thành {Month(Today.AddMonths(-2))}): +50",
            "Cùng xã với nơi làm việc: +25",
            "Chưa có kết quả theo dõi việc làm: +10",
            "Học xong trong 12 tháng qua: +10",
        ]);
        Reasons(candidates[1]).ShouldBe([
            $"Đã học nghề {occupation} (hoàn thành {Month(Today.AddMonths(-1))}): +50",
            "Ở xã khác, ngoài huyện cũ của nơi làm việc: +0",
            $"Chưa có việc làm theo lần theo dõi gần nhất ({Today.AddDays(-5):dd/MM/yyyy}): +15",
            "Học xong trong 12 tháng qua: +10",
        ]);
        Reasons(candidates[2]).ShouldBe([
            $"Đã học nghề {occupation} (hoàn thành {Month(Today.AddMonths(-20))}): +50",
            "Cùng xã với nơi làm việc: +25",
            $"Đang có việc làm theo lần theo dõi gần nhất ({Today.AddMonths(-14):dd/MM/yyyy}): +0",
        ]);
        Reasons(candidates[3]).Last().ShouldBe("Đã được giới thiệu vào tin tuyển dụng này: +0");
        candidates[3].GetProperty("alreadyApplied").GetBoolean().ShouldBeTrue();

        html.ShouldContain("Người phù hợp (4)");
        html.ShouldContain("Cùng xã với nơi làm việc: +25");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        forPerson.StatusCode.ShouldBe(HttpStatusCode.OK);
        var vacancies = (await forPerson.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("vacancies").EnumerateArray().ToList();
        vacancies.Select(v => (v.GetProperty("vacancyId").GetInt32(), v.GetProperty("score").GetInt32()))
            .ShouldBe([(known.VacancyBinhLu, 100), (known.VacancyTanUyen, 75)]);
        Reasons(vacancies[0])[1].ShouldBe("Cùng xã với nơi làm việc: +25");

        var audited = await TestData.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.UserName == centreUser && a.EntityType == "Vacancy"
                                                                                        && a.EntityId == known.VacancyTanUyen.ToString()));
        audited.ShouldBeGreaterThanOrEqualTo(2);
        var application = await TestData.WithDbAsync(db => db.JobApplications.SingleAsync(a => a.VacancyId == known.VacancyTanUyen));
        application.LearnerId.ShouldBe(known.Proposed);
        application.SessionId.ShouldBeNull();
    }

    [Fact]
    public async Task The_person_page_lists_the_best_vacancies_for_the_centre()
    {
        var known = await ArrangeAsync();
        var (centreUser, _) = await TestData.ProvinceActorAsync(Roles.EmploymentCentre);
        using var centre = await TestBrowser.SignedInAsync(centreUser);

        var html = TestBrowser.HtmlText(await centre.GetHtmlAsync($"/Jobs/Matches/Person/{known.Far}"));
        var learner = TestBrowser.HtmlText(await centre.GetHtmlAsync($"/Learners/Details/{known.Far}"));
        var export = await centre.GetAsync($"/Jobs/Matches/Person/{known.Far}?handler=Export");

        html.ShouldContain("Công nhân chè Bình Lư");
        html.ShouldContain("Cùng xã với nơi làm việc: +25");
        html.IndexOf("Công nhân chè Bình Lư", StringComparison.Ordinal).ShouldBeLessThan(html.IndexOf("Công nhân chè Tân Uyên", StringComparison.Ordinal));
        learner.ShouldContain("Việc làm phù hợp");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public enum Who { Enterprise, Commune, OtherProvinceCentre }

    [Theory]
    [InlineData(Who.Enterprise, HttpStatusCode.Forbidden)]
    [InlineData(Who.Commune, HttpStatusCode.Forbidden)]
    [InlineData(Who.OtherProvinceCentre, HttpStatusCode.NotFound)]
    public async Task Matches_are_refused_outside_the_placing_roles_and_the_province(Who who, HttpStatusCode expected)
    {
        var known = await ArrangeAsync();
        var user = who switch
        {
            Who.Enterprise => known.EnterpriseUser,
            Who.Commune => (await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Tân Uyên"))).UserName,
            _ => (await TestData.ActorAsync(Roles.EmploymentCentre, await TestData.ProvinceAsync("11"))).UserName,
        };
        using var browser = await TestBrowser.SignedInAsync(user);
        var page = $"/Jobs/Vacancies/Details/{known.VacancyTanUyen}";

        (await browser.GetAsync($"/api/v1/vacancies/{known.VacancyTanUyen}/matches")).StatusCode.ShouldBe(expected);
        (await browser.GetAsync($"/api/v1/learners/{known.Near}/vacancy-matches")).StatusCode.ShouldBe(expected);
        (await browser.GetAsync($"/Jobs/Matches/Person/{known.Near}")).StatusCode.ShouldBe(expected);
        (await browser.GetAsync($"/Jobs/Matches/Person/{known.Near}?handler=Export")).StatusCode.ShouldBe(expected);
        (await browser.GetAsync($"{page}?handler=Export")).StatusCode.ShouldBe(expected);
        var details = await browser.GetAsync(page);
        if (who == Who.Enterprise)
        {
            details.StatusCode.ShouldBe(HttpStatusCode.OK);
            var html = TestBrowser.HtmlText(await details.Content.ReadAsStringAsync());
            html.ShouldNotContain("Người phù hợp");
            html.ShouldNotContain("Cùng xã với nơi làm việc");
        }
        else
        {
            details.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        var propose = await browser.PostFormAsync(who == Who.Enterprise ? page : "/", new() { ["learnerId"] = known.Near.ToString() }, $"{page}?handler=Propose");
        propose.StatusCode.ShouldNotBe(HttpStatusCode.Redirect);
        (await TestData.WithDbAsync(db => db.JobApplications.IgnoreQueryFilters().AnyAsync(a => a.VacancyId == known.VacancyTanUyen))).ShouldBeFalse();
    }
}
