using System.Text.Json;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Features.Indicators;
using DaoTaoNghe.Features.Jobs;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using static DaoTaoNghe.Tests.Features.FollowUps.FollowUpTestData;
using static DaoTaoNghe.Tests.Features.Indicators.IndicatorTestData;

namespace DaoTaoNghe.Tests.Features.Indicators;

/// <summary>
/// Each indicator's counting rule (what one unit of the value is, how repeats resolve), the records
/// a number lists being exactly what it counts, and one value per unit and period whoever looks.
/// </summary>
public class CountingRulesTests
{
    [Fact]
    public void Every_indicator_declares_what_it_counts_and_how_repeats_resolve_in_Vietnamese()
    {
        foreach (var indicator in IndicatorCatalogue.All)
        {
            indicator.CountingRule.ShouldNotBeNullOrWhiteSpace(indicator.Code);
            if (indicator.Kind == IndicatorKind.Ratio)
            {
                indicator.Counts.ShouldBeNull(indicator.Code);
                continue;
            }
            indicator.Counts.ShouldNotBeNull(indicator.Code);
            indicator.Repeats.ShouldNotBeNullOrWhiteSpace(indicator.Code);
            // The unit says what is counted: people are "người"/"lao động", repeats of people are "lượt".
            if (indicator.Unit is "người" or "lao động") indicator.Counts.ShouldBe(CountedItem.Person, indicator.Code);
            if (indicator.Unit.StartsWith("lượt")) indicator.Counts.ShouldNotBe(CountedItem.Person, indicator.Code);
            if (indicator.Measure == IndicatorMeasure.Money) indicator.Counts.ShouldBeOneOf(CountedItem.Amount, CountedItem.Figure);
            if (IndicatorEngine.OriginOf(indicator) == ValueOrigin.Aggregate) indicator.Counts.ShouldBe(CountedItem.Figure, indicator.Code);
        }
        IndicatorCatalogue.Find("training.completed")!.Counts.ShouldBe(CountedItem.Person);
        IndicatorCatalogue.Find("training.completions")!.Counts.ShouldBe(CountedItem.Completion);
        IndicatorCatalogue.Find("training.completed")!.Description.ShouldContain("ngày công nhận kết quả");
    }

    [Fact]
    public async Task A_person_with_a_follow_up_a_hire_and_a_loan_in_one_year_counts_once_in_jobs_created_and_once_among_women()
    {
        var p = await ProvinceAsync();
        var (_, institution) = await ActorAsync(Roles.InstitutionStaff, p.A);
        var (_, commune) = await ActorAsync(Roles.CommuneOfficer, p.A);
        var course = await CourseAsync(institution, p.A);

        var woman = await LearnerAsync(p, p.A, Sex.Female, new DateOnly(2025, 6, 1));
        var completion = await CompletionAsync(course, woman, p.A, new DateOnly(2025, 11, 28));
        await FollowUpAsync(completion, 3, new DateOnly(2026, 2, 27), EmploymentStatus.EmployedByEnterprise);
        await ElsewhereAsync(woman, new DateOnly(2026, 5, 4), EmploymentStatus.EmployedByEnterprise, OutcomeSource.Hire, commune.Id);
        await ElsewhereAsync(woman, new DateOnly(2026, 8, 1), EmploymentStatus.SelfEmployed, OutcomeSource.Loan, commune.Id);
        await ElsewhereAsync(woman, new DateOnly(2027, 3, 1), EmploymentStatus.EmployedByEnterprise, OutcomeSource.Hire, commune.Id);
        var man = await LearnerAsync(p, p.B, Sex.Male, new DateOnly(2025, 6, 1));
        await ElsewhereAsync(man, new DateOnly(2026, 4, 1), EmploymentStatus.EmployedByEnterprise, OutcomeSource.Hire, commune.Id);

        // Four records report a new job in 2026; they are two people.
        var records = await TestData.WithDbAsync(db => Task.FromResult(db.EmploymentOutcomes.Count(o => (o.LearnerId == woman || o.LearnerId == man)
            && o.IsNewJob && o.OutcomeOn.Year == 2026)));
        records.ShouldBe(4);

        using var admin = await AdminAsync(p);
        var y2026 = await ValuesAsync(admin, "period=2026");
        Value(y2026, "jobs.created").ShouldBe(2);
        Value(y2026, "jobs.women").ShouldBe(1);
        Value(y2026, "jobs.loans").ShouldBe(1);
        Value(y2026, "jobs.abroad").ShouldBe(0);
        Groups(await ValuesAsync(admin, "indicator=jobs.created&period=2026&by=Sex"), "jobs.created")
            .Where(g => g.Value > 0).ToDictionary().ShouldBe(new Dictionary<string, double?> { ["Female"] = 1, ["Male"] = 1 }, ignoreOrder: true);
        // Placed where she lived on her first new job of the year, with its month.
        Groups(await ValuesAsync(admin, "indicator=jobs.created&period=2026&by=Commune"), "jobs.created")
            .Where(g => g.Value > 0).ToDictionary().ShouldBe(new Dictionary<string, double?> { [p.A.Id.ToString()] = 1, [p.B.Id.ToString()] = 1 }, ignoreOrder: true);
        var months = Groups(await ValuesAsync(admin, $"indicator=jobs.created&unit={p.A.Id}&period=2026&by=Month"), "jobs.created");
        months.Values.Sum().ShouldBe(1);
        months["2"].ShouldBe(1);
        // Once per year: the next year she counts again, once.
        Value(await ValuesAsync(admin, "indicator=jobs.created&period=2027"), "jobs.created").ShouldBe(1);

        // The drill-down lists exactly what the number counts: one row per person.
        var list = await Xlsx.DownloadAsync(admin, $"/FollowUps/Outcomes?handler=Export&loai=viec-lam-moi&nam=2026&xa={p.A.Id}");
        list.Count(r => r.Count > 0 && r[0].StartsWith("Người Học Thử")).ShouldBe(1);
        var women = await Xlsx.DownloadAsync(admin, $"/FollowUps/Outcomes?handler=Export&loai=lao-dong-nu&nam=2026&xa={p.A.Id}");
        women.Count(r => r.Count > 3 && r[0].StartsWith("Người Học Thử")).ShouldBe(1);
    }

