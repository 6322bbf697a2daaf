using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.Courses.TrainingTestData;

namespace DaoTaoNghe.Tests.Features.Jobs;

/// <summary>The bank's and the centre's own software records loans and contracts through the API, under the pages' rules.</summary>
public class LoansAndAbroadApiTests
{
    [Fact]
    public async Task A_bank_records_a_loan_and_a_centre_a_contract_as_the_forms_do()
    {
        var tanUyen = await TestData.CommuneAsync("Xã Tân Uyên");
        var (bankUser, _) = await TestData.ProvinceActorAsync(Roles.SocialPolicyBank);
        var (otherBankUser, _) = await TestData.ProvinceActorAsync(Roles.SocialPolicyBank);
        var (centreUser, _) = await TestData.ProvinceActorAsync(Roles.EmploymentCentre);
        var starter = await LearnerAsync(tanUyen.Id);
        var worker = await LearnerAsync(tanUyen.Id);
        using var bank = await TestBrowser.SignedInAsync(bankUser);
        using var otherBank = await TestBrowser.SignedInAsync(otherBankUser);
        using var centre = await TestBrowser.SignedInAsync(centreUser);

        var loan = await bank.PostJsonAsync("/api/v1/loans", new { cccd = starter.Cccd, purpose = "StartWork", amount = 50_000_000, loanedOn = "2026-05-10", status = "Disbursed" });
        var refused = await bank.PostJsonAsync("/api/v1/loans", new { cccd = starter.Cccd, purpose = "Study", amount = 500, loanedOn = "2026-05-11" });
        var contract = await centre.PostJsonAsync("/api/v1/abroad-contracts", new
        {
            cccd = worker.Cccd, country = "Nhật Bản", receivingCompany = "Công ty Nông sản Kagoshima",
            sendingAgency = "Công ty CP Cung ứng nhân lực quốc tế", departureOn = "2026-04-02", returnOn = "2029-04-01",
        });
        var byCentre = await centre.PostJsonAsync("/api/v1/loans", new { cccd = starter.Cccd, purpose = "Study", amount = 5_000_000, loanedOn = "2026-05-11", status = "Disbursed" });

        loan.StatusCode.ShouldBe(HttpStatusCode.Created);
        contract.StatusCode.ShouldBe(HttpStatusCode.Created);
        byCentre.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject()
            .SelectMany(e => e.Value.EnumerateArray().Select(m => m.GetString())).ToList();
        errors.ShouldContain("Số tiền vay phải từ 1.000.000 đ đến 500.000.000 đ.");
        errors.ShouldContain("Vui lòng chọn trạng thái khoản vay.");
        var loanId = (await loan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var sources = await TestData.WithDbAsync(db => db.EmploymentOutcomes
            .Where(o => o.LearnerId == starter.Id || o.LearnerId == worker.Id).Select(o => o.Source).ToListAsync());
        sources.OrderBy(s => s).ShouldBe(new[] { OutcomeSource.Loan, OutcomeSource.AbroadContract }.OrderBy(s => s));

        var own = await bank.Http.GetFromJsonAsync<JsonElement>("/api/v1/loans?nam=2026");
        var others = await otherBank.Http.GetFromJsonAsync<JsonElement>("/api/v1/loans?nam=2026");
        var contracts = await centre.Http.GetFromJsonAsync<JsonElement>("/api/v1/abroad-contracts?nuoc=Nhật Bản");
        own.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ShouldContain(loanId);
        others.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ShouldNotContain(loanId);
        contracts.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("learnerId").GetInt32()).ShouldContain(worker.Id);
    }

