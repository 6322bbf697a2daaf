using System.Net;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.FollowUps.FollowUpTestData;
using static DaoTaoNghe.Tests.Features.Indicators.IndicatorTestData;

namespace DaoTaoNghe.Tests.Features.Learners;

/// <summary>
/// Each period on its own map: a person's records count where they lived on the record's date, on that
/// date's map. The test province: today's A merged from old A1 and A2, today's B from old B1 alone.
/// </summary>
public class ResidenceHistoryTests
{
    [Fact]
    public async Task A_2024_year_is_counted_by_old_district_and_commune_and_the_same_records_roll_up_into_todays_commune()
    {
        var p = await ProvinceAsync();
        var (_, institution) = await ActorAsync(Roles.InstitutionStaff, p.A);
        var (_, centre) = await ActorAsync(Roles.EmploymentCentre, p.Province);
        var course = await CourseAsync(institution, p.A, finishedOn: new DateOnly(2024, 6, 28));
        // Records kept before the history existed: every residence is today's commune A.
        var people = new List<int>();
        foreach (var sex in new[] { Sex.Female, Sex.Male, Sex.Female, Sex.Male })
        {
            var learner = await LearnerAsync(p, p.A, sex, new DateOnly(2024, 2, 1));
            await CompletionAsync(course, learner, p.A, new DateOnly(2024, 6, 28));
            await ElsewhereAsync(learner, new DateOnly(2024, 10, 1), EmploymentStatus.SelfEmployed, OutcomeSource.Loan, centre.Id);
            people.Add(learner);
        }
        using var officer = await SignInAsync(Roles.CommuneOfficer, p.A);
        foreach (var (learner, former) in new[] { (people[0], p.FormerA1), (people[1], p.FormerA1), (people[2], p.FormerA2) })
            (await officer.PostFormAsync($"/Learners/Residence/{learner}", new() { ["Former.CommuneId"] = former.Id.ToString() }, $"/Learners/Residence/{learner}?handler=Former"))
                .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // Today's B came from B1 alone: a 2024 record of someone living in B is B1's, with nothing to record.
        var inB = await LearnerAsync(p, p.B, Sex.Female, new DateOnly(2024, 2, 1));
        await ElsewhereAsync(inB, new DateOnly(2024, 9, 1), EmploymentStatus.WorkingAbroad, OutcomeSource.AbroadContract, centre.Id);

        using var admin = await AdminAsync(p);
        foreach (var code in new[] { "training.completed", "jobs.created" })
        {
            var communes = await ValuesAsync(admin, $"indicator={code}&period=2024&by=Commune&map=2024");
            Groups(communes, code).ShouldBe(new Dictionary<string, double?>
            {
                [p.FormerA1.Id.ToString()] = 2, [p.FormerA2.Id.ToString()] = 1, [p.FormerB1.Id.ToString()] = code == "jobs.created" ? 1 : 0,
                [p.A.Id.ToString()] = 1,
            }, ignoreOrder: true, code);
            var districts = await ValuesAsync(admin, $"indicator={code}&period=2024&by=District&map=2024");
            Groups(districts, code).ShouldBe(new Dictionary<string, double?>
            {
                [p.District.Id.ToString()] = code == "jobs.created" ? 4 : 3, [p.Id.ToString()] = 1,
            }, ignoreOrder: true, code);
            Value(await ValuesAsync(admin, $"indicator={code}&period=2024&unit={p.FormerA1.Id}"), code).ShouldBe(2);
            // Today's map: the same records, all in today's A (and B).
            var today = await ValuesAsync(admin, $"indicator={code}&period=2024&by=Commune");
            Groups(today, code).ShouldBe(new Dictionary<string, double?>
            {
                [p.A.Id.ToString()] = 4, [p.B.Id.ToString()] = code == "jobs.created" ? 1 : 0,
            }, ignoreOrder: true, code);
        }

        var details = TestBrowser.HtmlText(await admin.GetHtmlAsync($"/Indicators/Details?ma=training.completed&nam=2024&ban-do=2024&don-vi={p.Id}&theo=Commune"));
        details.ShouldContain($"Xã An {p.Province.Code}: không rõ xã cũ 1");
        details.ShouldContain($"Xã An Thượng {p.Province.Code} (Huyện Cũ {p.Province.Code}) 2");
        var byDistrict = TestBrowser.HtmlText(await admin.GetHtmlAsync($"/Indicators/Details?ma=training.completed&nam=2024&ban-do=2024&don-vi={p.Id}&theo=District"));
        byDistrict.ShouldContain($"Huyện Cũ {p.Province.Code} 3");
        byDistrict.ShouldContain("Xã, phường mới (không rõ xã cũ) và cấp tỉnh 1");

        var history = TestBrowser.HtmlText(await officer.GetHtmlAsync($"/Learners/Details/{people[0]}"));
        history.ShouldContain($"Xã An Thượng {p.Province.Code} Trước 01/7/2025 Từ khi có hồ sơ 30/06/2025");
        history.ShouldContain($"Xã An {p.Province.Code} 01/07/2025 Nay");
    }

