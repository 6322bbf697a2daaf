using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.FollowUps.FollowUpTestData;
using static DaoTaoNghe.Tests.Features.Indicators.IndicatorTestData;

namespace DaoTaoNghe.Tests.Features.Courses;

/// <summary>
/// People trained and support paid from known completions, in a province of the test's own, to the
/// exact number on both databases: a result recorded on a running course counts at once, support
/// only once its course is finished.
/// </summary>
public class TrainingIndicatorsTests
{
    /// <summary>Support owed, and paid out on <paramref name="paidOn"/> when given.</summary>
    private static Task SupportAsync(int enrolmentId, long total, DateOnly? paidOn = null) =>
        TestData.WithDbAsync(db => db.Enrolments.Where(e => e.Id == enrolmentId).ExecuteUpdateAsync(s => s.SetProperty(e => e.SupportTotal, total)
            .SetProperty(e => e.SettledOn, paidOn).SetProperty(e => e.SettledAmount, paidOn is null ? null : total)));

    private static Dictionary<string, double?> Counted(System.Text.Json.JsonElement result, string code) =>
        Groups(result, code).Where(g => g.Value is > 0).ToDictionary(g => g.Key, g => g.Value);

    [Fact]
    public async Task People_trained_count_by_their_result_date_and_support_paid_counts_what_was_paid_on_the_day_it_was_paid()
    {
        var p = await ProvinceAsync();
        var (_, first) = await ActorAsync(Roles.InstitutionStaff, p.B);
        var (_, second) = await ActorAsync(Roles.InstitutionStaff, p.A);
        var lastYear = await CourseAsync(first, p.B, TrainingLevel.Elementary, finishedOn: new DateOnly(2025, 11, 28));
        var finished = await CourseAsync(second, p.A, TrainingLevel.Intermediate, finishedOn: new DateOnly(2026, 5, 29));
        var running = await CourseAsync(first, p.B, TrainingLevel.Elementary, finishedOn: new DateOnly(2026, 6, 10));
        await TestData.WithDbAsync(db => db.Courses.Where(c => c.Id == running.CourseId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, CourseState.Running).SetProperty(c => c.FinishedOn, (DateOnly?)null)));

        var e1 = await CompletionAsync(lastYear, await LearnerAsync(p, p.A, Sex.Female, new DateOnly(2025, 6, 1), Hmong), p.A, new DateOnly(2025, 11, 28));
        // Lived in a pre-2025 commune that merged into A: counts toward A.
        var e2 = await CompletionAsync(finished, await LearnerAsync(p, p.FormerA1, Sex.Female, new DateOnly(2025, 6, 1), Thai), p.FormerA1,
            new DateOnly(2026, 5, 29));
        var e3 = await CompletionAsync(finished, await LearnerAsync(p, p.B, Sex.Male, new DateOnly(2025, 6, 1), Kinh), p.B, new DateOnly(2026, 5, 29));
        var e4 = await CompletionAsync(finished, await LearnerAsync(p, p.B, Sex.Male, new DateOnly(2025, 6, 1)), p.B, new DateOnly(2026, 5, 29),
            EnrolmentStatus.Failed);
        var e5 = await CompletionAsync(running, await LearnerAsync(p, p.A, Sex.Female, new DateOnly(2025, 6, 1)), p.A, new DateOnly(2026, 6, 10));
        await SupportAsync(e1, 1_000_000, new DateOnly(2025, 12, 10));
        await SupportAsync(e2, 2_000_000, new DateOnly(2026, 6, 15));
        await SupportAsync(e3, 3_000_000, new DateOnly(2026, 6, 15));
        await SupportAsync(e4, 1_500_000, new DateOnly(2026, 6, 15));
        // Owed but not paid yet: not counted.
        await SupportAsync(e5, 4_000_000);
        await ValueAsync("support.budget", p.Province, p.Id, 2026, 13_000_000);

        using var admin = await AdminAsync(p);
        var y2026 = await ValuesAsync(admin, "period=2026");
        Value(y2026, "training.completed").ShouldBe(3);
        Value(y2026, "support.paid").ShouldBe(6_500_000);
        Value(y2026, "support.disbursement_rate").ShouldBe(50);
        var y2025 = await ValuesAsync(admin, "period=2025");
        Value(y2025, "training.completed").ShouldBe(1);
        Value(y2025, "support.paid").ShouldBe(1_000_000);

        Counted(await ValuesAsync(admin, "indicator=training.completed&period=2026&by=Commune"), "training.completed")
            .ShouldBe(new Dictionary<string, double?> { [p.A.Id.ToString()] = 2, [p.B.Id.ToString()] = 1 }, ignoreOrder: true);
        Counted(await ValuesAsync(admin, "indicator=training.completed&period=2026&by=Sex"), "training.completed")
            .ShouldBe(new Dictionary<string, double?> { ["Female"] = 2, ["Male"] = 1 }, ignoreOrder: true);
        Counted(await ValuesAsync(admin, "indicator=training.completed&period=2026&by=Level"), "training.completed")
            .ShouldBe(new Dictionary<string, double?> { ["Intermediate"] = 2, ["Elementary"] = 1 }, ignoreOrder: true);
        Counted(await ValuesAsync(admin, "indicator=training.completed&period=2026&by=Institution"), "training.completed")
            .ShouldBe(new Dictionary<string, double?> { [second.Id.ToString()] = 2, [first.Id.ToString()] = 1 }, ignoreOrder: true);
        Counted(await ValuesAsync(admin, "indicator=training.completed&period=2026&by=Minority"), "training.completed")
            .ShouldBe(new Dictionary<string, double?> { ["True"] = 1, ["False"] = 1, [""] = 1 }, ignoreOrder: true);
        Counted(await ValuesAsync(admin, "indicator=support.paid&period=2026&by=Commune"), "support.paid")
            .ShouldBe(new Dictionary<string, double?> { [p.A.Id.ToString()] = 2_000_000, [p.B.Id.ToString()] = 4_500_000 }, ignoreOrder: true);

        Value(await ValuesAsync(admin, $"indicator=training.completed&period=2026&institution={second.Id}"), "training.completed").ShouldBe(2);
        using var officer = await SignInAsync(Roles.CommuneOfficer, p.A);
        var own = await ValuesAsync(officer, "period=2026");
        Value(own, "training.completed").ShouldBe(2);
        Value(own, "support.paid").ShouldBe(2_000_000);
    }
}
