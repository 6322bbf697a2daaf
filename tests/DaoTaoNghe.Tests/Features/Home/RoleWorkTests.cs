using System.Net;
using DaoTaoNghe.Features.Plans;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Imports;
using DaoTaoNghe.Tests.Features.Plans;
using DaoTaoNghe.Tests.Features.Reports;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.Courses.TrainingTestData;
using static DaoTaoNghe.Tests.Features.Jobs.JobsTestData;

namespace DaoTaoNghe.Tests.Features.Home;

/// <summary>
/// "Việc cần làm" for the roles beyond the commune and the institution: the enterprise, the employment
/// centre, the bank, a department, the inspector and the province admin each see what the test made
/// wait for them, counted within their own scope, the link lists it, and it goes when done.
/// </summary>
public class RoleWorkTests
{
    private static async Task<string> HomeAsync(TestBrowser browser) => TestBrowser.HtmlText(await browser.GetHtmlAsync("/"));

    [Fact]
    public async Task An_enterprise_and_the_employment_centre_are_told_of_a_person_put_forward_until_the_answer_is_recorded()
    {
        var tanUyen = await TestData.CommuneAsync("Xã Tân Uyên");
        var (enterpriseUser, _, vacancyId, title) = await VacancyAsync("Công nhân sao chè " + TestData.Unique());
        var (centreUser, _) = await TestData.ProvinceActorAsync(Roles.EmploymentCentre);
        using var enterprise = await TestBrowser.SignedInAsync(enterpriseUser);
        using var centre = await TestBrowser.SignedInAsync(centreUser);
        (await HomeAsync(enterprise)).ShouldNotContain("chờ phỏng vấn, quyết định");
        var person = await LearnerAsync(tanUyen.Id);

        (await centre.PostJsonAsync("/api/v1/job-applications", new { vacancyId, cccd = person.Cccd })).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await HomeAsync(enterprise)).ShouldContain("Tin tuyển dụng có người được giới thiệu chờ phỏng vấn, quyết định 1");
        (await enterprise.GetHtmlAsync("/")).ShouldContain("href=\"/Jobs/Vacancies?viec=cho-tra-loi\"");
        var listed = TestBrowser.HtmlText(await enterprise.GetHtmlAsync("/Jobs/Vacancies?viec=cho-tra-loi"));
        listed.ShouldContain(title);
        listed.ShouldContain("1 bản ghi");
        (await HomeAsync(centre)).ShouldContain("Tin tuyển dụng có người bạn giới thiệu chờ doanh nghiệp trả lời 1");
        TestBrowser.HtmlText(await centre.GetHtmlAsync("/Jobs/Vacancies?viec=cho-tra-loi")).ShouldContain(title);

        var applicationId = await TestData.WithDbAsync(db => db.JobApplications.Where(a => a.VacancyId == vacancyId).Select(a => a.Id).SingleAsync());
        (await centre.PostJsonAsync($"/api/v1/job-applications/{applicationId}/status", new { status = "Rejected" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await HomeAsync(enterprise)).ShouldNotContain("chờ phỏng vấn, quyết định");
        (await HomeAsync(centre)).ShouldNotContain("chờ doanh nghiệp trả lời");
        TestBrowser.HtmlText(await enterprise.GetHtmlAsync("/Jobs/Vacancies?viec=cho-tra-loi")).ShouldNotContain(title);
    }

    [Fact]
    public async Task An_enterprise_is_told_of_people_who_asked_about_its_vacancy_this_week()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var (enterpriseUser, _, vacancyId, _) = await VacancyAsync("Thợ hái chè " + TestData.Unique());
        using var enterprise = await TestBrowser.SignedInAsync(enterpriseUser);
        const string name = "Lò Thị Quan Tâm";
        using var visitor = Visitor();

        (await visitor.PostFormAsync($"/viec-lam/tin/{vacancyId}", InterestForm(binhLu, name))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await HomeAsync(enterprise)).ShouldContain("Người đăng ký quan tâm tin tuyển dụng trong 7 ngày qua 1");
        TestBrowser.HtmlText(await enterprise.GetHtmlAsync("/Jobs/Leads?viec=moi")).ShouldContain(name);
        using (TestData.Clock.At(TestData.Clock.Today.AddDays(7)))
        {
            (await HomeAsync(enterprise)).ShouldNotContain("Người đăng ký quan tâm tin tuyển dụng");
            TestBrowser.HtmlText(await enterprise.GetHtmlAsync("/Jobs/Leads?viec=moi")).ShouldNotContain(name);
        }
    }

