using System.Net;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Jobs;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.Learners.LearnerTestData;

namespace DaoTaoNghe.Tests.Features.Jobs;

/// <summary>
/// A commune merging a person's duplicate records carries along the loan the bank keeps and the
/// contract the employment centre keeps, though the commune may not otherwise touch either.
/// </summary>
public class PersonMergeTests
{
    [Fact]
    public async Task A_commune_merge_moves_the_banks_loan_and_the_centres_contract_to_the_surviving_record()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        var province = await TestData.ProvinceAsync();
        var bank = await TestData.OrganisationAsync(OrganisationKind.SocialPolicyBank, province);
        var centre = await TestData.OrganisationAsync(OrganisationKind.EmploymentCentre, province);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var name = Name("Lò Văn");
        var survivorId = await CreateAsync(browser, Form(commune.Id, name, "1990-03-04", Sex.Male));
        var duplicateForm = Form(commune.Id, name, "1990-03-04", Sex.Male, cccd: Cccd(Sex.Male, 1990));
        duplicateForm["Data.ConfirmNotDuplicate"] = "true";
        var duplicateId = await CreateAsync(browser, duplicateForm);
        var (loanId, contractId) = await TestData.WithDbAsync(async db =>
        {
            var loan = new SocialPolicyLoan
            {
                LearnerId = duplicateId, BorrowerName = name, BankBranchId = bank.Id, ProvinceId = province.Id, Purpose = LoanPurpose.Study,
                Amount = 20_000_000, LoanedOn = new DateOnly(2026, 3, 1), Status = LoanStatus.Disbursed, CreatedAt = TestData.Clock.UtcNow,
            };
            var contract = new AbroadContract
            {
                LearnerId = duplicateId, Country = "Hàn Quốc", ReceivingCompany = "Công ty thử", SendingAgency = "Doanh nghiệp dịch vụ thử",
                DepartureOn = new DateOnly(2026, 5, 1), RecordedByOrganisationId = centre.Id, ProvinceId = province.Id, CreatedAt = TestData.Clock.UtcNow,
            };
            db.AddRange(loan, contract);
            await db.SaveChangesAsync();
            return (loan.Id, contract.Id);
        });

        var merged = await browser.PostFormAsync($"/Learners/Merge?id={duplicateId}&vao={survivorId}",
            new() { ["Data.Reason"] = "Đăng ký hai lần", ["Data.Confirmed"] = "true" });

        merged.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestBrowser.HtmlText(await merged.Content.ReadAsStringAsync()));
        (await TestData.WithDbAsync(db => db.SocialPolicyLoans.IgnoreQueryFilters().Where(l => l.Id == loanId).Select(l => l.LearnerId).SingleAsync()))
            .ShouldBe(survivorId);
        (await TestData.WithDbAsync(db => db.AbroadContracts.IgnoreQueryFilters().Where(c => c.Id == contractId).Select(c => c.LearnerId).SingleAsync()))
            .ShouldBe(survivorId);
        (await TestData.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(SocialPolicyLoan) && a.EntityId == loanId.ToString()
            && a.UserName == officer && a.After!.Contains($"\"LearnerId\":{survivorId}")))).ShouldBeTrue();
    }
}
