using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Learners;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.FollowUps;

/// <summary>
/// A merged person's outcomes follow their enrolments: one tied to an enrolment that stayed behind
/// (the survivor was already in that course) stays with it; hires, contracts and loans recorded
/// elsewhere move. Runs after the enrolments moved, which the tracked enrolments show.
/// </summary>
public sealed class FollowUpPersonReferences(AppDbContext db) : IPersonReferences
{
    public int Order => 20;

    public IReadOnlyCollection<Type> Entities { get; } = [typeof(EmploymentOutcome)];

    public async Task RepointAsync(int mergedId, int survivorId, CancellationToken cancellationToken)
    {
        var outcomes = await db.EmploymentOutcomes.IgnoreQueryFilters().Include(o => o.Enrolment)
            .Where(o => o.LearnerId == mergedId).ToListAsync(cancellationToken);
        foreach (var outcome in outcomes)
            if (outcome.Enrolment is null || outcome.Enrolment.LearnerId != mergedId)
                outcome.LearnerId = survivorId;
    }
}