    [Fact]
    public async Task The_employment_centre_is_told_of_its_sessions_in_the_coming_week()
    {
        var tanUyen = await TestData.CommuneAsync("Xã Tân Uyên");
        var (centreUser, _) = await TestData.ProvinceActorAsync(Roles.EmploymentCentre);
        using var centre = await TestBrowser.SignedInAsync(centreUser);
        var title = "Phiên giao dịch việc làm " + TestData.Unique();
        var response = await centre.PostFormAsync("/Jobs/Sessions/Create", new()
        {
            ["Data.Kind"] = "Session", ["Data.Title"] = title, ["Data.HeldOn"] = TestData.Clock.Today.AddDays(3).ToString("yyyy-MM-dd"),
            ["Data.VenueCommuneId"] = tanUyen.Id.ToString(),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()));

        (await HomeAsync(centre)).ShouldContain("Phiên giao dịch việc làm trong 7 ngày tới 1");
        TestBrowser.HtmlText(await centre.GetHtmlAsync("/Jobs/Sessions?viec=sap-dien-ra")).ShouldContain(title);
        using (TestData.Clock.At(TestData.Clock.Today.AddDays(4)))
            (await HomeAsync(centre)).ShouldNotContain("Phiên giao dịch việc làm trong 7 ngày tới");
    }

