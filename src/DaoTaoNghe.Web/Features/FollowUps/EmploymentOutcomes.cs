using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.FollowUps;

/// <summary>An employment outcome another area learned of (a hire at a job-exchange session, an abroad contract, a loan-backed start).</summary>
[AreaContract]
public sealed record OutcomeFromElsewhere(
    int LearnerId, DateOnly On, EmploymentStatus Status, int? EnterpriseId, string? EmployerName,
    OutcomeSource Source, int SourceId, bool LoanHelped, int RecordedByOrganisationId);

/// <summary>
/// The follow-ups area's named command for other areas: record a person's employment outcome
/// without typing it twice. Adds or updates the one outcome of (Source, SourceId) and never saves,
/// so the caller's hire and its outcome land in the caller's transaction together; the write guard
/// checks the outcome like any other write when the caller saves.
/// </summary>
[AreaContract]
public static class EmploymentOutcomes
{
    public static async Task<EmploymentOutcome> RecordAsync(AppDbContext db, OutcomeFromElsewhere outcome, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (outcome.Source == OutcomeSource.FollowUp)
            throw new ArgumentException("Follow-ups are recorded by the follow-up pages, which know the completion and checkpoint.", nameof(outcome));

        // The hire itself is the caller's evidence that the person exists; their residence is read
        // whatever the caller's scope, and the write guard still decides whether the caller may write.
        var learner = await LearnerDirectory.PastScope(db).AsNoTracking()
                          .Where(l => l.Id == outcome.LearnerId)
                          .Select(l => new { l.Id, l.MergedIntoId, l.CommuneId, l.ProvinceId })
                          .SingleOrDefaultAsync(cancellationToken)
                      ?? throw new NotFoundException("Không tìm thấy người lao động.");
        var person = learner;
        if (learner.MergedIntoId is { } survivorId)
            person = await LearnerDirectory.PastScope(db).AsNoTracking()
                .Where(l => l.Id == survivorId)
                .Select(l => new { l.Id, l.MergedIntoId, l.CommuneId, l.ProvinceId })
                .SingleAsync(cancellationToken);

        var record = db.EmploymentOutcomes.Local.FirstOrDefault(o => o.Source == outcome.Source && o.SourceId == outcome.SourceId)
                     ?? await db.EmploymentOutcomes.IgnoreQueryFilters()
                         .SingleOrDefaultAsync(o => o.Source == outcome.Source && o.SourceId == outcome.SourceId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (record is null)
        {
            record = new EmploymentOutcome { Source = outcome.Source, SourceId = outcome.SourceId, CreatedAt = now };
            db.EmploymentOutcomes.Add(record);
        }

        record.LearnerId = person.Id;
        record.ResidenceCommuneId = await Residences.CommuneOnPastScopeAsync(db, person.Id, outcome.On, cancellationToken);
        record.ProvinceId = person.ProvinceId;
        record.OutcomeOn = outcome.On;
        record.Status = outcome.Status;
        record.EnterpriseId = outcome.EnterpriseId;
        record.EmployerName = outcome.EnterpriseId is null ? Clean(outcome.EmployerName) : null;
        record.LoanHelped = outcome.LoanHelped;
        record.RecordedByOrganisationId = outcome.RecordedByOrganisationId;
        record.IsNewJob = EmploymentOutcome.IsEmployed(outcome.Status);
        record.UpdatedAt = now;
        return record;
    }

    /// <summary>
    /// Of one completion's follow-ups, only the earliest checkpoint at which the person was employed is a
    /// new job: a later "still employed" is the same job, not another.
    /// </summary>
    internal static void MarkNewJobs(IEnumerable<EmploymentOutcome> followUpsOfOneCompletion)
    {
        var first = followUpsOfOneCompletion.Where(o => EmploymentOutcome.IsEmployed(o.Status)).MinBy(o => o.Checkpoint);
        foreach (var o in followUpsOfOneCompletion) o.IsNewJob = ReferenceEquals(o, first);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
