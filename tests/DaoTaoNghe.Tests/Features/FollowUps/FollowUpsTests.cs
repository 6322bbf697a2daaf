using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Tests.Features.Courses;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.FollowUps;

/// <summary>A commune's due and overdue lists, the quick-entry screen and the API, through HTTP with real forms.</summary>
public class FollowUpsTests
{
    /// <summary>The first day of this month in Vietnam: the due lists' month.</summary>
    public static DateOnly ThisMonth
    {
        get
        {
            var today = TestData.Clock.Today;
            return new DateOnly(today.Year, today.Month, 1);
        }
    }

    /// <summary>A course of the commune's own institution with <paramref name="learners"/> residents who completed it six months before this month began, plus four days.</summary>
    public static async Task<(FollowUpCourse Course, List<(int LearnerId, string Name, int EnrolmentId)> People, DateOnly CompletedOn)> CompletionsAsync(
        AdministrativeUnit commune, int learners)
    {
        var (_, institution) = await TestData.ActorAsync(Roles.InstitutionStaff, commune);
        var completedOn = ThisMonth.AddMonths(-6).AddDays(4);
        var course = await FollowUpTestData.CourseAsync(institution, commune, finishedOn: completedOn);
        var people = new List<(int, string, int)>();
        for (var i = 0; i < learners; i++)
        {
            var learner = await TrainingTestData.LearnerAsync(commune.Id);
            people.Add((learner.Id, learner.FullName, await FollowUpTestData.CompletionAsync(course, learner.Id, commune, completedOn)));
        }
        return (course, people, completedOn);
    }

    private static Dictionary<string, string> Row(Dictionary<string, string> form, int i, int enrolmentId, int checkpoint, EmploymentStatus? status,
        DateOnly on, string? employer = null, int? enterpriseId = null, bool loan = false)
    {
        form[$"Rows[{i}].EnrolmentId"] = enrolmentId.ToString();
        form[$"Rows[{i}].Checkpoint"] = checkpoint.ToString();
        form[$"Rows[{i}].Status"] = status?.ToString() ?? "";
        form[$"Rows[{i}].OutcomeOn"] = on.ToString("yyyy-MM-dd");
        form[$"Rows[{i}].EmployerName"] = employer ?? "";
        form[$"Rows[{i}].EnterpriseId"] = enterpriseId?.ToString() ?? "";
        form[$"Rows[{i}].IncomeBand"] = status is EmploymentStatus.Unemployed or null ? "" : nameof(IncomeBand.From3To5);
        if (loan) form[$"Rows[{i}].LoanHelped"] = "true";
        return form;
    }

    [Fact]
    public async Task The_due_list_and_the_quick_entry_find_a_person_by_name_typed_without_diacritics()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (course, people, _) = await CompletionsAsync(commune, 3);
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var sought = people[1].Name;
        var typed = DaoTaoNghe.Infrastructure.Text.TextSearch.Normalize(sought);

