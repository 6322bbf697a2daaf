using System.Net;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Jobs;
using DaoTaoNghe.Tests.Support;

namespace DaoTaoNghe.Tests.Infrastructure.Scope;

/// <summary>
/// What the system writes on someone's behalf is audited in the province of the record, not in
/// "no province" (which every province's auditors read). Found by the scope matrix's review of who
/// writes as the system: the public interest form saves a person's name and phone that way.
/// </summary>
public class AuditScopeTests
{
    [Fact]
    public async Task A_public_interest_form_is_audited_in_the_vacancy_s_province_only()
    {
        var (_, _, vacancyId, _) = await JobsTestData.VacancyAsync("Thợ may " + TestData.Unique());
        // Letters only (a name), and plain ASCII so it reads the same in HTML and escaped JSON.
        var surname = string.Concat(TestData.Unique().Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));
        var name = "Lo Thi " + surname;
        using (var visitor = JobsTestData.Visitor())
            (await visitor.PostFormAsync($"/viec-lam/tin/{vacancyId}", JobsTestData.InterestForm(await TestData.CommuneAsync("Xã Tân Uyên"), name)))
                .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (laiChau, _) = await TestData.ProvinceActorAsync(Roles.Inspector);
        var (dienBien, _) = await TestData.ActorAsync(Roles.Inspector, await TestData.ProvinceAsync("11"));
        var (dienBienAdmin, _) = await TestData.ActorAsync(Roles.ProvinceAdmin, await TestData.ProvinceAsync("11"));

        (await AuditAsync(laiChau)).ShouldContain(surname);
        (await AuditAsync(dienBien)).ShouldNotContain(surname);
        (await AuditAsync(dienBienAdmin)).ShouldNotContain(surname);
    }

    private static async Task<string> AuditAsync(string user)
    {
        using var browser = await TestBrowser.SignedInAsync(user);
        return await browser.GetHtmlAsync("/api/v1/audit?doi-tuong=InterestLead") + await browser.GetHtmlAsync("/Audit?doi-tuong=InterestLead");
    }
}
