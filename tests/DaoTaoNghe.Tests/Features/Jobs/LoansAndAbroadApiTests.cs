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
}
