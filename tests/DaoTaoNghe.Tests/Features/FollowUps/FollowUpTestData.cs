using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Tests.Features.Registries;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.FollowUps;

/// <summary>A finished course of an institution, arranged directly, whose completions the follow-up tests record outcomes for.</summary>
public sealed record FollowUpCourse(int CourseId, Organisation Institution, int OccupationId, TrainingLevel Level);

public static class FollowUpTestData
{
    public static async Task<FollowUpCourse> CourseAsync(Organisation institution, AdministrativeUnit venue, TrainingLevel level = TrainingLevel.Elementary,
        DateOnly? finishedOn = null)
    {
        var provinceCode = await TestData.WithDbAsync(db => db.AdministrativeUnits.Where(u => u.Id == institution.ProvinceId).Select(u => u.Code).SingleAsync());
        var occupation = await RegistryData.OccupationAsync("Nghề thử " + TestData.Unique(), provinceCode: provinceCode);
        var programme = await RegistryData.ProgrammeAsync(institution.Id, occupation.Id, level, name: "Chương trình thử " + TestData.Unique());
        var end = finishedOn ?? new DateOnly(2025, 11, 28);
        return await TestData.WithDbAsync(async db =>
        {
            var course = new Course
            {
                InstitutionId = institution.Id, ProvinceId = institution.ProvinceId, ProgrammeId = programme.Id, OccupationId = occupation.Id, Level = level,
                VenueCommuneId = venue.Id, StartDate = end.AddMonths(-3), EndDate = end, PlannedDays = 50, Capacity = 40, ActualUnitCost = 3_000_000,
                AttendanceMode = AttendanceMode.Summary, State = CourseState.Finished, FinishedOn = end, CreatedAt = TestData.Clock.UtcNow,
            };
            course.SetName("Lớp theo dõi việc làm " + TestData.Unique());
            db.Courses.Add(course);
            await db.SaveChangesAsync();
            return new FollowUpCourse(course.Id, institution, occupation.Id, level);
        });
    }

    /// <summary>A learner of the course who completed it on <paramref name="completedOn"/>, living in <paramref name="residence"/>; returns the enrolment id.</summary>
    public static Task<int> CompletionAsync(FollowUpCourse course, int learnerId, AdministrativeUnit residence, DateOnly completedOn,
        EnrolmentStatus status = EnrolmentStatus.Completed) =>
        TestData.WithDbAsync(async db =>
        {
            var enrolment = new Enrolment
            {
                CourseId = course.CourseId, LearnerId = learnerId, InstitutionId = course.Institution.Id, ProvinceId = residence.ProvinceId ?? residence.Id,
                ResidenceCommuneId = residence.Id, EnrolledOn = completedOn.AddMonths(-3), Status = status, DaysAttended = 48,
                ResultOn = status == EnrolmentStatus.Completed ? completedOn : null, CreatedAt = TestData.Clock.UtcNow,
            };
            db.Enrolments.Add(enrolment);
            await db.SaveChangesAsync();
            return enrolment.Id;
        });

    /// <summary>A follow-up outcome recorded directly, with the new-job flag decided as the pages decide it.</summary>
    public static Task<int> FollowUpAsync(int enrolmentId, int checkpoint, DateOnly on, EmploymentStatus status, bool loanHelped = false,
        int? enterpriseId = null) =>
        TestData.WithDbAsync(async db =>
        {
            var enrolment = await db.Enrolments.FindAsync(enrolmentId) ?? throw new InvalidOperationException("no enrolment");
            var outcome = new EmploymentOutcome
            {
                LearnerId = enrolment.LearnerId, EnrolmentId = enrolmentId, InstitutionId = enrolment.InstitutionId, Checkpoint = checkpoint, OutcomeOn = on,
                Status = status, EnterpriseId = enterpriseId, EmployerName = status == EmploymentStatus.EmployedByEnterprise && enterpriseId is null ? "Công ty thử" : null,
                LoanHelped = loanHelped, Source = OutcomeSource.FollowUp, ResidenceCommuneId = enrolment.ResidenceCommuneId,
                RecordedByOrganisationId = enrolment.InstitutionId, ProvinceId = enrolment.ProvinceId, CreatedAt = TestData.Clock.UtcNow, UpdatedAt = TestData.Clock.UtcNow,
            };
            db.EmploymentOutcomes.Add(outcome);
            var siblings = await db.EmploymentOutcomes.Where(o => o.EnrolmentId == enrolmentId && o.Source == OutcomeSource.FollowUp).ToListAsync();
            EmploymentOutcomes.MarkNewJobs([.. siblings, outcome]);
            await db.SaveChangesAsync();
            return outcome.Id;
        });

    /// <summary>An outcome another area recorded (a hire, an abroad contract, a loan), through the contract's command.</summary>
    public static Task<int> ElsewhereAsync(int learnerId, DateOnly on, EmploymentStatus status, OutcomeSource source, int recordedBy, bool loanHelped = false) =>
        TestData.WithDbAsync(async db =>
        {
            var outcome = await EmploymentOutcomes.RecordAsync(db, new OutcomeFromElsewhere(learnerId, on, status, null, "Nơi làm việc thử", source,
                Random.Shared.Next(1_000_000, int.MaxValue), loanHelped, recordedBy), TestData.Clock, default);
            await db.SaveChangesAsync();
            return outcome.Id;
        });
}