    [Fact]
    public async Task The_bank_is_told_of_a_loan_approved_but_not_yet_disbursed_until_it_records_the_disbursement()
    {
        var tanUyen = await TestData.CommuneAsync("Xã Tân Uyên");
        var (bankUser, _) = await TestData.ProvinceActorAsync(Roles.SocialPolicyBank);
        using var bank = await TestBrowser.SignedInAsync(bankUser);
        var borrower = await LearnerAsync(tanUyen.Id);
        var created = await bank.PostJsonAsync("/api/v1/loans", new { cccd = borrower.Cccd, purpose = "StartWork", amount = 30_000_000, loanedOn = TestData.Clock.Today.AddDays(-2).ToString("yyyy-MM-dd"), status = "Approved" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last());

        (await HomeAsync(bank)).ShouldContain("Khoản vay đã duyệt, chưa ghi giải ngân 1");
        var listed = TestBrowser.HtmlText(await bank.GetHtmlAsync("/Jobs/Loans?trang-thai=Approved"));
        listed.ShouldContain(borrower.FullName);
        listed.ShouldContain("Cho vay học nghề, việc làm 1 việc đang chờ");

        (await bank.PostJsonAsync($"/api/v1/loans/{id}/status", new { status = "Disbursed" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await HomeAsync(bank)).ShouldNotContain("chưa ghi giải ngân");
        TestBrowser.HtmlText(await bank.GetHtmlAsync("/Jobs/Loans")).ShouldNotContain("việc đang chờ");
    }

    [Fact]
    public async Task A_department_is_told_of_its_plan_task_past_its_year_until_it_reports_it_completed()
    {
        var (adminUser, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var (departmentUser, department) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        using var admin = await TestBrowser.SignedInAsync(adminUser);
        using var officer = await TestBrowser.SignedInAsync(departmentUser);
        var content = "Rà soát nhu cầu học nghề " + TestData.Unique();
        var taskId = await PlansTestData.TaskAsync(admin, await PlansTestData.PlanAsync(admin), lead: [department.Id], timeFrame: "Year", content: content);
        var lastYear = TestData.Clock.Year - 1;
        await TestData.WithDbAsync(db => db.PlanTasks.Where(t => t.Id == taskId).ExecuteUpdateAsync(t => t.SetProperty(x => x.FromYear, lastYear).SetProperty(x => x.ToYear, lastYear)));

        (await HomeAsync(officer)).ShouldContain("Nhiệm vụ kế hoạch đã quá thời hạn, chưa hoàn thành 1");
        var listed = TestBrowser.HtmlText(await officer.GetHtmlAsync($"/Plans/Tasks?viec={PlanWork.Overdue}"));
        listed.ShouldContain(content);
        listed.ShouldContain("1 bản ghi");

        var assignmentId = await TestData.WithDbAsync(db => db.TaskAssignments.Where(a => a.TaskId == taskId && a.OrganisationId == department.Id).Select(a => a.Id).SingleAsync());
        (await officer.PostJsonAsync($"/api/v1/tasks/assignments/{assignmentId}/updates", new { status = "Completed", note = "Đã rà soát xong." }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        (await HomeAsync(officer)).ShouldNotContain("Nhiệm vụ kế hoạch đã quá thời hạn");
    }

    [Fact]
    public async Task The_uploader_is_told_of_a_refused_file_for_a_week()
    {
        var (officerUser, _) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Bình Lư"));
        using var officer = await (await TestBrowser.SignedInAsync(officerUser)).WithAntiforgeryHeaderAsync();
        var response = await ImportSteps.PostAsync(officer.Http, "doi-ten.xlsx", "Ngày tổ chức,Xã, phường\n05/03/2026,Xã Bình Lư"u8.ToArray());
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        ImportSteps.Status(await ImportSteps.FollowAsync(officer.Http, response.Headers.Location!.ToString())).ShouldBe("Refused");

        (await HomeAsync(officer)).ShouldContain("Tệp nhập dữ liệu không thành công trong 7 ngày qua 1");
        TestBrowser.HtmlText(await officer.GetHtmlAsync("/Imports?viec=loi")).ShouldContain("doi-ten.xlsx");
        using (TestData.Clock.At(TestData.Clock.Today.AddDays(7)))
            (await HomeAsync(officer)).ShouldNotContain("Tệp nhập dữ liệu không thành công");
    }

    [Fact]
    public async Task The_province_admin_is_told_of_a_unit_late_with_its_report_until_it_is_sent()
    {
        var (adminUser, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var (officerUser, unit) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Hua Bum"));
        using var admin = await TestBrowser.SignedInAsync(adminUser);
        using var officer = await TestBrowser.SignedInAsync(officerUser);
        var obligation = await ReportsTestData.ObligationAsync(admin, [unit.Id], ReportsTestData.TodayInVietnam.AddDays(-2));
        var id = await ReportsTestData.ReportIdAsync(obligation, unit.Id);

        (await HomeAsync(admin)).ShouldContain("Báo cáo quá hạn mà đơn vị chưa gửi");
        (await admin.GetHtmlAsync("/")).ShouldContain("href=\"/Reports?qua-han=true\"");
        TestBrowser.HtmlText(await admin.GetHtmlAsync($"/Reports?qua-han=true&yeu-cau={obligation}")).ShouldContain("1 bản ghi");

        await ReportsTestData.SubmitByApiAsync(officer, id);

        TestBrowser.HtmlText(await admin.GetHtmlAsync($"/Reports?qua-han=true&yeu-cau={obligation}")).ShouldContain("(0 bản ghi)");
        TestBrowser.HtmlText(await admin.GetHtmlAsync($"/Reports?yeu-cau={obligation}")).ShouldContain("1 bản ghi");
    }

    [Fact]
    public async Task The_inspector_is_told_of_exports_of_personal_data_this_week()
    {
        var (inspectorUser, _) = await TestData.ProvinceActorAsync(Roles.Inspector);
        var (enterpriseUser, _, _, _) = await VacancyAsync("Thợ vận hành máy sấy chè " + TestData.Unique());
        using var inspector = await TestBrowser.SignedInAsync(inspectorUser);
        using var enterprise = await TestBrowser.SignedInAsync(enterpriseUser);

        (await enterprise.GetAsync("/Jobs/Leads?handler=Export")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var from = TestData.Clock.Today.AddDays(-6).ToString("yyyy-MM-dd");
        (await HomeAsync(inspector)).ShouldMatch(@"Lần xuất dữ liệu có thông tin cá nhân trong 7 ngày qua \d+");
        (await inspector.GetHtmlAsync("/")).ShouldContain($"href=\"/Audit?thao-tac=Export&amp;ca-nhan=true&amp;tu={from}\"");
        TestBrowser.HtmlText(await inspector.GetHtmlAsync($"/Audit?thao-tac=Export&ca-nhan=true&tu={from}&nguoi-dung={enterpriseUser}")).ShouldContain("1 bản ghi");
        TestBrowser.HtmlText(await inspector.GetHtmlAsync($"/Audit?thao-tac=Export&ca-nhan=true&tu={TestData.Clock.Today.AddDays(1):yyyy-MM-dd}&nguoi-dung={enterpriseUser}"))
            .ShouldContain("(0 bản ghi)");
    }
}