    [Fact]
    public async Task A_loan_is_read_and_its_status_followed_and_a_paid_out_loan_to_start_work_becomes_a_job()
    {
        var tanUyen = await TestData.CommuneAsync("Xã Tân Uyên");
        var (bankUser, _) = await TestData.ProvinceActorAsync(Roles.SocialPolicyBank);
        var (otherBankUser, _) = await TestData.ProvinceActorAsync(Roles.SocialPolicyBank);
        var (adminUser, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var borrower = await LearnerAsync(tanUyen.Id);
        using var bank = await TestBrowser.SignedInAsync(bankUser);
        using var otherBank = await TestBrowser.SignedInAsync(otherBankUser);
        using var admin = await TestBrowser.SignedInAsync(adminUser);
        var created = await bank.PostJsonAsync("/api/v1/loans", new { cccd = borrower.Cccd, purpose = "StartWork", amount = 30_000_000, loanedOn = "2026-03-02", status = "Approved" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        created.Headers.Location!.OriginalString.ShouldBe($"/api/v1/loans/{id}");
        Task<int> JobsAsync() => TestData.WithDbAsync(db => db.EmploymentOutcomes.CountAsync(o => o.LearnerId == borrower.Id && o.Source == OutcomeSource.Loan));

        var loan = await bank.Http.GetFromJsonAsync<JsonElement>($"/api/v1/loans/{id}");
        var approvedJobs = await JobsAsync();
        var paidOut = await bank.PostJsonAsync($"/api/v1/loans/{id}/status", new { status = "Disbursed" });
        var back = await bank.PostJsonAsync($"/api/v1/loans/{id}/status", new { status = "Approved" });
        var byOther = await otherBank.PostJsonAsync($"/api/v1/loans/{id}/status", new { status = "Repaid" });
        var byAdmin = await admin.PostJsonAsync($"/api/v1/loans/{id}/status", new { status = "Repaid" });
        var page = TestBrowser.HtmlText(await bank.GetHtmlAsync($"/Jobs/Loans/Details/{id}"));
        var repaid = await bank.PostFormAsync($"/Jobs/Loans/Details/{id}", new() { ["Change.Status"] = "Repaid" }, $"/Jobs/Loans/Details/{id}?handler=Status");

        loan.GetProperty("status").GetString().ShouldBe("Approved");
        loan.GetProperty("borrowerName").GetString().ShouldBe(borrower.FullName);
        approvedJobs.ShouldBe(0, "an approved loan not yet paid out is not a job yet");
        paidOut.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        back.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await back.Content.ReadAsStringAsync()).ShouldContain("không trở lại trạng thái đã duyệt");
        byOther.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        byAdmin.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        page.ShouldContain("Đã giải ngân");
        repaid.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await bank.Http.GetFromJsonAsync<JsonElement>($"/api/v1/loans/{id}")).GetProperty("status").GetString().ShouldBe("Repaid");
        (await JobsAsync()).ShouldBe(1, "paid out: the person's new job, once");
        (await otherBank.GetAsync($"/api/v1/loans/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_contract_abroad_is_read_and_corrected_and_the_persons_outcome_follows_it()
    {
        var tanUyen = await TestData.CommuneAsync("Xã Tân Uyên");
        var (centreUser, _) = await TestData.ProvinceActorAsync(Roles.EmploymentCentre);
        var (bankUser, _) = await TestData.ProvinceActorAsync(Roles.SocialPolicyBank);
        var worker = await LearnerAsync(tanUyen.Id);
        var someoneElse = await LearnerAsync(tanUyen.Id);
        using var centre = await TestBrowser.SignedInAsync(centreUser);
        using var bank = await TestBrowser.SignedInAsync(bankUser);
        var body = new
        {
            cccd = worker.Cccd, country = "Hàn Quốc", receivingCompany = "Công ty Nông nghiệp Jeju", sendingAgency = "Công ty CP Nhân lực Tây Bắc",
            departureOn = "2026-02-10", returnOn = "2029-02-09",
        };
        var created = await centre.PostJsonAsync("/api/v1/abroad-contracts", body);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var edited = await centre.Http.PutAsJsonAsync($"/api/v1/abroad-contracts/{id}", body with { departureOn = "2026-03-01", returnOn = "2027-08-31" });
        var otherPerson = await centre.Http.PutAsJsonAsync($"/api/v1/abroad-contracts/{id}", body with { cccd = someoneElse.Cccd });
        var contract = await centre.Http.GetFromJsonAsync<JsonElement>($"/api/v1/abroad-contracts/{id}");
        var form = TestBrowser.HtmlText(await centre.GetHtmlAsync($"/Jobs/Abroad/Edit/{id}"));

        edited.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        otherPerson.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await otherPerson.Content.ReadAsStringAsync()).ShouldContain("không đổi được số CCCD người lao động");
        contract.GetProperty("returnOn").GetString().ShouldBe("2027-08-31");
        contract.GetProperty("learnerId").GetInt32().ShouldBe(worker.Id);
        form.ShouldContain("Sửa hợp đồng đi làm việc ở nước ngoài");
        var outcome = await TestData.WithDbAsync(db => db.EmploymentOutcomes.SingleAsync(o => o.LearnerId == worker.Id));
        outcome.OutcomeOn.ShouldBe(new DateOnly(2026, 3, 1));
        (await bank.GetAsync($"/api/v1/abroad-contracts/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_session_is_corrected_on_its_page_and_through_the_API_by_the_same_rules()
    {
        var tanUyen = await TestData.CommuneAsync("Xã Tân Uyên");
        var (centreUser, _) = await TestData.ProvinceActorAsync(Roles.EmploymentCentre);
        var (otherCentreUser, _) = await TestData.ProvinceActorAsync(Roles.EmploymentCentre);
        var seeker = await LearnerAsync(tanUyen.Id);
        using var centre = await TestBrowser.SignedInAsync(centreUser);
        using var otherCentre = await TestBrowser.SignedInAsync(otherCentreUser);
        var created = await centre.PostJsonAsync("/api/v1/job-sessions", new { kind = "Session", title = "Phiên tháng 3", heldOn = "2026-03-15", venueCommuneId = tanUyen.Id });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var api = await centre.Http.PutAsJsonAsync($"/api/v1/job-sessions/{id}", new { kind = "Fair", title = "Ngày hội việc làm Tân Uyên", heldOn = "2026-03-22", venueCommuneId = tanUyen.Id });
        var refused = await centre.Http.PutAsJsonAsync($"/api/v1/job-sessions/{id}", new { kind = "Fair", title = "", heldOn = "2026-03-22", venueCommuneId = tanUyen.Id });
        var foreign = await otherCentre.Http.PutAsJsonAsync($"/api/v1/job-sessions/{id}", new { kind = "Fair", title = "Của đơn vị khác", heldOn = "2026-03-22", venueCommuneId = tanUyen.Id });
        var seekerAdded = await centre.PostJsonAsync($"/api/v1/job-sessions/{id}/seekers", new { cccd = seeker.Cccd });
        var page = await centre.PostFormAsync($"/Jobs/Sessions/Edit/{id}", new()
        {
            ["Data.Kind"] = "Fair", ["Data.Title"] = "Ngày hội việc làm Tân Uyên 2026", ["Data.HeldOn"] = "2026-03-29", ["Data.VenueCommuneId"] = tanUyen.Id.ToString(),
            ["Data.IsOnline"] = "true",
        });
        var session = await centre.Http.GetFromJsonAsync<JsonElement>($"/api/v1/job-sessions/{id}");

        api.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Vui lòng nhập tên phiên.");
        foreign.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "another centre sees the province's sessions but keeps only its own");
        seekerAdded.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestBrowser.HtmlText(await page.Content.ReadAsStringAsync()));
        session.GetProperty("title").GetString().ShouldBe("Ngày hội việc làm Tân Uyên 2026");
        session.GetProperty("kind").GetString().ShouldBe("Fair");
        session.GetProperty("heldOn").GetString().ShouldBe("2026-03-29");
        session.GetProperty("isOnline").GetBoolean().ShouldBeTrue();
        session.GetProperty("seekers").EnumerateArray().Select(s => s.GetProperty("learnerId").GetInt32()).ShouldBe([seeker.Id]);
    }
}
