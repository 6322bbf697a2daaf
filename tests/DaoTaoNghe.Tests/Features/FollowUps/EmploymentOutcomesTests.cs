using DaoTaoNghe.Data;
using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Tests.Features.Courses;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoTaoNghe.Tests.Features.FollowUps;

/// <summary>The command other areas call (a hire, an abroad contract, a loan): one outcome per source record, saved by the caller.</summary>
public class EmploymentOutcomesTests
{
    private static async Task<T> AsAsync<T>(string role, Organisation organisation, Func<AppDbContext, Task<T>> work)
    {
        await using var scope = TestApp.Instance.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScopeAccessor>().Current =
            DataScope.ForUser(role, 1, "thử", organisation.Id, organisation.ProvinceId, organisation.UnitId);
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    [Fact]
    public async Task Recording_the_same_hire_twice_updates_the_one_outcome()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var learner = await TrainingTestData.LearnerAsync(commune.Id);
        var centre = await TestData.OrganisationAsync(OrganisationKind.EmploymentCentre, await TestData.CommuneAsync("Phường Tân Phong"));
        var enterprise = await TestData.OrganisationAsync(OrganisationKind.Enterprise, commune);
        var hireId = Random.Shared.Next(1_000_000, int.MaxValue);

        var first = await AsAsync(Roles.EmploymentCentre, centre, async db =>
        {
            var outcome = await EmploymentOutcomes.RecordAsync(db, new OutcomeFromElsewhere(learner.Id, new DateOnly(2026, 6, 1),
                EmploymentStatus.EmployedByEnterprise, enterprise.Id, null, OutcomeSource.Hire, hireId, false, centre.Id), TestData.Clock, default);
            outcome.Id.ShouldBe(0, "RecordAsync never saves");
            await db.SaveChangesAsync();
            return outcome;
        });
        first.IsNewJob.ShouldBeTrue();
        first.ResidenceCommuneId.ShouldBe(commune.Id);

        await AsAsync(Roles.EmploymentCentre, centre, async db =>
        {
            await EmploymentOutcomes.RecordAsync(db, new OutcomeFromElsewhere(learner.Id, new DateOnly(2026, 6, 8),
                EmploymentStatus.EmployedByEnterprise, null, "Hợp tác xã chè Tân Uyên", OutcomeSource.Hire, hireId, true, centre.Id), TestData.Clock, default);
            return await db.SaveChangesAsync();
        });

        var rows = await TestData.WithDbAsync(db => db.EmploymentOutcomes.AsNoTracking()
            .Where(o => o.Source == OutcomeSource.Hire && o.SourceId == hireId).ToListAsync());
        var row = rows.ShouldHaveSingleItem();
        row.Id.ShouldBe(first.Id);
        row.OutcomeOn.ShouldBe(new DateOnly(2026, 6, 8));
        row.EnterpriseId.ShouldBeNull();
        row.EmployerName.ShouldBe("Hợp tác xã chè Tân Uyên");
        row.LoanHelped.ShouldBeTrue();
    }

    [Fact]
    public async Task An_organisation_cannot_record_in_the_name_of_another()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var learner = await TrainingTestData.LearnerAsync(commune.Id);
        var centre = await TestData.OrganisationAsync(OrganisationKind.EmploymentCentre, await TestData.CommuneAsync("Phường Tân Phong"));
        var other = await TestData.OrganisationAsync(OrganisationKind.EmploymentCentre, await TestData.CommuneAsync("Phường Tân Phong"));
        var loanId = Random.Shared.Next(1_000_000, int.MaxValue);

        await Should.ThrowAsync<ForbiddenException>(() => AsAsync(Roles.EmploymentCentre, centre, async db =>
        {
            await EmploymentOutcomes.RecordAsync(db, new OutcomeFromElsewhere(learner.Id, new DateOnly(2026, 6, 1),
                EmploymentStatus.SelfEmployed, null, null, OutcomeSource.Loan, loanId, true, other.Id), TestData.Clock, default);
            return await db.SaveChangesAsync();
        }));

        (await TestData.WithDbAsync(db => db.EmploymentOutcomes.AnyAsync(o => o.Source == OutcomeSource.Loan && o.SourceId == loanId))).ShouldBeFalse();
    }
}