    [Fact]
    public async Task People_trained_count_a_person_once_a_year_and_completions_count_each_passed_course()
    {
        var p = await ProvinceAsync();
        var (_, institution) = await ActorAsync(Roles.InstitutionStaff, p.A);
        var first = await CourseAsync(institution, p.A, finishedOn: new DateOnly(2026, 3, 20));
        var second = await CourseAsync(institution, p.A, finishedOn: new DateOnly(2026, 9, 20));
        var twice = await LearnerAsync(p, p.A, Sex.Female, new DateOnly(2025, 6, 1));
        var once = await LearnerAsync(p, p.A, Sex.Male, new DateOnly(2025, 6, 1));
        await CompletionAsync(first, twice, p.A, new DateOnly(2026, 3, 20));
        await CompletionAsync(second, twice, p.A, new DateOnly(2026, 9, 20));
        await CompletionAsync(second, once, p.A, new DateOnly(2026, 9, 20));

        using var admin = await AdminAsync(p);
        var y2026 = await ValuesAsync(admin, $"unit={p.A.Id}&period=2026");
        Value(y2026, "training.completed").ShouldBe(2);
        Value(y2026, "training.completions").ShouldBe(3);
        var months = Groups(await ValuesAsync(admin, $"indicator=training.completed&unit={p.A.Id}&period=2026&by=Month"), "training.completed");
        months["3"].ShouldBe(1);
        months["9"].ShouldBe(1);

        var people = await admin.GetHtmlAsync($"/Courses/Enrolments?trang-thai=Completed&nam-ket-qua=2026&dem=nguoi&xa={p.A.Id}");
        CountOccurrences(people, "href=\"/Courses/Enrolment/").ShouldBe(2);
        var completions = await admin.GetHtmlAsync($"/Courses/Enrolments?trang-thai=Completed&nam-ket-qua=2026&xa={p.A.Id}");
        CountOccurrences(completions, "href=\"/Courses/Enrolment/").ShouldBe(3);
        (await admin.GetHtmlAsync($"/Indicators/Details?ma=training.completed&don-vi={p.A.Id}&nam=2026")).ShouldContain("dem=nguoi");
    }

