using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
    [Fact]
    public async Task The_answer_to_see_my_data_holds_the_loans_and_contracts_others_keep_on_the_person_though_the_commune_cannot_list_them()
    {
        var commune = await TestData.CommuneAsync("Xã Tân Uyên");
        var person = await TrainingTestData.LearnerAsync(commune.Id);
        var (bankUser, _) = await TestData.ProvinceActorAsync(Roles.SocialPolicyBank);
        var (centreUser, _) = await TestData.ProvinceActorAsync(Roles.EmploymentCentre);
        using (var bank = await TestBrowser.SignedInAsync(bankUser))
            (await bank.PostJsonAsync("/api/v1/loans", new { cccd = person.Cccd, purpose = "Study", amount = 12_000_000, loanedOn = "2026-05-10", status = "Disbursed" }))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        using (var centre = await TestBrowser.SignedInAsync(centreUser))
            (await centre.PostJsonAsync("/api/v1/abroad-contracts", new
            {
                cccd = person.Cccd, country = "Hàn Quốc", receivingCompany = "Công ty Thủy sản Busan", sendingAgency = "Công ty CP Nhân lực Tây Bắc",
                departureOn = "2026-06-02", returnOn = "2029-06-01",
            })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var id = await CreateAsync(browser, Form("", "", commune.Id, "See", learnerId: person.Id), officer);

        var content = await (await browser.GetAsync($"/PersonalData/Details/{id}?handler=Data")).Content.ReadAsByteArrayAsync();

        var jobs = Xlsx.ReadRows(content, 3).SkipWhile(r => r.FirstOrDefault() != "Loại").Skip(1).ToList();
        jobs.Select(r => (r[0], r[2], r[3], r.ElementAtOrDefault(4) ?? "")).ShouldBe([
            ("Vay vốn Ngân hàng Chính sách xã hội", "Vay để học nghề: 12.000.000 đ", jobs[0][3], "Đã giải ngân"),
            ("Hợp đồng đi làm việc ở nước ngoài", "Hàn Quốc – Công ty Thủy sản Busan",
                "doanh nghiệp đưa đi: Công ty CP Nhân lực Tây Bắc; về nước ngày 01/06/2029", ""),
        ]);
        jobs[0][3].ShouldNotBeNullOrEmpty("the lending branch is named");
        (await browser.Http.GetAsync("/api/v1/loans")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the commune reads them only in the person's answer");
    }
    [Fact]
    public async Task A_request_left_unanswered_past_its_answer_date_is_overdue_at_home_until_answered_and_then_shows_the_carry_out_date()
    {
        // Received Monday 16/11/2026: answer by Wednesday 18/11, carry out by Tuesday 1/12; today is Monday 23/11.
        using var _ = TestData.Clock.At(new DateOnly(2026, 11, 23));
        var commune = await TestData.CommuneAsync("Xã Tân Uyên");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var name = LearnerTestData.Name("Giàng A");
        var id = await CreateAsync(browser, Form(name, LearnerTestData.Cccd(Sex.Male, 1990), commune.Id, "Correct", "2026-11-16"), officer);
        var url = $"/PersonalData/Details/{id}";

        TestBrowser.HtmlText(await browser.GetHtmlAsync("/")).ShouldContain($"Sửa dữ liệu: {name}, chưa trả lời, quá hạn trả lời 18/11/2026");
        TestBrowser.HtmlText(await browser.GetHtmlAsync(url)).ShouldContain("chưa trả lời, quá hạn");

        var empty = await browser.PostFormAsync(url, new() { ["AnsweringData.Note"] = "" }, $"{url}?handler=Answer");
        TestBrowser.HtmlText(await empty.Content.ReadAsStringAsync()).ShouldContain("Vui lòng nhập nội dung đã trả lời người yêu cầu.");
        (await browser.PostFormAsync(url, new() { ["AnsweringData.Note"] = "Đã hẹn ông đến UBND xã mang CCCD để đối chiếu." }, $"{url}?handler=Answer"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var home = TestBrowser.HtmlText(await browser.GetHtmlAsync("/"));
        home.ShouldContain($"Sửa dữ liệu: {name}, hạn thực hiện 01/12/2026");
        home.ShouldNotContain($"{name}, chưa trả lời");
        var page = TestBrowser.HtmlText(await browser.GetHtmlAsync(url));
        page.ShouldContain("Đã trả lời ngày 23/11/2026: Đã hẹn ông đến UBND xã mang CCCD để đối chiếu.");
        page.ShouldNotContain("chưa trả lời, quá hạn");
        var stored = await TestData.WithDbAsync(db => db.SubjectRequests.IgnoreQueryFilters().SingleAsync(r => r.Id == id));
        (stored.AnsweredOn, stored.Status).ShouldBe((new DateOnly(2026, 11, 23), DaoTaoNghe.Features.PersonalData.SubjectRequestStatus.Open));
    }

    [Fact]
    public async Task A_request_is_extended_once_within_fifteen_days_and_the_register_exports_it_to_excel()
    {
        using var _ = TestData.Clock.At(new DateOnly(2026, 11, 23));
        var commune = await TestData.CommuneAsync("Xã Tân Uyên");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var name = LearnerTestData.Name("Lò Thị");
        // Received Monday 23/11: carried out by Tuesday 8/12, extended at the latest to Wednesday 23/12.
        var id = await CreateAsync(browser, Form(name, LearnerTestData.Cccd(Sex.Female, 1992), commune.Id, "DeleteOrRestrict", "2026-11-23"), officer);
        var url = $"/PersonalData/Details/{id}";
        Task<HttpResponseMessage> ExtendAsync(string until, string reason) =>
            browser.PostFormAsync(url, new() { ["ExtensionData.Until"] = until, ["ExtensionData.Reason"] = reason }, $"{url}?handler=Extend");

        var tooLong = TestBrowser.HtmlText(await (await ExtendAsync("2026-12-24", "Chờ cơ sở đào tạo xác nhận")).Content.ReadAsStringAsync());
        var noReason = TestBrowser.HtmlText(await (await ExtendAsync("2026-12-20", "")).Content.ReadAsStringAsync());
        var extended = await ExtendAsync("2026-12-23", "Chờ cơ sở đào tạo xác nhận việc xóa dữ liệu");
        var again = TestBrowser.HtmlText(await (await ExtendAsync("2026-12-22", "Lần nữa")).Content.ReadAsStringAsync());

        tooLong.ShouldContain("Gia hạn đến ngày: chỉ được gia hạn không quá 15 ngày, tức muộn nhất ngày 23/12/2026.");
        noReason.ShouldContain("Vui lòng nhập lý do gia hạn.");
        extended.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        again.ShouldContain("Yêu cầu đã được gia hạn một lần; pháp luật chỉ cho phép gia hạn một lần.");
        var stored = await TestData.WithDbAsync(db => db.SubjectRequests.IgnoreQueryFilters().SingleAsync(r => r.Id == id));
        (stored.CarryOutBy, stored.ExtendedFrom, stored.ExtensionReason).ShouldBe((new DateOnly(2026, 12, 23), new DateOnly(2026, 12, 8), "Chờ cơ sở đào tạo xác nhận việc xóa dữ liệu"));

        var rows = await Xlsx.DownloadAsync(browser, $"/PersonalData?handler=Export&q={Uri.EscapeDataString(name)}");
        var header = rows.First(r => r.FirstOrDefault() == "Người yêu cầu");
        var row = rows.Single(r => r.FirstOrDefault() == name);
        row[header.IndexOf("Loại yêu cầu")].ShouldBe("Xóa hoặc hạn chế xử lý");
        row[header.IndexOf("Đã gia hạn")].ShouldBe("Có");
        row[header.IndexOf("Trạng thái")].ShouldBe("Đang xử lý");
        (await TestData.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.UserName == officer && a.Action == AuditAction.Export && a.EntityType == "Yêu cầu về dữ liệu cá nhân" && a.ContainsPersonalData)))
            .ShouldBeTrue();
    }

    [Fact]
    public async Task The_api_pages_the_requests_the_caller_may_see_and_the_learners_page_leads_to_them()
    {
        var commune = await TestData.CommuneAsync("Xã Tân Uyên");
        var person = await TrainingTestData.LearnerAsync(commune.Id);
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        var (stranger, _) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Mường Kim"));
        var (staff, _) = await TestData.ActorAsync(Roles.InstitutionStaff, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        using var other = await TestBrowser.SignedInAsync(stranger);
        using var institution = await TestBrowser.SignedInAsync(staff);
        var id = await CreateAsync(browser, Form("", "", commune.Id, "See", learnerId: person.Id), officer);
        var search = $"/api/v1/personal-data/requests?q={Uri.EscapeDataString(person.FullName)}";

        var mine = await browser.Http.GetFromJsonAsync<JsonElement>(search + "&pageSize=1");
        var one = await browser.Http.GetFromJsonAsync<JsonElement>($"/api/v1/personal-data/requests/{id}");
        var theirs = await other.Http.GetFromJsonAsync<JsonElement>(search);

        mine.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ShouldBe([id]);
        (mine.GetProperty("page").GetInt32(), mine.GetProperty("pageSize").GetInt32(), mine.GetProperty("total").GetInt32()).ShouldBe((1, 1, 1));
        (one.GetProperty("personName").GetString(), one.GetProperty("kind").GetString()).ShouldBe((person.FullName, "See"));
        one.GetProperty("answeredOn").ValueKind.ShouldBe(JsonValueKind.Null);
        theirs.GetProperty("total").GetInt32().ShouldBe(0);
        (await other.GetAsync($"/api/v1/personal-data/requests/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await institution.GetAsync("/api/v1/personal-data/requests")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.GetAsync(search + "&pageSize=201")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TestData.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.UserName == officer && a.Action == AuditAction.View && a.EntityType == "SubjectRequest" && a.EntityId == null
            && a.Summary!.Contains(id.ToString())))).ShouldBeTrue();

        var learnerPage = await browser.GetHtmlAsync($"/Learners/Details/{person.Id}");
        learnerPage.ShouldContain($"href=\"/PersonalData/Details/{id}\"");
        learnerPage.ShouldContain($"href=\"/PersonalData/Create?nguoi-hoc={person.Id}\"");
        var (reader, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        using var department = await TestBrowser.SignedInAsync(reader);
        (await department.GetHtmlAsync($"/Learners/Details/{person.Id}")).ShouldNotContain("/PersonalData/", customMessage: "a role that handles no requests is not led to them");
    }
}
