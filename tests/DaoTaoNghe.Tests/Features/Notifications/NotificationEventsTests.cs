using System.Net;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Features.Notifications;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Tests.Features.FollowUps;
using DaoTaoNghe.Tests.Features.Imports;
using DaoTaoNghe.Tests.Features.Plans;
using DaoTaoNghe.Tests.Features.Reports;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static DaoTaoNghe.Tests.Features.Courses.TrainingTestData;
using static DaoTaoNghe.Tests.Features.Jobs.JobsTestData;

namespace DaoTaoNghe.Tests.Features.Notifications;

/// <summary>
/// The other side is told of what happened: the enterprise of a person put forward, a lead and a
/// hire; the uploader of a file that did not go in; a body of a task given to it; a commune of its
/// follow-up window opening; the province's reviewers of a report sent to them. Each user chooses per kind (e-mail, in the app, off) and may take one
/// e-mail a day; the notifications page filters by kind and by read or unread.
/// </summary>
public class NotificationEventsTests
{
    private static Task<List<Notification>> NotificationsAsync(string userName) =>
        TestData.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.User.UserName == userName).OrderBy(n => n.Id).ToListAsync());

    private static Task<HttpResponseMessage> ChooseAsync(TestBrowser browser, Dictionary<string, string> choices) =>
        browser.PostFormAsync("/Notifications/Settings", choices);

    [Fact]
    public async Task The_enterprise_is_told_of_a_person_put_forward_and_of_the_hire_unless_it_turned_that_kind_off()
    {
        var tanUyen = await TestData.CommuneAsync("Xã Tân Uyên");
        var (enterpriseUser, _, vacancyId, title) = await VacancyAsync("Công nhân vườn chè " + TestData.Unique());
        var (centreUser, _) = await TestData.ProvinceActorAsync(Roles.EmploymentCentre);
        using var centre = await TestBrowser.SignedInAsync(centreUser);
        using var enterprise = await TestBrowser.SignedInAsync(enterpriseUser);
        var person = await LearnerAsync(tanUyen.Id);

        (await centre.PostJsonAsync("/api/v1/job-applications", new { vacancyId, cccd = person.Cccd })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var applicationId = await TestData.WithDbAsync(db => db.JobApplications.Where(a => a.VacancyId == vacancyId).Select(a => a.Id).SingleAsync());
        (await centre.PostJsonAsync($"/api/v1/job-applications/{applicationId}/status", new { status = "Interviewed" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await centre.PostJsonAsync($"/api/v1/job-applications/{applicationId}/status", new { status = "Hired" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var told = await NotificationsAsync(enterpriseUser);
        told.Select(n => n.Title).ShouldBe([$"Người được giới thiệu vào tin \"{title}\": {person.FullName}", $"Đã ghi nhận tuyển dụng: {person.FullName}"]);
        told.ShouldAllBe(n => n.Kind == NotificationKind.Hiring && n.Url == $"/Jobs/Vacancies/Details/{vacancyId}");
        (await NotificationsAsync(centreUser)).ShouldBeEmpty();
        var page = TestBrowser.HtmlText(await enterprise.GetHtmlAsync("/"));
        page.ShouldContain("Thông báo 2");

        (await ChooseAsync(enterprise, new() { [$"Data.Choices[{NotificationKind.Hiring}]"] = "Off" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        TestBrowser.HtmlText(await enterprise.GetHtmlAsync("/Notifications/Settings")).ShouldContain("Lưu cài đặt");
        var other = await LearnerAsync(tanUyen.Id);
        (await centre.PostJsonAsync("/api/v1/job-applications", new { vacancyId, cccd = other.Cccd })).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await NotificationsAsync(enterpriseUser)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_visitors_interest_in_a_vacancy_reaches_its_enterprise()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var (enterpriseUser, _, vacancyId, title) = await VacancyAsync("Thợ sao chè " + TestData.Unique());
        using var visitor = Visitor();

        (await visitor.PostFormAsync($"/viec-lam/tin/{vacancyId}", InterestForm(binhLu, "Lò Văn Quan"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var told = (await NotificationsAsync(enterpriseUser)).ShouldHaveSingleItem();
        told.Title.ShouldBe($"Người quan tâm tin \"{title}\": Lò Văn Quan");
        told.Url.ShouldBe($"/Jobs/Leads?tin={vacancyId}");
    }

    [Fact]
    public async Task The_uploader_alone_is_told_that_a_file_did_not_go_in()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var (uploader, organisation) = await TestData.ActorAsync(Roles.CommuneOfficer, binhLu);
        var colleague = await TestData.UserAsync(Roles.CommuneOfficer, organisation);
        using var browser = await (await TestBrowser.SignedInAsync(uploader)).WithAntiforgeryHeaderAsync();

        var response = await ImportSteps.PostAsync(browser.Http, "doi-ten.xlsx", "Ngày tổ chức,Xã, phường\n05/03/2026,Xã Bình Lư"u8.ToArray());
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await ImportSteps.FollowAsync(browser.Http, response.Headers.Location!.ToString());

        var told = (await NotificationsAsync(uploader)).ShouldHaveSingleItem();
        told.Kind.ShouldBe(NotificationKind.Import);
        told.Title.ShouldBe("Không nhập được tệp doi-ten.xlsx");
        told.Body.ShouldContain("không phải bảng tính Excel");
        (await NotificationsAsync(colleague)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_body_is_told_once_of_a_task_given_to_it()
    {
        var (adminUser, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var (departmentUser, department) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        using var admin = await TestBrowser.SignedInAsync(adminUser);
        var content = "Khảo sát nhu cầu học nghề " + TestData.Unique();
        var planId = await PlansTestData.PlanAsync(admin);

        var taskId = await PlansTestData.TaskAsync(admin, planId, lead: [department.Id], content: content);
        (await admin.Http.PostAsync($"/api/v1/plans/{planId}/assignments/sync", null)).IsSuccessStatusCode.ShouldBeTrue();

        var told = (await NotificationsAsync(departmentUser)).ShouldHaveSingleItem();
        told.Kind.ShouldBe(NotificationKind.Task);
        told.Title.ShouldContain("(chủ trì)");
        told.Title.ShouldContain(content);
        told.Url.ShouldBe($"/Plans/TaskDetails/{taskId}");
    }

    [Fact]
    public async Task A_commune_is_told_once_a_month_that_its_follow_up_window_opened()
    {
        var commune = await TestData.CommuneAsync("Xã Hua Bum");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        await FollowUpsTests.CompletionsAsync(commune, 2);
        var now = TestData.Clock.UtcNow;

        await using (var scope = TestApp.Instance.SystemScope())
        {
            var run = scope.ServiceProvider.GetServices<INotificationRun>().OfType<FollowUpWindowRun>().Single();
            await run.RunAsync(now, CancellationToken.None);
            await run.RunAsync(now, CancellationToken.None);
        }

        var told = (await NotificationsAsync(officer)).ShouldHaveSingleItem();
        told.Kind.ShouldBe(NotificationKind.FollowUp);
        told.Title.ShouldStartWith($"Đến kỳ theo dõi việc làm tháng {TestData.Clock.Today:MM/yyyy}:");
        told.Url.ShouldBe("/FollowUps?tt=den-han");
    }

    [Fact]
    public async Task The_province_admins_are_told_of_a_report_sent_and_sent_again_unless_they_turned_that_kind_off()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var (quietAdminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var (departmentName, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        var (officerName, commune) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Bình Lư"));
        using var admin = await TestBrowser.SignedInAsync(adminName);
        using var officer = await TestBrowser.SignedInAsync(officerName);
        using (var quiet = await TestBrowser.SignedInAsync(quietAdminName))
            (await ChooseAsync(quiet, new() { [$"Data.Choices[{NotificationKind.ReportSubmitted}]"] = "Off" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var obligation = await ReportsTestData.ObligationAsync(admin, [commune.Id], ReportsTestData.TodayInVietnam.AddDays(5));
        var id = await ReportsTestData.ReportIdAsync(obligation, commune.Id);
        var url = $"/Reports/Details/{id}";

        (await officer.PostFormAsync(url, await ReportsTestData.DraftFormAsync(id), url + "?handler=Submit")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var told = (await NotificationsAsync(adminName)).Where(n => n.Url == url).ToList();
        var first = told.ShouldHaveSingleItem();
        first.Kind.ShouldBe(NotificationKind.ReportSubmitted);
        first.Title.ShouldBe($"Báo cáo mới gửi, chờ duyệt: {(await ReportsTestData.ReportAsync(id)).Title}");
        first.Body.ShouldContain(commune.Name);
        (await NotificationsAsync(quietAdminName)).Where(n => n.Url == url).ShouldBeEmpty();
        (await NotificationsAsync(departmentName)).Where(n => n.Url == url).ShouldBeEmpty();
        (await NotificationsAsync(officerName)).Where(n => n.Url == url).ShouldBeEmpty();
        var page = TestBrowser.HtmlText(await admin.GetHtmlAsync($"/Notifications?loai={NotificationKind.ReportSubmitted}&tt=chua-doc"));
        page.ShouldContain(first.Title);
        var open = await admin.GetAsync($"/Notifications?handler=Open&id={first.Id}");
        open.Headers.Location!.OriginalString.ShouldBe(url);
        TestBrowser.HtmlText(await admin.GetHtmlAsync(url)).ShouldContain("Trả lại");

        (await admin.PostFormAsync(url, new() { ["ReviewData.Comment"] = "Bổ sung số người học." }, url + "?handler=Return")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await officer.PostFormAsync(url, await ReportsTestData.DraftFormAsync(id, "Đã bổ sung."), url + "?handler=Submit")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await NotificationsAsync(adminName)).Where(n => n.Url == url).Select(n => n.Title[..n.Title.IndexOf(':')])
            .ShouldBe(["Báo cáo mới gửi, chờ duyệt", "Báo cáo gửi lại, chờ duyệt"]);
    }

    [Fact]
    public async Task The_notifications_page_filters_by_kind_and_by_read_or_unread()
    {
        var (enterpriseUser, _, vacancyId, title) = await VacancyAsync("Thợ đóng gói chè " + TestData.Unique());
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        using var visitor = Visitor();
        (await visitor.PostFormAsync($"/viec-lam/tin/{vacancyId}", InterestForm(binhLu, "Lò Thị Lọc"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var enterprise = await TestBrowser.SignedInAsync(enterpriseUser);

        TestBrowser.HtmlText(await enterprise.GetHtmlAsync($"/Notifications?loai={NotificationKind.Hiring}&tt=chua-doc")).ShouldContain("Lò Thị Lọc");
        TestBrowser.HtmlText(await enterprise.GetHtmlAsync($"/Notifications?loai={NotificationKind.Import}")).ShouldNotContain("Lò Thị Lọc");
        var id = (await NotificationsAsync(enterpriseUser)).Single().Id;
        (await enterprise.GetAsync($"/Notifications?handler=Open&id={id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        TestBrowser.HtmlText(await enterprise.GetHtmlAsync("/Notifications?tt=chua-doc")).ShouldNotContain("Lò Thị Lọc");
        TestBrowser.HtmlText(await enterprise.GetHtmlAsync("/Notifications?tt=da-doc")).ShouldContain("Lò Thị Lọc");
    }

    [Fact]
    public async Task A_user_who_chose_the_daily_digest_gets_one_email_a_day_instead_of_one_per_notification()
    {
        var (enterpriseUser, _, vacancyId, _) = await VacancyAsync("Thợ vận chuyển chè " + TestData.Unique());
        var email = $"dn.{TestData.Unique()}@example.vn";
        await TestData.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == enterpriseUser);
            user.Email = email;
            await db.SaveChangesAsync();
        });
        using var enterprise = await TestBrowser.SignedInAsync(enterpriseUser);
        (await ChooseAsync(enterprise, new() { ["Data.DailyDigest"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var sink = new SmtpSink();
        var mailer = new Mailer(Options.Create(new SmtpSettings { Host = "127.0.0.1", Port = sink.Port }));
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        using (var visitor = Visitor())
        {
            (await visitor.PostFormAsync($"/viec-lam/tin/{vacancyId}", InterestForm(binhLu, "Lò Văn Một"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            (await visitor.PostFormAsync($"/viec-lam/tin/{vacancyId}", InterestForm(binhLu, "Lò Văn Hai"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        async Task<DigestRun.Result> DigestAsync(DateOnly day, int hour)
        {
            await using var scope = TestApp.Instance.SystemScope();
            var run = new DigestRun(scope.ServiceProvider.GetRequiredService<AppDbContext>(), mailer, NullLogger<DigestRun>.Instance);
            return await run.HandleAsync(VietnamTime.ToUtc(day.ToDateTime(new TimeOnly(hour, 0))));
        }
        var today = TestData.Clock.Today;
        await DigestAsync(today.AddDays(1), 6);
        sink.Messages.Where(m => m.Recipients.Contains(email)).ShouldBeEmpty();
        await DigestAsync(today.AddDays(1), 8);
        await DigestAsync(today.AddDays(1), 9);

        var mail = sink.Messages.Where(m => m.Recipients.Contains(email)).ShouldHaveSingleItem();
        mail.Body.ShouldContain("Lò Văn Một");
        mail.Body.ShouldContain("Lò Văn Hai");
        (await NotificationsAsync(enterpriseUser)).ShouldAllBe(n => n.EmailedAt != null);
    }
}
