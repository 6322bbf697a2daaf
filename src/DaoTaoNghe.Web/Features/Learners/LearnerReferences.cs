using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Features.TrainingNeeds;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// Every record that points at a learner, and what a merge does with it: the one place to extend
/// when an area adds a reference to <see cref="Learner"/> (enrolments, training needs...). A test
/// fails while any foreign key to Learner is missing from <see cref="Handled"/>. Change tracked
/// entities here rather than bulk-updating, so the audit trail records every move.
/// </summary>
public sealed class LearnerReferences(AppDbContext db, TimeProvider clock) : IHandler
{
    /// <summary>The entity types whose references to a learner <see cref="RepointAsync"/> moves.</summary>
    public static readonly IReadOnlySet<Type> Handled = new HashSet<Type>
    {
        typeof(LearnerConsent), typeof(LearnerHousehold), typeof(LearnerPriority), typeof(Enrolment), typeof(TrainingNeed), typeof(EmploymentOutcome),
        typeof(Jobs.JobApplication), typeof(Jobs.SessionSeeker), typeof(Jobs.AbroadContract), typeof(Jobs.SocialPolicyLoan),
    };

    /// <summary>
    /// Moves <paramref name="merged"/>'s history to <paramref name="survivor"/> (both loaded whole):
    /// consents always (they are the person's); household years the survivor lacks; priority
    /// categories the survivor lacks (added, since a key cannot move); enrolments in courses the
    /// survivor is not in, with their follow-ups; outcomes recorded elsewhere (hires, contracts, loans);
    /// training wishes for an occupation and year the survivor has not stated.
    /// What conflicts stays on the merged record, which is kept. Enrolments and wishes are read
    /// past the caller's filters: the merge is allowed on the two records, and all of the person's
    /// history must follow, whichever institution keeps it.
    /// </summary>
    public async Task RepointAsync(Learner merged, Learner survivor, CancellationToken cancellationToken = default)
    {
        foreach (var consent in merged.Consents.ToList())
        {
            merged.Consents.Remove(consent);
            consent.LearnerId = survivor.Id;
            survivor.Consents.Add(consent);
        }
        foreach (var household in merged.Households.Where(h => survivor.Households.All(s => s.Year != h.Year)).ToList())
        {
            merged.Households.Remove(household);
            household.LearnerId = survivor.Id;
            survivor.Households.Add(household);
        }
        var consented = survivor.HasConsentOn(VietnamTime.Today(clock));
        foreach (var priority in merged.Priorities.Where(p => survivor.Priorities.All(s => s.Category != p.Category)))
            if (consented || priority.Category != PriorityCategory.Disabled)
                survivor.Priorities.Add(new LearnerPriority { Category = priority.Category });

        var survivorCourses = await db.Enrolments.IgnoreQueryFilters().Where(e => e.LearnerId == survivor.Id)
            .Select(e => e.CourseId).ToListAsync(cancellationToken);
        var kept = new HashSet<int>();
        foreach (var enrolment in await db.Enrolments.IgnoreQueryFilters().Where(e => e.LearnerId == merged.Id).ToListAsync(cancellationToken))
            if (!survivorCourses.Contains(enrolment.CourseId))
                enrolment.LearnerId = survivor.Id;
            else
                kept.Add(enrolment.Id);
        foreach (var outcome in await db.EmploymentOutcomes.IgnoreQueryFilters().Where(o => o.LearnerId == merged.Id).ToListAsync(cancellationToken))
            if (outcome.EnrolmentId is not { } enrolmentId || !kept.Contains(enrolmentId))
                outcome.LearnerId = survivor.Id;

        var survivorWishes = await db.TrainingNeeds.IgnoreQueryFilters().Where(n => n.LearnerId == survivor.Id)
            .Select(n => new { n.OccupationId, n.Year }).ToListAsync(cancellationToken);
        foreach (var need in await db.TrainingNeeds.IgnoreQueryFilters().Where(n => n.LearnerId == merged.Id).ToListAsync(cancellationToken))
            if (!survivorWishes.Any(w => w.OccupationId == need.OccupationId && w.Year == need.Year))
                need.LearnerId = survivor.Id;

        // Contracts and loans are the person's; an application or a session attendance the survivor already has stays behind.
        foreach (var contract in await db.AbroadContracts.IgnoreQueryFilters().Where(c => c.LearnerId == merged.Id).ToListAsync(cancellationToken))
            contract.LearnerId = survivor.Id;
        foreach (var loan in await db.SocialPolicyLoans.IgnoreQueryFilters().Where(l => l.LearnerId == merged.Id).ToListAsync(cancellationToken))
            loan.LearnerId = survivor.Id;
        var survivorVacancies = await db.JobApplications.IgnoreQueryFilters().Where(a => a.LearnerId == survivor.Id).Select(a => a.VacancyId).ToListAsync(cancellationToken);
        foreach (var application in await db.JobApplications.IgnoreQueryFilters().Where(a => a.LearnerId == merged.Id).ToListAsync(cancellationToken))
            if (!survivorVacancies.Contains(application.VacancyId))
                application.LearnerId = survivor.Id;
        var survivorSessions = await db.SessionSeekers.IgnoreQueryFilters().Where(s => s.LearnerId == survivor.Id).Select(s => s.SessionId).ToListAsync(cancellationToken);
        foreach (var seeker in await db.SessionSeekers.IgnoreQueryFilters().Where(s => s.LearnerId == merged.Id).ToListAsync(cancellationToken))
            if (!survivorSessions.Contains(seeker.SessionId))
                seeker.LearnerId = survivor.Id;
    }
}
