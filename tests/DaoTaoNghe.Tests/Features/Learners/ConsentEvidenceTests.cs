using System.Net;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using static DaoTaoNghe.Tests.Features.Learners.LearnerTestData;

namespace DaoTaoNghe.Tests.Features.Learners;

/// <summary>A consent keeps its evidence: who recorded it, how the person gave it, which notice they were shown; no box starts ticked.</summary>
public class ConsentEvidenceTests
{
    [Fact]
    public async Task A_consent_needs_how_it_was_given_and_keeps_the_notice_version_and_who_recorded_it()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var id = await CreateAsync(browser, Form(commune.Id, Name(), consent: false));

        var createPage = await browser.GetHtmlAsync("/Learners/Create");
        var withoutMethod = await browser.PostFormAsync($"/Learners/Consent/{id}", new() { ["Give.Purpose"] = "Quản lý đào tạo nghề", ["Give.GivenOn"] = "2026-11-20" });
        var withMethod = await browser.PostFormAsync($"/Learners/Consent/{id}", new()
        {
            ["Give.Purpose"] = "Quản lý đào tạo nghề", ["Give.GivenOn"] = "2026-11-20", ["Give.Method"] = nameof(ConsentMethod.SignedForm),
        });

        // The consent box is the person's act: never ticked in advance.
        createPage.ShouldContain("name=\"Data.ConsentGiven\"");
        createPage[createPage.IndexOf("name=\"Data.ConsentGiven\"", StringComparison.Ordinal)..].Split('>')[0].ShouldNotContain("checked");
        createPage.ShouldContain(ConsentNotice.Version);
        TestBrowser.HtmlText(await withoutMethod.Content.ReadAsStringAsync()).ShouldContain("Vui lòng chọn cách người học thể hiện sự đồng ý");
        withMethod.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var consent = (await LoadAsync(id)).Consents.ShouldHaveSingleItem();
        consent.Method.ShouldBe(ConsentMethod.SignedForm);
        consent.NoticeVersion.ShouldBe(ConsentNotice.Version);
        consent.RecordedBy.ShouldBe(officer);
        TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Learners/Consent/{id}")).ShouldContain($"Ký phiếu đồng ý (văn bản) (thông báo {ConsentNotice.Version})");
    }
}
