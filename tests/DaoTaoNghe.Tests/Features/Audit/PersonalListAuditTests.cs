using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Courses;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.Audit;

/// <summary>Every read of personal data is in the trail, lists included: one line per page read, naming the records shown.</summary>
public class PersonalListAuditTests
{
    [Fact]
    public async Task A_commune_officer_reading_list_pages_and_API_pages_of_people_writes_one_line_each_naming_the_ids_shown()
    {
        var setup = await TrainingTestData.InstitutionAsync();
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (courseId, enrolments) = await TrainingTestData.CompletedCourseAsync(setup, learners: 2);
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        async Task<AuditEntry> OneNewLineAsync(Func<Task> read)
        {
            var before = await TestData.WithDbAsync(db => db.AuditEntries.Where(a => a.UserName == officer).Select(a => (long?)a.Id).MaxAsync()) ?? 0;
            await read();
            var lines = await TestData.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.UserName == officer && a.Id > before).ToListAsync());
            lines.Count.ShouldBe(1);
            lines[0].Action.ShouldBe(AuditAction.View);
            lines[0].ContainsPersonalData.ShouldBeTrue();
            return lines[0];
        }

        var duePage = await OneNewLineAsync(() => browser.GetHtmlAsync($"/FollowUps?tt={DueFollowUps.Overdue}&lop={courseId}"));
        var dueApi = await OneNewLineAsync(async () =>
            (await browser.Http.GetFromJsonAsync<JsonElement>($"/api/v1/follow-ups/due?tt={DueFollowUps.Overdue}&lop={courseId}&moc=3"))
            .GetProperty("items").GetArrayLength().ShouldBe(2));
        var enrolmentsPage = await OneNewLineAsync(() => browser.GetHtmlAsync($"/Courses/Enrolments?lop={courseId}"));
        var enrolmentsApi = await OneNewLineAsync(() => browser.Http.GetFromJsonAsync<JsonElement>($"/api/v1/enrolments?lop={courseId}"));

        static IEnumerable<int> IdsOf(AuditEntry line) => line.Summary![(line.Summary!.IndexOf("mã ", StringComparison.Ordinal) + 3)..].Split(", ").Select(int.Parse).Order();
        duePage.Summary.ShouldStartWith("Xem danh sách đến hạn theo dõi việc làm, trang 1: ");
        IdsOf(duePage).Distinct().ShouldBe(enrolments.Order());
        dueApi.Summary.ShouldStartWith("Xem danh sách đến hạn theo dõi việc làm, trang 1: 2 dòng, mã ");
        IdsOf(dueApi).ShouldBe(enrolments.Order());
        dueApi.EntityType.ShouldBe("Enrolment");
        enrolmentsPage.Summary.ShouldStartWith("Xem danh sách người học theo lớp, trang 1: 2 dòng, mã ");
        IdsOf(enrolmentsPage).ShouldBe(enrolments.Order());
        enrolmentsApi.Summary.ShouldBe(enrolmentsPage.Summary);
    }
}
