using System.Net;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Courses;
using DaoTaoNghe.Tests.Features.FollowUps;
using DaoTaoNghe.Tests.Features.Reports;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.Home;

/// <summary>
/// The home page tells each person what waits for them ("Việc cần làm"), each item a link to the
/// list where it is done, and the item goes when the work is done.
/// </summary>
public class WorkTests
{
    /// <summary>A commune no other test registers people in, so its officer's counts are this test's alone.</summary>
    private const string QuietCommune = "Xã Pa Ủ";

    /// <summary>The province at a glance (communes, agencies) is for those who watch the province; a school's home page is its work.</summary>
    [Fact]
    public async Task The_province_at_a_glance_is_shown_to_those_who_watch_the_province_not_to_a_school()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (staff, _) = await TestData.ActorAsync(Roles.InstitutionStaff, commune);
        var (department, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        using var school = await TestBrowser.SignedInAsync(staff);
        using var province = await TestBrowser.SignedInAsync(department);

        var schoolHome = TestBrowser.HtmlText(await school.GetHtmlAsync("/"));
        schoolHome.ShouldNotContain("cơ quan, đơn vị đang hoạt động");
        schoolHome.ShouldContain("Việc cần làm");
        TestBrowser.HtmlText(await province.GetHtmlAsync("/")).ShouldContain("cơ quan, đơn vị đang hoạt động");
    }

    [Fact]
    public async Task A_commune_officer_is_told_of_follow_ups_due_and_overdue_until_they_are_recorded()
    {
        var commune = await TestData.CommuneAsync(QuietCommune);
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        TestBrowser.HtmlText(await browser.GetHtmlAsync("/")).ShouldNotContain("Theo dõi việc làm đã quá hạn");

        // Completed six months ago: the 3-month follow-up is overdue, the 6-month one due this month.
        var (_, people, _) = await FollowUpsTests.CompletionsAsync(commune, 1);
        var home = await browser.GetHtmlAsync("/");

        TestBrowser.HtmlText(home).ShouldContain("Theo dõi việc làm đã quá hạn 1");
        TestBrowser.HtmlText(home).ShouldContain("Theo dõi việc làm đến hạn trong tháng 1");
        home.ShouldContain("href=\"/FollowUps?tt=qua-han\"");
        TestBrowser.HtmlText(await browser.GetHtmlAsync("/FollowUps?tt=qua-han")).ShouldContain(people[0].Name);

        foreach (var checkpoint in new[] { 3, 6 })
            (await browser.PostJsonAsync("/api/v1/follow-ups/outcomes", new
            {
                enrolmentId = people[0].EnrolmentId, checkpoint, status = "SelfEmployed", outcomeOn = TestData.Clock.Today, incomeBand = "From3To5",
            })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var after = TestBrowser.HtmlText(await browser.GetHtmlAsync("/"));
        after.ShouldNotContain("Theo dõi việc làm đã quá hạn");
        after.ShouldNotContain("Theo dõi việc làm đến hạn trong tháng");
    }

    [Fact]
    public async Task An_institution_is_told_of_a_course_past_its_end_date_until_it_is_finished()
    {
        var setup = await TrainingTestData.InstitutionAsync(QuietCommune);
        var (courseId, _) = await TrainingTestData.CompletedCourseAsync(setup, 1, QuietCommune, finishedOn: TestData.Clock.Today.AddDays(-3));
        await TestData.WithDbAsync(db => db.Courses.Where(c => c.Id == courseId)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.State, CourseState.Running).SetProperty(x => x.FinishedOn, (DateOnly?)null)));
        var name = (await TrainingTestData.CourseAsync(courseId)).Name;
        using var browser = await TestBrowser.SignedInAsync(setup.Staff);

        var home = await browser.GetHtmlAsync("/");
        TestBrowser.HtmlText(home).ShouldContain("Lớp đã hết thời gian học, chưa kết thúc 1");
        home.ShouldContain($"href=\"/Courses?viec={CourseWork.ToFinish}\"");
        var listed = TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Courses?viec={CourseWork.ToFinish}"));
        listed.ShouldContain(name);
        listed.ShouldContain("1 bản ghi");

        (await browser.Http.PostAsync($"/api/v1/courses/{courseId}/finish", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        TestBrowser.HtmlText(await browser.GetHtmlAsync("/")).ShouldNotContain("chưa kết thúc");
        TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Courses?viec={CourseWork.ToFinish}")).ShouldNotContain(name);
    }

    [Fact]
    public async Task A_reporting_unit_is_told_of_its_unsent_report_and_the_province_admin_of_it_once_sent()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var (officerName, unit) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync(QuietCommune));
        using var admin = await TestBrowser.SignedInAsync(adminName);
        using var officer = await TestBrowser.SignedInAsync(officerName);
        var obligation = await ReportsTestData.ObligationAsync(admin, [unit.Id], ReportsTestData.TodayInVietnam.AddDays(5));
        var id = await ReportsTestData.ReportIdAsync(obligation, unit.Id);

        var home = await officer.GetHtmlAsync("/");
        TestBrowser.HtmlText(home).ShouldContain("Báo cáo chưa gửi 1");
        home.ShouldContain($"href=\"/Reports?don-vi={unit.Id}&amp;trang-thai=Draft\"");

        var url = $"/Reports/Details/{id}";
        (await officer.PostFormAsync(url, await ReportsTestData.DraftFormAsync(id), url + "?handler=Submit")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        TestBrowser.HtmlText(await officer.GetHtmlAsync("/")).ShouldNotContain("Báo cáo chưa gửi");
        (await admin.GetHtmlAsync("/")).ShouldContain($"href=\"/Reports?trang-thai=Submitted\"");
        TestBrowser.HtmlText(await admin.GetHtmlAsync("/Reports?trang-thai=Submitted")).ShouldContain(unit.Name);
    }
}
