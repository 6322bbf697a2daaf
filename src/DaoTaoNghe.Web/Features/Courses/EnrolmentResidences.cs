using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Learners;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Courses;

/// <summary>An enrolment (and its completion, support and settlement) counts where the person lived on the day they enrolled.</summary>
public sealed class EnrolmentResidences(AppDbContext db) : IResidenceEvents
{
    public async Task<int> PlaceAsync(int learnerId, ResidenceHistory history, CancellationToken cancellationToken)
    {
        var moved = 0;
        foreach (var enrolment in await db.Enrolments.IgnoreQueryFilters().Where(e => e.LearnerId == learnerId).ToListAsync(cancellationToken))
            if (history.CommuneOn(enrolment.EnrolledOn) is var commune && commune != enrolment.ResidenceCommuneId)
            {
                enrolment.ResidenceCommuneId = commune;
                moved++;
            }
        return moved;
    }
}
