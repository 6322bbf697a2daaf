using System.Net;
using System.Net.Http.Json;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Features.Jobs;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.Courses.TrainingTestData;
using static DaoTaoNghe.Tests.Features.Indicators.IndicatorTestData;
using static DaoTaoNghe.Tests.Features.Jobs.JobsTestData;

namespace DaoTaoNghe.Tests.Features.Jobs;

public class PlacementTests
{
    private static async Task<int> SessionAsync(TestBrowser centre, int communeId, string heldOn = "2026-03-15", bool online = false)
    {
        var form = new Dictionary<string, string>
        {
            ["Data.Kind"] = "Session", ["Data.Title"] = "Phiên giao dịch việc làm " + TestData.Unique(), ["Data.HeldOn"] = heldOn,
            ["Data.VenueCommuneId"] = communeId.ToString(),
        };
        if (online) form["Data.IsOnline"] = "true";
        var response = await centre.PostFormAsync("/Jobs/Sessions/Create", form);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()));
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    private static Task<HttpResponseMessage> ActAsync(TestBrowser browser, int sessionId, string handler, Dictionary<string, string> fields) =>
        browser.PostFormAsync($"/Jobs/Sessions/Details/{sessionId}", fields, $"/Jobs/Sessions/Details/{sessionId}?handler={handler}");

    [Fact]
    public async Task A_hire_at_a_session_becomes_exactly_one_employment_outcome_and_cannot_be_recorded_twice()
    {
        var tanUyen = await TestData.CommuneAsync("Xã Tân Uyên");
        var (enterpriseUser, enterpriseId, vacancyId, _) = await VacancyAsync("Công nhân nhà máy chè " + TestData.Unique());
        var (otherEnterprise, _) = await EnterpriseAsync();
        var (centreUser, centre) = await TestData.ProvinceActorAsync(Roles.EmploymentCentre);
        using var browser = await TestBrowser.SignedInAsync(centreUser);
        var person = await LearnerAsync(tanUyen.Id);
        var sessionId = await SessionAsync(browser, tanUyen.Id);

        (await ActAsync(browser, sessionId, "Enterprise", new() { ["enterpriseId"] = enterpriseId.ToString() })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ActAsync(browser, sessionId, "Seeker", new() { ["cccd"] = person.Cccd! })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var unknown = await ActAsync(browser, sessionId, "Seeker", new() { ["cccd"] = "012345678901" });
        (await ActAsync(browser, sessionId, "Propose", new() { ["vacancyId"] = vacancyId.ToString(), ["cccd"] = person.Cccd! })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var applicationId = await TestData.WithDbAsync(db => db.JobApplications.Where(a => a.VacancyId == vacancyId).Select(a => a.Id).SingleAsync());
        var tooEarly = await browser.PostJsonAsync($"/api/v1/job-applications/{applicationId}/status", new { status = "Hired" });
        (await ActAsync(browser, sessionId, "Advance", new() { ["applicationId"] = applicationId.ToString(), ["to"] = "Interviewed" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var hired = await browser.PostJsonAsync($"/api/v1/job-applications/{applicationId}/status", new { status = "Hired" });
        var again = await browser.PostJsonAsync($"/api/v1/job-applications/{applicationId}/status", new { status = "Hired" });

        TestBrowser.HtmlText(await unknown.Content.ReadAsStringAsync()).ShouldContain("Không tìm thấy người học có số CCCD này");
        tooEarly.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        hired.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var outcomes = await TestData.WithDbAsync(db => db.EmploymentOutcomes.Where(o => o.LearnerId == person.Id).ToListAsync());
        outcomes.Count.ShouldBe(1);
        outcomes[0].Source.ShouldBe(OutcomeSource.Hire);
        outcomes[0].SourceId.ShouldBe(applicationId);
        outcomes[0].Status.ShouldBe(EmploymentStatus.EmployedByEnterprise);
        outcomes[0].EnterpriseId.ShouldBe(enterpriseId);
        outcomes[0].RecordedByOrganisationId.ShouldBe(centre.Id);
        outcomes[0].IsNewJob.ShouldBeTrue();

        using var enterprise = await TestBrowser.SignedInAsync(enterpriseUser);
        var seen = TestBrowser.HtmlText(await enterprise.GetHtmlAsync($"/Jobs/Sessions/Details/{sessionId}"));
        seen.ShouldContain(person.FullName);
        seen.ShouldContain("Đã tuyển");
        (await enterprise.PostJsonAsync($"/api/v1/job-applications/{applicationId}/status", new { status = "Rejected" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var other = await TestBrowser.SignedInAsync(otherEnterprise);
        (await other.GetAsync($"/Jobs/Sessions/Details/{sessionId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"/api/v1/job-sessions/{sessionId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>A person without their card at hand is found by name (typed without diacritics) and birth date; a namesake born the same day asks for the CCCD.</summary>
    [Fact]
    public async Task A_job_seeker_is_added_by_name_and_birth_date_and_a_namesake_born_the_same_day_asks_for_the_cccd()
    {
        var tanUyen = await TestData.CommuneAsync("Xã Tân Uyên");
        var (centreUser, _) = await TestData.ProvinceActorAsync(Roles.EmploymentCentre);
        using var browser = await TestBrowser.SignedInAsync(centreUser);
        var name = "Lò Thị Tìm " + string.Concat(TestData.Unique().Select(c => (char)('a' + c % 26)));
        var born = new DateOnly(1990, 4, 2);
        await LearnerAsync(tanUyen.Id, born, name: name, withCccd: false);
        var sessionId = await SessionAsync(browser, tanUyen.Id);

        var typed = "  " + name.Replace("Lò Thị Tìm", "lo thi  TIM") + " ";
        (await ActAsync(browser, sessionId, "Seeker", new() { ["cccd"] = "", ["fullName"] = typed, ["birthDate"] = "1990-04-02" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Jobs/Sessions/Details/{sessionId}")).ShouldContain("Người tìm việc đến phiên (1) " + name);
        var wrongDay = await ActAsync(browser, sessionId, "Seeker", new() { ["cccd"] = "", ["fullName"] = name, ["birthDate"] = "1990-04-03" });
        TestBrowser.HtmlText(await wrongDay.Content.ReadAsStringAsync()).ShouldContain($"Không tìm thấy người học {name}, sinh ngày 03/04/1990 trong tỉnh");
        var noDate = await ActAsync(browser, sessionId, "Seeker", new() { ["cccd"] = "", ["fullName"] = name, ["birthDate"] = "" });
        TestBrowser.HtmlText(await noDate.Content.ReadAsStringAsync()).ShouldContain("Nhập ngày sinh của người tìm việc");

        await LearnerAsync(tanUyen.Id, born, name: name, withCccd: false);
        var second = await SessionAsync(browser, tanUyen.Id);
        var ambiguous = await ActAsync(browser, second, "Seeker", new() { ["cccd"] = "", ["fullName"] = name, ["birthDate"] = "1990-04-02" });
        TestBrowser.HtmlText(await ambiguous.Content.ReadAsStringAsync()).ShouldContain($"Có nhiều người học {name}, sinh ngày 02/04/1990 trong tỉnh; hãy nhập số CCCD");
        (await TestData.WithDbAsync(db => db.SessionSeekers.CountAsync(s => s.SessionId == second))).ShouldBe(0);
    }

    [Fact]
    public async Task A_hire_has_its_date_which_becomes_the_jobs_date_and_the_vacancy_shows_it()
    {
        var tanUyen = await TestData.CommuneAsync("Xã Tân Uyên");
        var (enterpriseUser, enterpriseId, vacancyId, _) = await VacancyAsync("Công nhân chế biến chè " + TestData.Unique());
        var (centreUser, _) = await TestData.ProvinceActorAsync(Roles.EmploymentCentre);
        using var centre = await TestBrowser.SignedInAsync(centreUser);
        var person = await LearnerAsync(tanUyen.Id);
        var today = TestData.Clock.Today;
        int applicationId;
        using (TestData.Clock.At(today.AddDays(-10)))
        {
            (await centre.PostJsonAsync("/api/v1/job-applications", new { vacancyId, cccd = person.Cccd })).StatusCode.ShouldBe(HttpStatusCode.Created);
            applicationId = await TestData.WithDbAsync(db => db.JobApplications.Where(a => a.VacancyId == vacancyId).Select(a => a.Id).SingleAsync());
            (await centre.PostJsonAsync($"/api/v1/job-applications/{applicationId}/status", new { status = "Interviewed" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        var beforeInterview = await centre.PostJsonAsync($"/api/v1/job-applications/{applicationId}/status", new { status = "Hired", on = today.AddDays(-11).ToString("yyyy-MM-dd") });
        var future = await centre.PostJsonAsync($"/api/v1/job-applications/{applicationId}/status", new { status = "Hired", on = today.AddDays(1).ToString("yyyy-MM-dd") });
        var hired = await centre.PostJsonAsync($"/api/v1/job-applications/{applicationId}/status", new { status = "Hired", on = today.AddDays(-3).ToString("yyyy-MM-dd") });

        beforeInterview.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await beforeInterview.Content.ReadAsStringAsync()).ShouldContain($"Ngày tuyển dụng phải từ ngày phỏng vấn {today.AddDays(-10):dd/MM/yyyy} đến hôm nay.");
        future.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        hired.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await TestData.WithDbAsync(db => db.EmploymentOutcomes.Where(o => o.LearnerId == person.Id).Select(o => o.OutcomeOn).SingleAsync()))
            .ShouldBe(today.AddDays(-3));
        using var enterprise = await TestBrowser.SignedInAsync(enterpriseUser);
        var vacancy = TestBrowser.HtmlText(await enterprise.GetHtmlAsync($"/Jobs/Vacancies/Details/{vacancyId}"));
        vacancy.ShouldContain($"{person.FullName} Đã tuyển {today.AddDays(-10):dd/MM/yyyy} {today.AddDays(-10):dd/MM/yyyy} {today.AddDays(-3):dd/MM/yyyy}");
        vacancy.ShouldMatch(@"Đã tuyển 1/\d+ người");
    }

    [Fact]
    public async Task Abroad_contracts_and_loans_to_start_work_feed_jobs_but_a_study_loan_does_not()
    {
        var tanUyen = await TestData.CommuneAsync("Xã Tân Uyên");
        var (centreUser, _) = await TestData.ProvinceActorAsync(Roles.EmploymentCentre);
        var (bankUser, bank) = await TestData.ProvinceActorAsync(Roles.SocialPolicyBank);
        var (otherBankUser, _) = await TestData.ProvinceActorAsync(Roles.SocialPolicyBank);
        var abroad = await LearnerAsync(tanUyen.Id);
        var starter = await LearnerAsync(tanUyen.Id);
        var student = await LearnerAsync(tanUyen.Id);
        using var centre = await TestBrowser.SignedInAsync(centreUser);
        using var bankBrowser = await TestBrowser.SignedInAsync(bankUser);

        var contract = await centre.PostFormAsync("/Jobs/Abroad/Create", new()
        {
            ["Data.Cccd"] = abroad.Cccd!, ["Data.Country"] = "Nhật Bản", ["Data.ReceivingCompany"] = "Công ty Nông sản Kagoshima",
            ["Data.SendingAgency"] = "Công ty CP Cung ứng nhân lực quốc tế", ["Data.DepartureOn"] = "2026-04-02", ["Data.ReturnOn"] = "2029-04-01",
        });
        var startLoan = await bankBrowser.PostFormAsync("/Jobs/Loans/Create", new()
        {
            ["Data.Cccd"] = starter.Cccd!, ["Data.Purpose"] = "StartWork", ["Data.Amount"] = "50.000.000", ["Data.LoanedOn"] = "2026-05-10", ["Data.Status"] = "Disbursed",
        });
        var studyLoan = await bankBrowser.PostFormAsync("/Jobs/Loans/Create", new()
        {
            ["Data.Cccd"] = student.Cccd!, ["Data.Purpose"] = "Study", ["Data.Amount"] = "4.000.000", ["Data.LoanedOn"] = "2026-05-11", ["Data.Status"] = "Disbursed",
        });
        var badLoan = await bankBrowser.PostFormAsync("/Jobs/Loans/Create", new()
        {
            ["Data.Cccd"] = "12", ["Data.Purpose"] = "Study", ["Data.Amount"] = "500", ["Data.LoanedOn"] = "2026-05-11",
        });

        contract.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        startLoan.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        studyLoan.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var refusal = TestBrowser.HtmlText(await badLoan.Content.ReadAsStringAsync());
        refusal.ShouldContain("Số tiền vay phải từ 1.000.000 đ đến 500.000.000 đ.");
        refusal.ShouldContain("Vui lòng chọn trạng thái khoản vay.");
        var outcomes = await TestData.WithDbAsync(db => db.EmploymentOutcomes
            .Where(o => o.LearnerId == abroad.Id || o.LearnerId == starter.Id || o.LearnerId == student.Id).ToListAsync());
        outcomes.Count.ShouldBe(2);
        var away = outcomes.Single(o => o.LearnerId == abroad.Id);
        away.Status.ShouldBe(EmploymentStatus.WorkingAbroad);
        away.Source.ShouldBe(OutcomeSource.AbroadContract);
        away.OutcomeOn.ShouldBe(new DateOnly(2026, 4, 2));
        var started = outcomes.Single(o => o.LearnerId == starter.Id);
        started.Source.ShouldBe(OutcomeSource.Loan);
        started.LoanHelped.ShouldBeTrue();
        started.RecordedByOrganisationId.ShouldBe(bank.Id);

        TestBrowser.HtmlText(await bankBrowser.GetHtmlAsync("/Jobs/Loans")).ShouldContain("50.000.000 đ");
        using var otherBank = await TestBrowser.SignedInAsync(otherBankUser);
        TestBrowser.HtmlText(await otherBank.GetHtmlAsync("/Jobs/Loans")).ShouldNotContain(starter.FullName);
        (await bankBrowser.GetAsync("/Jobs/Abroad")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await bankBrowser.GetAsync("/Jobs/Vacancies?handler=Export")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bankBrowser.GetAsync($"/Learners/Details/{starter.Id}")).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Sessions_enterprises_taking_part_vacancies_filled_loans_and_abroad_are_counted_to_the_number()
    {
        // Hires are dated the day they are decided: this test's year is 2026, after its loans (01/09/2026).
        using var _ = TestData.Clock.At(new DateOnly(2026, 12, 1));
        var p = await ProvinceAsync();
        var (centreUser, _) = await ActorAsync(Roles.EmploymentCentre, p.Province);
        var (bankUser, _) = await ActorAsync(Roles.SocialPolicyBank, p.Province);
        var (e1User, e1) = await ActorAsync(Roles.Enterprise, p.A);
        var (_, e2) = await ActorAsync(Roles.Enterprise, p.B);
        var occupation = await OccupationAsync("Chế biến nông sản", p.Province.Code);
        using var centre = await TestBrowser.SignedInAsync(centreUser);
        using var bank = await TestBrowser.SignedInAsync(bankUser);
        int vacancyId;
        using (var enterprise = await TestBrowser.SignedInAsync(e1User))
            vacancyId = await CreateVacancyAsync(enterprise, VacancyForm(occupation, p.B.Id, "Công nhân " + TestData.Unique()));

        var s1 = await SessionAsync(centre, p.A.Id, "2026-03-15");
        var s2 = await SessionAsync(centre, p.B.Id, "2026-06-20", online: true);
        await SessionAsync(centre, p.A.Id, "2025-12-20");
        foreach (var (session, enterprise) in new[] { (s1, e1), (s1, e2), (s2, e1) })
            (await ActAsync(centre, session, "Enterprise", new() { ["enterpriseId"] = enterprise.Id.ToString() })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var people = new List<Learner>();
        for (var i = 0; i < 3; i++) people.Add(await LearnerAsync(i == 2 ? p.B.Id : p.A.Id, sex: i == 0 ? Sex.Male : Sex.Female));
        foreach (var person in people)
            (await ActAsync(centre, s1, "Propose", new() { ["vacancyId"] = vacancyId.ToString(), ["cccd"] = person.Cccd! })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var applications = await TestData.WithDbAsync(db => db.JobApplications.Where(a => a.VacancyId == vacancyId).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync());
        foreach (var id in applications)
            (await centre.PostJsonAsync($"/api/v1/job-applications/{id}/status", new { status = "Interviewed" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await centre.PostJsonAsync($"/api/v1/job-applications/{applications[0]}/status", new { status = "Hired" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await centre.PostJsonAsync($"/api/v1/job-applications/{applications[1]}/status", new { status = "Hired" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await centre.PostJsonAsync($"/api/v1/job-applications/{applications[2]}/status", new { status = "Rejected" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var abroad = await LearnerAsync(p.A.Id);
        (await centre.PostFormAsync("/Jobs/Abroad/Create", new()
        {
            ["Data.Cccd"] = abroad.Cccd!, ["Data.Country"] = "Hàn Quốc", ["Data.ReceivingCompany"] = "Công ty Thủy sản Busan",
            ["Data.SendingAgency"] = "Công ty CP Nhân lực Quốc tế", ["Data.DepartureOn"] = "2026-08-01",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        foreach (var (purpose, status) in new[] { ("StartWork", "Disbursed"), ("StartWork", "Approved"), ("Study", "Disbursed") })
        {
            var borrower = await LearnerAsync(p.B.Id);
            (await bank.PostFormAsync("/Jobs/Loans/Create", new()
            {
                ["Data.Cccd"] = borrower.Cccd!, ["Data.Purpose"] = purpose, ["Data.Amount"] = "30.000.000", ["Data.LoanedOn"] = "2026-09-01", ["Data.Status"] = status,
            })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        using var admin = await AdminAsync(p);
        var y2026 = await ValuesAsync(admin, "period=2026");
        Value(y2026, "jobs.sessions").ShouldBe(2);
        Value(y2026, "jobs.session_enterprises").ShouldBe(3);
        Value(y2026, "jobs.vacancies_filled").ShouldBe(2);
        Value(y2026, "jobs.created").ShouldBe(4);
        Value(y2026, "jobs.women").ShouldBe(3);
        Value(y2026, "jobs.loans").ShouldBe(1);
        Value(y2026, "jobs.abroad").ShouldBe(1);
        Value(await ValuesAsync(admin, "period=2025"), "jobs.sessions").ShouldBe(1);
        var byCommune = Groups(await ValuesAsync(admin, "indicator=jobs.session_enterprises&period=2026&by=Commune"), "jobs.session_enterprises");
        byCommune[p.A.Id.ToString()].ShouldBe(2);
        byCommune[p.B.Id.ToString()].ShouldBe(1);
        var filled = Groups(await ValuesAsync(admin, "indicator=jobs.vacancies_filled&period=2026&by=Commune"), "jobs.vacancies_filled");
        filled[p.B.Id.ToString()].ShouldBe(2);
        (filled.GetValueOrDefault(p.A.Id.ToString()) ?? 0).ShouldBe(0);
    }
}
