using System.Net;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Courses;
using DaoTaoNghe.Tests.Features.FollowUps;
using DaoTaoNghe.Tests.Features.Learners;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.PersonalData;

/// <summary>
/// A person's request about their data is registered with its legal deadlines, seen only by the
/// officers of the person's commune and the province, put on the responsible officer's home page
/// until it is done, and a "see my data" request is answered with a workbook of what is held.
/// </summary>
public class SubjectRequestsTests
{
    private static Dictionary<string, string> Form(string name, string cccd, int communeId, string kind = "See", string received = "", int? learnerId = null) => new()
    {
        ["Data.LearnerId"] = learnerId?.ToString() ?? "",
        ["Data.PersonName"] = learnerId is null ? name : "",
        ["Data.Cccd"] = learnerId is null ? cccd : "",
        ["Data.CommuneId"] = learnerId is null ? communeId.ToString() : "",
        ["Data.Kind"] = kind,
        ["Data.ReceivedOn"] = received == "" ? TestData.Clock.Today.ToString("yyyy-MM-dd") : received,
        ["Data.Content"] = "Đề nghị cung cấp dữ liệu cá nhân đang lưu giữ",
        ["Data.OfficerId"] = "",
    };

    private static async Task<int> CreateAsync(TestBrowser browser, Dictionary<string, string> form, string officer)
    {
        form["Data.OfficerId"] = (await TestData.WithDbAsync(db => db.Users.Where(u => u.UserName == officer).Select(u => u.Id).SingleAsync())).ToString();
        var response = await browser.PostFormAsync("/PersonalData/Create", form);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()));
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    [Fact]
    public async Task A_request_received_before_a_holiday_and_due_on_a_weekend_shows_its_working_day_deadlines()
    {
        // Friday 24/4/2026: Monday 27/4 is the Giỗ Tổ day off, so two working days end Wednesday 29/4;
        // fifteen days end Saturday 9/5, so the request is carried out by Monday 11/5.
        using var _ = TestData.Clock.At(new DateOnly(2026, 4, 24));
        var commune = await TestData.CommuneAsync("Xã Tân Uyên");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var name = LearnerTestData.Name("Giàng A");

        var id = await CreateAsync(browser, Form(name, LearnerTestData.Cccd(Sex.Male, 1990), commune.Id, "Correct", "2026-04-24"), officer);

        var page = TestBrowser.HtmlText(await browser.GetHtmlAsync($"/PersonalData/Details/{id}"));
        page.ShouldContain("Hạn trả lời 29/04/2026");
        page.ShouldContain("Hạn thực hiện 11/05/2026");
        page.ShouldContain("muộn nhất ngày 26/05/2026");
        TestBrowser.HtmlText(await browser.GetHtmlAsync($"/PersonalData?q={Uri.EscapeDataString(name)}")).ShouldContain(name);
    }

    [Fact]
    public async Task A_bad_form_names_each_field_and_saves_nothing()
    {
        var commune = await TestData.CommuneAsync("Xã Tân Uyên");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var name = LearnerTestData.Name("Giàng A");
        var form = Form(name, "12345", commune.Id, kind: "");
        form["Data.OfficerId"] = "";

        var response = await browser.PostFormAsync("/PersonalData/Create", form);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = TestBrowser.HtmlText(await response.Content.ReadAsStringAsync());
        page.ShouldContain("Vui lòng chọn loại yêu cầu.");
        page.ShouldContain("Số CCCD phải gồm đúng 12 chữ số.");
        page.ShouldContain("Vui lòng chọn cán bộ phụ trách.");
        (await TestData.WithDbAsync(db => db.SubjectRequests.IgnoreQueryFilters().CountAsync(r => r.PersonName == name))).ShouldBe(0);
    }

    [Fact]
    public async Task Another_communes_officer_finds_no_such_request()
    {
        var commune = await TestData.CommuneAsync("Xã Tân Uyên");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        var (stranger, _) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Mường Kim"));
        using var browser = await TestBrowser.SignedInAsync(officer);
        var name = LearnerTestData.Name("Giàng A");
        var id = await CreateAsync(browser, Form(name, LearnerTestData.Cccd(Sex.Male, 1990), commune.Id), officer);

        using var other = await TestBrowser.SignedInAsync(stranger);
        (await other.GetAsync($"/PersonalData/Details/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        TestBrowser.HtmlText(await other.GetHtmlAsync($"/PersonalData?q={Uri.EscapeDataString(name)}")).ShouldNotContain(name);
    }

    [Fact]
    public async Task The_responsible_officer_sees_the_request_at_home_until_it_is_done()
    {
        var commune = await TestData.CommuneAsync("Xã Tân Uyên");
        var (clerk, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(clerk);
        var name = LearnerTestData.Name("Giàng A");
        var id = await CreateAsync(browser, Form(name, LearnerTestData.Cccd(Sex.Male, 1990), commune.Id, "WithdrawConsent"), officer);
        var answerBy = await TestData.WithDbAsync(db => db.SubjectRequests.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.AnswerBy).SingleAsync());

        using var responsible = await TestBrowser.SignedInAsync(officer);
        var home = await responsible.GetHtmlAsync("/");
        TestBrowser.HtmlText(home).ShouldContain($"Rút lại sự đồng ý: {name}, hạn trả lời {answerBy:dd/MM/yyyy}");
        home.ShouldContain($"href=\"/PersonalData/Details/{id}\"");
        TestBrowser.HtmlText(await browser.GetHtmlAsync("/")).ShouldNotContain(name);

        var refused = await responsible.PostFormAsync($"/PersonalData/Details/{id}", new() { ["ClosingData.Note"] = "" }, $"/PersonalData/Details/{id}?handler=Close");
        TestBrowser.HtmlText(await refused.Content.ReadAsStringAsync()).ShouldContain("Vui lòng nhập kết quả xử lý yêu cầu.");
        var closed = await responsible.PostFormAsync($"/PersonalData/Details/{id}",
            new() { ["ClosingData.Note"] = "Đã ngừng xử lý dữ liệu nhạy cảm, ghi nhận việc rút lại sự đồng ý." }, $"/PersonalData/Details/{id}?handler=Close");
        closed.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        TestBrowser.HtmlText(await responsible.GetHtmlAsync("/")).ShouldNotContain(name);
        TestBrowser.HtmlText(await responsible.GetHtmlAsync($"/PersonalData/Details/{id}")).ShouldContain("Đã hoàn thành");
    }

    [Fact]
    public async Task A_see_my_data_request_is_answered_with_the_persons_record_and_courses_and_the_download_is_audited()
    {
        var commune = await TestData.CommuneAsync("Xã Tân Uyên");
        var (course, people, _) = await FollowUpsTests.CompletionsAsync(commune, 1);
        var courseName = (await TrainingTestData.CourseAsync(course.CourseId)).Name;
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var id = await CreateAsync(browser, Form("", "", commune.Id, "See", learnerId: people[0].LearnerId), officer);
        TestBrowser.HtmlText(await browser.GetHtmlAsync($"/PersonalData/Details/{id}")).ShouldContain(people[0].Name);

        var response = await browser.GetAsync($"/PersonalData/Details/{id}?handler=Data");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var content = await response.Content.ReadAsByteArrayAsync();
        var record = Xlsx.ReadRows(content).SelectMany(r => r).ToList();
        var courses = Xlsx.ReadRows(content, 1).SelectMany(r => r).ToList();

        record.ShouldContain(people[0].Name);
        courses.ShouldContain(courseName);
        (await TestData.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.UserName == officer && a.Action == AuditAction.Export && a.EntityType == $"Dữ liệu cá nhân của người yêu cầu (yêu cầu số {id})" && a.ContainsPersonalData)))
            .ShouldBeTrue();

        var (stranger, _) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Mường Kim"));
        using var other = await TestBrowser.SignedInAsync(stranger);
        (await other.GetAsync($"/PersonalData/Details/{id}?handler=Data")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
