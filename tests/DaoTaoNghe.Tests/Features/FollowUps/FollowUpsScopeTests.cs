using System.Net;
using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.FollowUps;

/// <summary>
/// A commune officer neither sees nor records another commune's follow-ups, by page, form or API id;
/// the institution reads its own learners' follow-ups but does not record them; others see none.
/// </summary>
public class FollowUpsScopeTests
{
    [Fact]
    public async Task Another_communes_follow_ups_are_not_found_and_not_written()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (course, people, _) = await FollowUpsTests.CompletionsAsync(commune, 2);
        var outcomeId = await FollowUpTestData.FollowUpAsync(people[0].EnrolmentId, 3, FollowUpsTests.ThisMonth.AddMonths(-3).AddDays(5), EmploymentStatus.SelfEmployed);
        var month = FollowUpsTests.ThisMonth.ToString("yyyy-MM");
        var today = TestData.Clock.Today;

        var (stranger, _) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Tân Uyên"));
        using (var browser = await TestBrowser.SignedInAsync(stranger))
        {
            var list = TestBrowser.HtmlText(await browser.GetHtmlAsync($"/FollowUps?lop={course.CourseId}&thang={month}"));
            list.ShouldNotContain(people[1].Name);
            (await browser.GetAsync($"/FollowUps/Details/{outcomeId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await browser.GetAsync($"/api/v1/follow-ups/outcomes/{outcomeId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            TestBrowser.HtmlText(await browser.GetHtmlAsync($"/FollowUps/Outcomes?q={Uri.EscapeDataString(people[0].Name)}")).ShouldNotContain(people[0].Name);

            var api = await browser.PostJsonAsync("/api/v1/follow-ups/outcomes", new
            {
                enrolmentId = people[1].EnrolmentId, checkpoint = 6, status = "Unemployed", outcomeOn = today,
            });
            api.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            var form = new Dictionary<string, string>
            {
                ["Rows[0].EnrolmentId"] = people[1].EnrolmentId.ToString(), ["Rows[0].Checkpoint"] = "6", ["Rows[0].Status"] = "Unemployed",
                ["Rows[0].OutcomeOn"] = today.ToString("yyyy-MM-dd"),
            };
            (await browser.PostFormAsync("/FollowUps/Entry", form, "/FollowUps/Entry")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        var staff = await TestData.UserAsync(Roles.InstitutionStaff, course.Institution);
        using (var browser = await TestBrowser.SignedInAsync(staff))
        {
            TestBrowser.HtmlText(await browser.GetHtmlAsync($"/FollowUps?lop={course.CourseId}&thang={month}")).ShouldContain(people[1].Name);
            (await browser.GetAsync($"/FollowUps/Details/{outcomeId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await browser.GetAsync("/FollowUps/Entry")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await browser.PostJsonAsync("/api/v1/follow-ups/outcomes", new
            {
                enrolmentId = people[1].EnrolmentId, checkpoint = 6, status = "Unemployed", outcomeOn = today,
            })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        var (otherInstitution, _) = await TestData.ActorAsync(Roles.InstitutionStaff, commune);
        using (var browser = await TestBrowser.SignedInAsync(otherInstitution))
        {
            (await browser.GetAsync($"/FollowUps/Details/{outcomeId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await browser.GetAsync($"/api/v1/follow-ups/outcomes/{outcomeId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        var (enterprise, _) = await TestData.ActorAsync(Roles.Enterprise, commune);
        using (var browser = await TestBrowser.SignedInAsync(enterprise))
        {
            (await browser.GetAsync("/FollowUps")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await browser.GetAsync($"/api/v1/follow-ups/outcomes/{outcomeId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        (await TestData.WithDbAsync(db => db.EmploymentOutcomes.CountAsync(o => o.Enrolment!.CourseId == course.CourseId))).ShouldBe(1);
    }
}
