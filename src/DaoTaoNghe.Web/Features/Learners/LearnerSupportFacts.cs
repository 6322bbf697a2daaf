using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Support;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// A learner as the support rules see them for a course starting on a date: groups from the
/// record, household status for that year, the residence commune's classification on that date.
/// The caller must see the learner (else 404); the facts themselves are read past the
/// sensitive-data filter, because support is owed whoever computes it.
/// </summary>
public sealed class LearnerSupportFacts(AppDbContext db, SupportQueries support) : IHandler
{
    public async Task<LearnerFacts> ForAsync(int learnerId, DateOnly courseStart, CancellationToken cancellationToken = default)
    {
        if (!await db.Learners.AnyAsync(l => l.Id == learnerId, cancellationToken))
            throw new NotFoundException("Không tìm thấy người học hoặc bạn không có quyền xem.");
        var learner = await db.Learners.IgnoreQueryFilters().AsNoTracking()
            .Where(l => l.Id == learnerId)
            .Select(l => new
            {
                l.CommuneId,
                EthnicCode = l.EthnicGroup != null ? l.EthnicGroup.Code : null,
                Categories = l.Priorities.Select(p => p.Category).ToList(),
                Household = l.Households.Where(h => h.Year == courseStart.Year).Select(h => (HouseholdStatus?)h.Status).FirstOrDefault(),
            })
            .SingleAsync(cancellationToken);
        var difficulty = await support.DifficultyOnAsync(learner.CommuneId, courseStart, cancellationToken);
        return new LearnerFacts(
            Disabled: learner.Categories.Contains(PriorityCategory.Disabled),
            EthnicMinority: learner.EthnicCode is not null && learner.EthnicCode != EthnicGroup.KinhCode,
            PoorHousehold: learner.Household == HouseholdStatus.Poor,
            NearPoorHousehold: learner.Household == HouseholdStatus.NearPoor,
            PersonWithMerit: learner.Categories.Contains(PriorityCategory.PersonWithMerit),
            LandRecovered: learner.Categories.Contains(PriorityCategory.LandRecovered),
            WomanLostJob: learner.Categories.Contains(PriorityCategory.WomanLostJob),
            Fisher: learner.Categories.Contains(PriorityCategory.Fisher),
            ResidenceDifficulty: difficulty);
    }
}
