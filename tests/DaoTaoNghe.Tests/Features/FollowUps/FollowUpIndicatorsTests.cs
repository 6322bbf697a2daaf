using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Auth;
using static DaoTaoNghe.Tests.Features.FollowUps.FollowUpTestData;
using static DaoTaoNghe.Tests.Features.Indicators.IndicatorTestData;

namespace DaoTaoNghe.Tests.Features.FollowUps;

/// <summary>
/// The employment and job indicators from known follow-ups and outcomes recorded elsewhere, in a
/// province of the test's own, to the exact number on both databases.
/// </summary>
public class FollowUpIndicatorsTests
{
    [Fact]
    public async Task Employment_after_training_counts_each_completion_once_by_its_latest_checkpoint_and_jobs_count_people_placed_in_work()
    {
        var p = await ProvinceAsync();
        var (_, first) = await ActorAsync(Roles.InstitutionStaff, p.B);
        var (_, second) = await ActorAsync(Roles.InstitutionStaff, p.A);
        var (_, commune) = await ActorAsync(Roles.CommuneOfficer, p.A);
        var elementary = await CourseAsync(first, p.B, TrainingLevel.Elementary);
        var intermediate = await CourseAsync(second, p.A, TrainingLevel.Intermediate);
        var completed = new DateOnly(2025, 11, 28);

        var l1 = await LearnerAsync(p, p.A, Sex.Female, new DateOnly(2025, 6, 1), Hmong);
        var e1 = await CompletionAsync(elementary, l1, p.A, completed);
        await FollowUpAsync(e1, 3, new DateOnly(2026, 2, 27), EmploymentStatus.Unemployed);
        await FollowUpAsync(e1, 6, new DateOnly(2026, 5, 28), EmploymentStatus.EmployedByEnterprise, loanHelped: true);

        var l2 = await LearnerAsync(p, p.B, Sex.Male, new DateOnly(2025, 6, 1), Kinh);
        var e2 = await CompletionAsync(elementary, l2, p.B, completed);
        await FollowUpAsync(e2, 3, new DateOnly(2026, 3, 1), EmploymentStatus.SelfEmployed);
        await FollowUpAsync(e2, 6, new DateOnly(2026, 6, 1), EmploymentStatus.SelfEmployed);
        await ElsewhereAsync(l2, new DateOnly(2026, 8, 1), EmploymentStatus.SelfEmployed, OutcomeSource.Loan, commune.Id);

        // Lived in a pre-2025 commune that merged into A: counts toward A.
        var l3 = await LearnerAsync(p, p.FormerA1, Sex.Female, new DateOnly(2025, 6, 1), Thai);
        var e3 = await CompletionAsync(intermediate, l3, p.FormerA1, completed);
        await FollowUpAsync(e3, 3, new DateOnly(2026, 2, 20), EmploymentStatus.WorkingAbroad);

        var l4 = await LearnerAsync(p, p.A, Sex.Male, new DateOnly(2025, 6, 1));
        var e4 = await CompletionAsync(intermediate, l4, p.A, completed);
        await FollowUpAsync(e4, 3, new DateOnly(2026, 3, 15), EmploymentStatus.StudyingFurther);
        await ElsewhereAsync(l4, new DateOnly(2026, 7, 1), EmploymentStatus.EmployedByEnterprise, OutcomeSource.Hire, commune.Id);

        var l5 = await LearnerAsync(p, p.B, Sex.Male, new DateOnly(2024, 6, 1));
        var e5 = await CompletionAsync(elementary, l5, p.B, new DateOnly(2024, 11, 20));
        await FollowUpAsync(e5, 12, new DateOnly(2025, 11, 20), EmploymentStatus.Cooperative);

        using var admin = await AdminAsync(p);
        var y2026 = await ValuesAsync(admin, "period=2026");
        Value(y2026, "employment.followed_up").ShouldBe(4);
        Value(y2026, "employment.employed").ShouldBe(3);
        Value(y2026, "employment.rate").ShouldBe(75);
        // l2's follow-up and loan in one year are one person placed in work.
        Value(y2026, "jobs.created").ShouldBe(4);
        Value(y2026, "jobs.women").ShouldBe(2);
        Value(y2026, "jobs.loans").ShouldBe(2);
        Value(y2026, "jobs.abroad").ShouldBe(1);

        var y2025 = await ValuesAsync(admin, "period=2025");
        Value(y2025, "employment.followed_up").ShouldBe(1);
        Value(y2025, "employment.employed").ShouldBe(1);
        Value(y2025, "jobs.created").ShouldBe(1);

        Counted(await ValuesAsync(admin, "indicator=employment.followed_up&period=2026&by=Commune"), "employment.followed_up")
            .ShouldBe(new Dictionary<string, double?> { [p.A.Id.ToString()] = 3, [p.B.Id.ToString()] = 1 }, ignoreOrder: true);
        Counted(await ValuesAsync(admin, "indicator=employment.followed_up&period=2026&by=Sex"), "employment.followed_up")
            .ShouldBe(new Dictionary<string, double?> { ["Female"] = 2, ["Male"] = 2 }, ignoreOrder: true);
        Counted(await ValuesAsync(admin, "indicator=employment.followed_up&period=2026&by=Level"), "employment.followed_up")
            .ShouldBe(new Dictionary<string, double?> { ["Elementary"] = 2, ["Intermediate"] = 2 }, ignoreOrder: true);
        Counted(await ValuesAsync(admin, "indicator=employment.employed&period=2026&by=Institution"), "employment.employed")
            .ShouldBe(new Dictionary<string, double?> { [first.Id.ToString()] = 2, [second.Id.ToString()] = 1 }, ignoreOrder: true);
        Counted(await ValuesAsync(admin, "indicator=employment.employed&period=2026&by=Occupation"), "employment.employed")
            .ShouldBe(new Dictionary<string, double?> { [elementary.OccupationId.ToString()] = 2, [intermediate.OccupationId.ToString()] = 1 }, ignoreOrder: true);
        Counted(await ValuesAsync(admin, "indicator=employment.employed&period=2026&by=Minority"), "employment.employed")
            .ShouldBe(new Dictionary<string, double?> { ["True"] = 2, ["False"] = 1 }, ignoreOrder: true);
        var priority = Groups(await ValuesAsync(admin, "indicator=employment.employed&period=2026&by=Priority"), "employment.employed");
        priority.Values.Sum().ShouldBe(0);
        Counted(await ValuesAsync(admin, "indicator=jobs.created&period=2026&by=Sex"), "jobs.created")
            .ShouldBe(new Dictionary<string, double?> { ["Female"] = 2, ["Male"] = 2 }, ignoreOrder: true);
        Counted(await ValuesAsync(admin, "indicator=jobs.created&period=2026&by=Commune"), "jobs.created")
            .ShouldBe(new Dictionary<string, double?> { [p.A.Id.ToString()] = 3, [p.B.Id.ToString()] = 1 }, ignoreOrder: true);
        Counted(await ValuesAsync(admin, "indicator=jobs.loans&period=2026&by=Sex"), "jobs.loans")
            .ShouldBe(new Dictionary<string, double?> { ["Female"] = 1, ["Male"] = 1 }, ignoreOrder: true);

        var institution = await ValuesAsync(admin, $"indicator=employment.rate&period=2026&institution={second.Id}");
        Value(institution, "employment.rate").ShouldBe(50);

        using var officer = await SignInAsync(Roles.CommuneOfficer, p.A);
        var own = await ValuesAsync(officer, "period=2026");
        Value(own, "employment.followed_up").ShouldBe(3);
        Value(own, "employment.employed").ShouldBe(2);
        Value(own, "jobs.created").ShouldBe(3);
        Value(own, "jobs.abroad").ShouldBe(1);
    }

