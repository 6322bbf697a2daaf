using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.FollowUps.FollowUpTestData;
using static DaoTaoNghe.Tests.Features.Indicators.IndicatorTestData;

namespace DaoTaoNghe.Tests.Features.FollowUps;

/// <summary>The list behind a "first new job of the year" number lists exactly the counted records the caller may read, and says how many it cannot.</summary>
public class OutcomesDrillDownTests
{
    [Fact]
    public async Task A_persons_later_job_never_stands_in_for_a_first_job_outside_the_callers_scope()
    {
        var p = await ProvinceAsync();
        var (institutionUser, institution) = await ActorAsync(Roles.InstitutionStaff, p.A);
        var (_, centre) = await ActorAsync(Roles.EmploymentCentre, p.Province);
        var learner = await LearnerAsync(p, p.A, Sex.Female, new DateOnly(2026, 1, 5));
        var name = await TestData.WithDbAsync(db => db.Learners.Where(l => l.Id == learner).Select(l => l.FullName).SingleAsync());
        // Her first new job of 2026 came through a loan the institution does not see; its own follow-up found her employed later.
        await ElsewhereAsync(learner, new DateOnly(2026, 3, 2), EmploymentStatus.SelfEmployed, OutcomeSource.Loan, centre.Id);
        var completion = await CompletionAsync(await CourseAsync(institution, p.A, finishedOn: new DateOnly(2026, 4, 30)), learner, p.A, new DateOnly(2026, 4, 30));
        await FollowUpAsync(completion, 3, new DateOnly(2026, 7, 30), EmploymentStatus.EmployedByEnterprise);

        var list = $"/FollowUps/Outcomes?loai=viec-lam-moi&nam=2026&xa={p.A.Id}";
        using var admin = await AdminAsync(p);
        var all = TestBrowser.HtmlText(await admin.GetHtmlAsync(list));
        CountOf(all, name).ShouldBe(1);
        all.ShouldContain("02/03/2026");
        all.ShouldNotContain("30/07/2026");
        all.ShouldNotContain("ngoài phạm vi của bạn");

        using var staff = await TestBrowser.SignedInAsync(institutionUser);
        var own = TestBrowser.HtmlText(await staff.GetHtmlAsync(list));
        own.ShouldNotContain(name);
        own.ShouldContain("1 bản ghi ngoài phạm vi của bạn");
        // Her follow-up is still the institution's to read, just not a first job of the year.
        TestBrowser.HtmlText(await staff.GetHtmlAsync($"/FollowUps/Outcomes?nam=2026&xa={p.A.Id}")).ShouldContain(name);
        Value(await ValuesAsync(admin, $"indicator=jobs.created&period=2026&unit={p.A.Id}"), "jobs.created").ShouldBe(1);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