        foreach (var page in new[] { "/FollowUps", "/FollowUps/Entry" })
        {
            var found = TestBrowser.HtmlText(await browser.GetHtmlAsync($"{page}?lop={course.CourseId}&thang={ThisMonth:yyyy-MM}&q={Uri.EscapeDataString(typed)}"));
            found.ShouldContain(sought);
            found.ShouldNotContain(people[0].Name);
            found.ShouldNotContain(people[2].Name);
        }
    }

    [Fact]
    public async Task A_commune_officer_sees_due_and_overdue_follow_ups_and_records_them_on_one_screen_all_or_nothing()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (course, people, completedOn) = await CompletionsAsync(commune, 3);
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var month = ThisMonth.ToString("yyyy-MM");

        var list = TestBrowser.HtmlText(await browser.GetHtmlAsync($"/FollowUps?lop={course.CourseId}&thang={month}"));
        foreach (var (_, name, _) in people) list.ShouldContain(name);
        list.ShouldContain("6 bản ghi");
        list.ShouldContain("Quá hạn");
        list.ShouldContain(Fmt(completedOn.AddMonths(6)));
        TestBrowser.HtmlText(await browser.GetHtmlAsync($"/FollowUps?lop={course.CourseId}&thang={month}&tt=den-han")).ShouldContain("3 bản ghi");
        TestBrowser.HtmlText(await browser.GetHtmlAsync($"/FollowUps?lop={course.CourseId}&thang={month}&tt=qua-han&moc=3")).ShouldContain("3 bản ghi");

        var entryUrl = $"/FollowUps/Entry?lop={course.CourseId}&thang={month}&tt=den-han";
        var entry = await browser.GetHtmlAsync(entryUrl);
        entry.ShouldContain($"name=\"Rows[0].EnrolmentId\"");
        var today = TestData.Clock.Today;
        var form = new Dictionary<string, string>();
        Row(form, 0, people[0].EnrolmentId, 6, EmploymentStatus.EmployedByEnterprise, today);
        Row(form, 1, people[1].EnrolmentId, 6, EmploymentStatus.SelfEmployed, completedOn, loan: true);
        Row(form, 2, people[2].EnrolmentId, 6, EmploymentStatus.Unemployed, today);
        Row(form, 3, people[0].EnrolmentId, 3, null, today);
        var refused = await browser.PostFormAsync(entryUrl, form, entryUrl);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var errors = TestBrowser.HtmlText(await refused.Content.ReadAsStringAsync());
        errors.ShouldContain($"Dòng 1 ({people[0].Name}, mốc 6 tháng): Làm việc cho doanh nghiệp: vui lòng chọn doanh nghiệp trong danh sách hoặc nhập tên nơi làm việc.");
        errors.ShouldContain($"Dòng 2 ({people[1].Name}, mốc 6 tháng): Ngày ghi nhận kết quả phải sau ngày hoàn thành khóa học ({Fmt(completedOn)}).");
        errors.ShouldNotContain("Dòng 3");
        (await CountAsync(course.CourseId)).ShouldBe(0);

        Row(form, 0, people[0].EnrolmentId, 6, EmploymentStatus.EmployedByEnterprise, today, employer: "Cơ sở chế biến chè Bình Lư");
        Row(form, 1, people[1].EnrolmentId, 6, EmploymentStatus.SelfEmployed, today, loan: true);
        var saved = await browser.PostFormAsync(entryUrl, form, entryUrl);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestBrowser.HtmlText(await saved.Content.ReadAsStringAsync()));
        (await CountAsync(course.CourseId)).ShouldBe(3);
        var outcomes = await TestData.WithDbAsync(db => db.EmploymentOutcomes.AsNoTracking().Where(o => o.Enrolment!.CourseId == course.CourseId).ToListAsync());
        outcomes.Single(o => o.EnrolmentId == people[0].EnrolmentId).EmployerName.ShouldBe("Cơ sở chế biến chè Bình Lư");
        outcomes.Single(o => o.EnrolmentId == people[1].EnrolmentId).LoanHelped.ShouldBeTrue();
        outcomes.Count(o => o.IsNewJob).ShouldBe(2);
        outcomes.ShouldAllBe(o => o.ResidenceCommuneId == commune.Id && o.Checkpoint == 6);

        TestBrowser.HtmlText(await browser.GetHtmlAsync($"/FollowUps?lop={course.CourseId}&thang={month}&tt=den-han")).ShouldContain("0 bản ghi");
        var record = TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Learners/Details/{people[1].LearnerId}"));
        record.ShouldContain("Việc làm sau đào tạo");
        record.ShouldContain("Tự tạo việc làm (có vay vốn)");

        var rows = await Xlsx.DownloadAsync(browser, $"/FollowUps?lop={course.CourseId}&thang={month}&handler=Export");
        rows.Count(r => people.Any(p => r.Contains(p.Name))).ShouldBe(3);
        var recorded = await Xlsx.DownloadAsync(browser, $"/FollowUps/Outcomes?q={Uri.EscapeDataString(people[0].Name)}&handler=Export");
        recorded.ShouldContain(r => r.Contains("Cơ sở chế biến chè Bình Lư"));
    }

    [Fact]
    public async Task The_api_lists_due_follow_ups_and_records_one_with_field_messages_in_vietnamese()
    {
        var commune = await TestData.CommuneAsync("Xã Tân Uyên");
        var (course, people, _) = await CompletionsAsync(commune, 1);
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);

        var due = await browser.Http.GetFromJsonAsync<JsonElement>($"/api/v1/follow-ups/due?lop={course.CourseId}&thang={ThisMonth:yyyy-MM}");
        due.GetProperty("total").GetInt32().ShouldBe(2);

        var future = await browser.PostJsonAsync("/api/v1/follow-ups/outcomes", new
        {
            enrolmentId = people[0].EnrolmentId, checkpoint = 6, status = "WorkingAbroad", outcomeOn = TestData.Clock.Today.AddDays(2),
        });
        future.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await future.Content.ReadAsStringAsync()).ShouldContain("Ngày ghi nhận kết quả không được sau ngày hôm nay.");

        var created = await browser.PostJsonAsync("/api/v1/follow-ups/outcomes", new
        {
            enrolmentId = people[0].EnrolmentId, checkpoint = 6, status = "WorkingAbroad", employerName = "Công ty Samsung (Hàn Quốc)",
            outcomeOn = TestData.Clock.Today,
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var read = await browser.Http.GetFromJsonAsync<JsonElement>($"/api/v1/follow-ups/outcomes/{id}");
        read.GetProperty("status").GetString().ShouldBe("WorkingAbroad");
        (await browser.Http.GetFromJsonAsync<JsonElement>($"/api/v1/follow-ups/due?lop={course.CourseId}&thang={ThisMonth:yyyy-MM}"))
            .GetProperty("total").GetInt32().ShouldBe(1);
    }

    private static string Fmt(DateOnly date) => date.ToString("dd/MM/yyyy");

    private static Task<int> CountAsync(int courseId) =>
        TestData.WithDbAsync(db => db.EmploymentOutcomes.CountAsync(o => o.Enrolment!.CourseId == courseId));
}