    [Fact]
    public async Task A_later_checkpoint_still_employed_is_not_a_second_new_job_but_a_first_employment_after_unemployment_is()
    {
        var p = await ProvinceAsync();
        var (_, institution) = await ActorAsync(Roles.InstitutionStaff, p.A);
        var course = await CourseAsync(institution, p.A);
        var learner = await LearnerAsync(p, p.A, Sex.Female, new DateOnly(2025, 6, 1));
        var enrolment = await CompletionAsync(course, learner, p.A, new DateOnly(2025, 3, 10));
        await FollowUpAsync(enrolment, 12, new DateOnly(2026, 3, 10), EmploymentStatus.Cooperative);
        await FollowUpAsync(enrolment, 6, new DateOnly(2025, 9, 10), EmploymentStatus.Cooperative);
        await FollowUpAsync(enrolment, 3, new DateOnly(2025, 6, 10), EmploymentStatus.Unemployed);

        using var admin = await AdminAsync(p);
        Value(await ValuesAsync(admin, "indicator=jobs.created&period=2025"), "jobs.created").ShouldBe(1);
        Value(await ValuesAsync(admin, "indicator=jobs.created&period=2026"), "jobs.created").ShouldBe(0);
        var y2025 = await ValuesAsync(admin, "period=2025");
        Value(y2025, "employment.followed_up").ShouldBe(1);
        Value(y2025, "employment.employed").ShouldBe(1);
        Value(await ValuesAsync(admin, "indicator=employment.employed&period=2026"), "employment.employed").ShouldBe(1);
    }

    /// <summary>The groups that counted something: the engine lists every value of an enum breakdown, zeros included.</summary>
    private static Dictionary<string, double?> Counted(System.Text.Json.JsonElement result, string code) =>
        Groups(result, code).Where(g => g.Value is > 0).ToDictionary();
}
