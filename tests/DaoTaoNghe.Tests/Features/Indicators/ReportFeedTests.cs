using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Reports;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.FollowUps;
using DaoTaoNghe.Tests.Features.Reports;
using DaoTaoNghe.Tests.Support;
using static DaoTaoNghe.Tests.Features.Indicators.IndicatorTestData;

namespace DaoTaoNghe.Tests.Features.Indicators;

/// <summary>Reports are pre-filled from the indicators through <see cref="ReportFigures"/>: additive values, rates as their two parts.</summary>
public class ReportFeedTests
{
    [Fact]
    public async Task A_communes_report_is_filled_with_its_indicator_values_including_its_former_communes_and_hand_entered_ones()
    {
        var p = await ProvinceAsync();
        var (_, commune) = await ActorAsync(Roles.CommuneOfficer, p.A);
        var (_, department) = await ActorAsync(Roles.DepartmentOfficer, p.Province);
        await OutreachAsync(p.FormerA1, commune.Id, new DateOnly(2024, 3, 1), 30);
        await OutreachAsync(p.FormerA2, department.Id, new DateOnly(2024, 3, 2), 20);
        await OutreachAsync(p.B, commune.Id, new DateOnly(2024, 3, 3), 5);
        await LearnerAsync(p, p.A, Sex.Female, new DateOnly(2024, 4, 4));
        var (_, institution) = await ActorAsync(Roles.InstitutionStaff, p.B);
        var course = await FollowUpTestData.CourseAsync(institution, p.B, finishedOn: new DateOnly(2023, 11, 10));
        var learner = await LearnerAsync(p, p.FormerA1, Sex.Male, new DateOnly(2023, 5, 4));
        var completion = await FollowUpTestData.CompletionAsync(course, learner, p.FormerA1, new DateOnly(2023, 11, 10));
        await FollowUpTestData.FollowUpAsync(completion, 3, new DateOnly(2024, 2, 12), EmploymentStatus.Unemployed);
        await FollowUpTestData.FollowUpAsync(completion, 6, new DateOnly(2024, 5, 12), EmploymentStatus.SelfEmployed);
        var course2024 = await FollowUpTestData.CourseAsync(institution, p.B, finishedOn: new DateOnly(2024, 6, 14));
        await FollowUpTestData.CompletionAsync(course2024, learner, p.FormerA1, new DateOnly(2024, 6, 14));
        await ValueAsync("labour.unemployment_rate", p.Province, p.Id, 2024, 1.3);
        using var admin = await AdminAsync(p);

        var obligation = await ReportsTestData.ObligationAsync(admin, [commune.Id, department.Id], ReportsTestData.TodayInVietnam.AddDays(20),
            new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));

        var own = await ReportsTestData.ReportAsync(await ReportsTestData.ReportIdAsync(obligation, commune.Id));
        long Figure(Report report, string code) => report.Figures.Single(f => f.Code == code).Value;
        Figure(own, ReportFigures.OutreachEvents).ShouldBe(2);
        Figure(own, ReportFigures.OutreachPeople).ShouldBe(50);
        Figure(own, "learners.registered").ShouldBe(1);
        Figure(own, "training.completed").ShouldBe(1);
        Figure(own, "employment.followed_up").ShouldBe(1);
        Figure(own, "employment.employed").ShouldBe(1);
        Figure(own, "jobs.created").ShouldBe(1);
        own.Figures.ShouldNotContain(f => f.Code == "employment.rate" || f.Code == "labour.unemployment_rate");
        own.Figures.OrderBy(f => f.Order).Select(f => f.Code).ShouldBe(ReportFigures.Definitions.Select(d => d.Code));

        var departmentReport = await ReportsTestData.ReportAsync(await ReportsTestData.ReportIdAsync(obligation, department.Id));
        Figure(departmentReport, ReportFigures.OutreachPeople).ShouldBe(20);
        Figure(departmentReport, "training.completed").ShouldBe(0);
        Figure(departmentReport, "learners.registered").ShouldBe(0);
    }
}