    [Fact]
    public async Task A_move_places_the_records_after_it_in_the_new_commune_and_leaves_the_earlier_ones()
    {
        var p = await ProvinceAsync();
        var (_, institution) = await ActorAsync(Roles.InstitutionStaff, p.A);
        var (_, centre) = await ActorAsync(Roles.EmploymentCentre, p.Province);
        var learner = await LearnerAsync(p, p.A, Sex.Female, new DateOnly(2026, 1, 5));
        await CompletionAsync(await CourseAsync(institution, p.A, finishedOn: new DateOnly(2026, 4, 30)), learner, p.A, new DateOnly(2026, 4, 30));
        var autumn = await CompletionAsync(await CourseAsync(institution, p.A, finishedOn: new DateOnly(2026, 10, 30)), learner, p.A, new DateOnly(2026, 10, 30));
        await ElsewhereAsync(learner, new DateOnly(2026, 3, 1), EmploymentStatus.SelfEmployed, OutcomeSource.Loan, centre.Id);
        await FollowUpAsync(autumn, 3, new DateOnly(2026, 11, 10), EmploymentStatus.EmployedByEnterprise);
        using var admin = await AdminAsync(p);
        Value(await ValuesAsync(admin, $"indicator=training.completions&period=2026&unit={p.A.Id}"), "training.completions").ShouldBe(2);

        using var officerA = await SignInAsync(Roles.CommuneOfficer, p.A);
        var page = $"/Learners/Residence/{learner}";
        var future = TestBrowser.HtmlText(await (await officerA.PostFormAsync(page, new()
        {
            ["Data.MovedOn"] = TestData.Clock.Today.AddDays(1).ToString("yyyy-MM-dd"), ["Data.CommuneId"] = p.B.Id.ToString(),
        })).Content.ReadAsStringAsync());
        future.ShouldContain("Ngày chuyển đến không được sau ngày hôm nay.");
        var oldMap = TestBrowser.HtmlText(await (await officerA.PostFormAsync(page, new()
        {
            ["Data.MovedOn"] = "2026-06-01", ["Data.CommuneId"] = p.FormerB1.Id.ToString(),
        })).Content.ReadAsStringAsync());
        oldMap.ShouldContain($"Thị trấn Bình Cũ {p.Province.Code} không có hiệu lực vào ngày 01/06/2026");
        (await Places(learner)).ShouldBe([p.A.Id, p.A.Id, p.A.Id, p.A.Id]);

        (await officerA.PostFormAsync(page, new() { ["Data.MovedOn"] = "2026-06-01", ["Data.CommuneId"] = p.B.Id.ToString() }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Enrolled 30/1 and 30/7; outcomes 1/3 and 10/11: the move on 1/6 re-places only the later two.
        (await Places(learner)).ShouldBe([p.A.Id, p.B.Id, p.A.Id, p.B.Id]);
        Value(await ValuesAsync(admin, $"indicator=training.completions&period=2026&unit={p.A.Id}"), "training.completions").ShouldBe(1);
        Value(await ValuesAsync(admin, $"indicator=training.completions&period=2026&unit={p.B.Id}"), "training.completions").ShouldBe(1);
        Value(await ValuesAsync(admin, $"indicator=employment.followed_up&period=2026&unit={p.B.Id}"), "employment.followed_up").ShouldBe(1);
        Value(await ValuesAsync(admin, $"indicator=jobs.created&period=2026&unit={p.A.Id}"), "jobs.created").ShouldBe(1);

        // The record follows the person: A's officer no longer opens it (and is told where it went), B's does and sees the history.
        (await officerA.GetAsync($"/Learners/Details/{learner}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var officerB = await SignInAsync(Roles.CommuneOfficer, p.B);
        var details = TestBrowser.HtmlText(await officerB.GetHtmlAsync($"/Learners/Details/{learner}"));
        details.ShouldContain($"Phường Bình {p.Province.Code} 01/06/2026 Nay");
        details.ShouldContain($"Xã An {p.Province.Code} Từ khi có hồ sơ 31/05/2026");
    }

    /// <summary>The learner's enrolments by enrolment date, then their outcomes by date: where each counts.</summary>
    private static Task<List<int>> Places(int learnerId) =>
        TestData.WithDbAsync(async db =>
            (await db.Enrolments.Where(e => e.LearnerId == learnerId).OrderBy(e => e.EnrolledOn).Select(e => e.ResidenceCommuneId).ToListAsync())
            .Concat(await db.EmploymentOutcomes.Where(o => o.LearnerId == learnerId).OrderBy(o => o.OutcomeOn).Select(o => o.ResidenceCommuneId).ToListAsync())
            .ToList());
}
