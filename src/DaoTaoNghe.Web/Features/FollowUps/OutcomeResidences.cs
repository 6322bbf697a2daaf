using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Learners;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.FollowUps;

/// <summary>An employment outcome (follow-up, hire, contract, loan) counts where the person lived on the outcome's date.</summary>
public sealed class OutcomeResidences(AppDbContext db) : IResidenceEvents
{
    public async Task<int> PlaceAsync(int learnerId, ResidenceHistory history, CancellationToken cancellationToken)
    {
        var moved = 0;
        foreach (var outcome in await db.EmploymentOutcomes.IgnoreQueryFilters().Where(o => o.LearnerId == learnerId).ToListAsync(cancellationToken))
            if (history.CommuneOn(outcome.OutcomeOn) is var commune && commune != outcome.ResidenceCommuneId)
            {
                outcome.ResidenceCommuneId = commune;
                moved++;
            }
        return moved;
    }
}