    /// <summary>
    /// For two communes and two years, every indicator that applies to a commune has one value whoever
    /// may open that commune: its officer, the province admin, a department officer and the inspector.
    /// The records behind it are counted past the caller's scope; the drill-down says how many the caller cannot list.
    /// </summary>
    [Fact]
    public async Task Every_indicator_has_the_same_value_for_a_commune_and_year_whichever_role_opens_it()
    {
        var p = await ProvinceAsync();
        var (_, centre) = await ActorAsync(Roles.EmploymentCentre, p.Province);
        var (_, enterprise) = await ActorAsync(Roles.Enterprise, p.B);
        var (_, institution) = await ActorAsync(Roles.InstitutionStaff, p.B);
        var (_, officerOrgA) = await ActorAsync(Roles.CommuneOfficer, p.A);
        await SessionAsync(centre, enterprise, p.A, new DateOnly(2026, 4, 10));
        await SessionAsync(centre, enterprise, p.B, new DateOnly(2025, 10, 10));
        await OutreachAsync(p.A, centre.Id, new DateOnly(2026, 5, 5), 40);
        await OutreachAsync(p.B, officerOrgA.Id, new DateOnly(2025, 5, 5), 25);
        var course = await CourseAsync(institution, p.B, finishedOn: new DateOnly(2026, 6, 30));
        var old = await CourseAsync(institution, p.B, finishedOn: new DateOnly(2025, 6, 30));
        foreach (var (commune, sex, year) in new[] { (p.A, Sex.Female, 2026), (p.A, Sex.Male, 2025), (p.B, Sex.Female, 2026), (p.B, Sex.Male, 2025) })
        {
            var learner = await LearnerAsync(p, commune, sex, new DateOnly(year, 2, 1));
            var completion = await CompletionAsync(year == 2026 ? course : old, learner, commune, new DateOnly(year, 6, 30));
            await FollowUpAsync(completion, 3, new DateOnly(year, 9, 30), EmploymentStatus.EmployedByEnterprise);
            await ElsewhereAsync(learner, new DateOnly(year, 11, 2), EmploymentStatus.SelfEmployed, OutcomeSource.Loan, centre.Id);
        }

        var viewers = new Dictionary<string, (TestBrowser A, TestBrowser B)>();
        foreach (var role in new[] { Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector })
        {
            var browser = await SignInAsync(role, p.Province);
            viewers[role] = (browser, browser);
        }
        viewers[Roles.CommuneOfficer] = (await SignInAsync(Roles.CommuneOfficer, p.A), await SignInAsync(Roles.CommuneOfficer, p.B));
        try
        {
            var compared = 0;
            foreach (var commune in new[] { p.A, p.B })
            foreach (var year in new[] { 2025, 2026 })
            {
                Dictionary<string, double?>? expected = null;
                foreach (var (role, (a, b)) in viewers)
                {
                    var values = Values(await ValuesAsync(commune == p.A ? a : b, $"unit={commune.Id}&period={year}"));
                    if (expected is null)
                    {
                        expected = values;
                        // The whole catalogue that applies to a commune is walked.
                        values.Keys.ShouldBe(IndicatorCatalogue.All.Where(i => IndicatorEngine.Applies(i, new IndicatorUnit(UnitKind.Commune, commune.Id, p.Id, commune.Name)))
                            .Select(i => i.Code), ignoreOrder: true);
                    }
                    else values.ShouldBe(expected, ignoreOrder: true, $"{role}, {commune.Name}, {year}");
                    compared += values.Count;
                }
            }
            compared.ShouldBeGreaterThan(4 * 4 * 10);

            var officerA = viewers[Roles.CommuneOfficer].A;
            var a2026 = Values(await ValuesAsync(officerA, $"unit={p.A.Id}&period=2026"));
            a2026["jobs.sessions"].ShouldBe(1);
            a2026["jobs.session_enterprises"].ShouldBe(1);
            a2026["outreach.events"].ShouldBe(1);
            a2026["jobs.created"].ShouldBe(1);
            a2026["training.completed"].ShouldBe(1);
            Values(await ValuesAsync(viewers[Roles.CommuneOfficer].B, $"unit={p.B.Id}&period=2025"))["jobs.sessions"].ShouldBe(1);
            // The centre's session is not among the officer's records: the drill-down says so rather than hiding it in the number.
            var details = await officerA.GetHtmlAsync($"/Indicators/Details?ma=jobs.sessions&don-vi={p.A.Id}&nam=2026");
            TestBrowser.HtmlText(details).ShouldContain("1 bản ghi ngoài phạm vi của bạn");
            var admin = viewers[Roles.ProvinceAdmin].A;
            (await admin.GetHtmlAsync($"/Indicators/Details?ma=jobs.sessions&don-vi={p.A.Id}&nam=2026")).ShouldNotContain("ngoài phạm vi của bạn");
        }
        finally
        {
            foreach (var browser in viewers.Values.SelectMany(v => new[] { v.A, v.B }).Distinct()) browser.Dispose();
        }
    }

    private static Dictionary<string, double?> Values(JsonElement result) =>
        result.GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("code").GetString()!, i => Number(i.GetProperty("value")));

    private static int CountOccurrences(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;

    private static Task SessionAsync(Organisation organiser, Organisation enterprise, AdministrativeUnit venue, DateOnly heldOn) =>
        TestData.WithDbAsync(async db =>
        {
            var session = new JobSession
            {
                ProvinceId = organiser.ProvinceId, OrganiserId = organiser.Id, Kind = SessionKind.Session, HeldOn = heldOn, VenueCommuneId = venue.Id,
                CreatedAt = TestData.Clock.UtcNow,
            };
            session.SetTitle("Phiên giao dịch việc làm " + TestData.Unique());
            session.Enterprises.Add(new SessionEnterprise { EnterpriseId = enterprise.Id, OrganiserId = organiser.Id, ProvinceId = organiser.ProvinceId });
            db.JobSessions.Add(session);
            await db.SaveChangesAsync();
        });
}
