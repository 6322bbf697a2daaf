using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Notifications;
using DaoTaoNghe.Features.Reports.Reminders;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DaoTaoNghe.Tests.Features.Reports;

/// <summary>
/// The reminder run at chosen instants, no sleeping: in-app notifications always, e-mail through a
/// real SMTP server (a local sink) when one is configured, each reminder once.
/// </summary>
public class ReminderTests
{
    /// <summary>Runs the reminders as the background service does, as the system, at noon (Vietnam) of <paramref name="day"/>.</summary>
    private static async Task<Notifier.Result> RunAsync(DateOnly day, SmtpSink? sink = null)
    {
        await using var scope = TestApp.Instance.SystemScope();
        var services = scope.ServiceProvider;
        var mailer = new Mailer(Options.Create(sink is null ? new SmtpSettings() : new SmtpSettings { Host = "127.0.0.1", Port = sink.Port }));
        var db = services.GetRequiredService<AppDbContext>();
        var run = new ReminderRun(db, new Notifier(db, services.GetRequiredService<DataScopeAccessor>(), mailer, NullLogger<Notifier>.Instance),
            services.GetRequiredService<IConfiguration>());
        return await run.HandleAsync(VietnamTime.ToUtc(day.ToDateTime(new TimeOnly(12, 0))));
    }

    private static Task<List<Notification>> NotificationsAsync(string userName) =>
        TestData.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.User.UserName == userName).OrderBy(n => n.Id).ToListAsync());

    private static Task SetEmailAsync(string userName, string email) =>
        TestData.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == userName);
            user.Email = email;
            await db.SaveChangesAsync();
        });

    [Fact]
    public async Task An_unsent_report_is_reminded_before_and_after_its_deadline_once_each_in_app_and_by_email()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var (officerName, commune) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Bình Lư"));
        var (colleague, _) = (await TestData.UserAsync(Roles.CommuneOfficer, commune), 0);
        var email = $"{officerName}@binhlu.laichau.gov.vn";
        await SetEmailAsync(officerName, email);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var due = ReportsTestData.TodayInVietnam.AddDays(40);
        var obligation = await ReportsTestData.ObligationAsync(admin, [commune.Id], due, remindBefore: 3, remindAfter: 2);
        var report = await ReportsTestData.ReportIdAsync(obligation, commune.Id);
        using var sink = new SmtpSink();

        await RunAsync(due.AddDays(-5), sink);
        (await NotificationsAsync(officerName)).ShouldBeEmpty();

        await RunAsync(due.AddDays(-3), sink);
        await RunAsync(due.AddDays(-2), sink);
        await RunAsync(due.AddDays(1), sink);
        var before = await NotificationsAsync(officerName);
        before.Count.ShouldBe(1);
        before[0].Title.ShouldStartWith("Sắp đến hạn gửi báo cáo: Báo cáo thử");
        before[0].Body.ShouldContain($"ngày {due:dd/MM/yyyy} (còn 3 ngày)");
        before[0].Url.ShouldBe($"/Reports/Details/{report}");
        before[0].EmailedAt.ShouldNotBeNull();
        (await NotificationsAsync(colleague)).Count.ShouldBe(1);

        await RunAsync(due.AddDays(2), sink);
        var after = await NotificationsAsync(officerName);
        after.Count.ShouldBe(2);
        after[1].Title.ShouldStartWith("Quá hạn gửi báo cáo");

        var mails = sink.Messages.Where(m => m.Recipients.Contains(email)).ToList();
        mails.Count.ShouldBe(2);
        mails[0].Subject.ShouldStartWith("[DaoTaoNghe] Sắp đến hạn gửi báo cáo: Báo cáo thử");
        mails[0].Body.ShouldContain($"/Reports/Details/{report}");
        mails[1].Subject.ShouldStartWith("[DaoTaoNghe] Quá hạn gửi báo cáo");

        using var officer = await TestBrowser.SignedInAsync(officerName);
        var page = TestBrowser.HtmlText(await officer.GetHtmlAsync("/Notifications"));
        page.ShouldContain("Thông báo 2");
        page.ShouldContain("Quá hạn gửi báo cáo");
        var open = await officer.GetAsync($"/Notifications?handler=Open&id={after[0].Id}");
        open.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        open.Headers.Location!.ToString().ShouldBe($"/Reports/Details/{report}");
        (await NotificationsAsync(officerName))[0].ReadAt.ShouldNotBeNull();
        using var other = await TestBrowser.SignedInAsync(colleague);
        (await other.GetAsync($"/Notifications?handler=Open&id={after[1].Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await NotificationsAsync(officerName))[1].ReadAt.ShouldBeNull();
    }

    [Fact]
    public async Task Sent_reports_and_finished_tasks_are_not_reminded_and_without_SMTP_only_the_app_tells()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var (leadName, lead) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Bình Lư"));
        var (helperName, helper) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Tân Uyên"));
        await SetEmailAsync(leadName, $"{leadName}@binhlu.laichau.gov.vn");
        using var admin = await TestBrowser.SignedInAsync(adminName);
        using var leadBrowser = await TestBrowser.SignedInAsync(leadName);
        using var helperBrowser = await TestBrowser.SignedInAsync(helperName);
        var due = ReportsTestData.TodayInVietnam.AddDays(20);
        var obligation = await ReportsTestData.ObligationAsync(admin, [lead.Id], due, remindBefore: 30);
        await ReportsTestData.SubmitByApiAsync(leadBrowser, await ReportsTestData.ReportIdAsync(obligation, lead.Id));

        var plan = await admin.PostJsonAsync("/api/v1/plans", new { title = "Kế hoạch thử " + TestData.Unique(), issuedOn = "2026-04-01", sections = "I. Tuyên truyền" });
        plan.StatusCode.ShouldBe(HttpStatusCode.Created, await plan.Content.ReadAsStringAsync());
        var planId = (await plan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var task = await admin.PostJsonAsync($"/api/v1/plans/{planId}/tasks", new
        {
            number = "1", content = "Tuyên truyền chính sách học nghề " + TestData.Unique(), timeFrame = "Yearly",
            leadOrganisationIds = new[] { lead.Id }, coordinatingOrganisationIds = new[] { helper.Id },
        });
        task.StatusCode.ShouldBe(HttpStatusCode.Created, await task.Content.ReadAsStringAsync());
        var helperAssignment = await TestData.WithDbAsync(db => db.TaskAssignments.Where(a => a.OrganisationId == helper.Id).Select(a => a.Id).SingleAsync());
        (await helperBrowser.PostJsonAsync($"/api/v1/tasks/assignments/{helperAssignment}/updates", new { status = "Completed", note = "Đã phối hợp xong." }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var result = await RunAsync(new DateOnly(ReportsTestData.TodayInVietnam.Year, 12, 20));

        var leadNotifications = await NotificationsAsync(leadName);
        leadNotifications.ShouldNotContain(n => n.Key.StartsWith("report:"));
        leadNotifications.ShouldContain(n => n.Kind == NotificationKind.Task, "the body is told of the task when it is given");
        var taskReminder = leadNotifications.Where(n => n.Kind == NotificationKind.Reminder).ShouldHaveSingleItem();
        taskReminder.Title.ShouldBe($"Nhiệm vụ 1 sắp đến hạn 31/12/{ReportsTestData.TodayInVietnam.Year}");
        taskReminder.EmailedAt.ShouldBeNull();
        result.Emailed.ShouldBe(0);
        (await NotificationsAsync(helperName)).Where(n => n.Kind == NotificationKind.Reminder).ShouldBeEmpty();
    }
}
