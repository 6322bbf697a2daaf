using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Support;
using DaoTaoNghe.Infrastructure;
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
[AreaContract]
public sealed class LearnerSupportFacts(AppDbContext db, SupportQueries support) : IHandler
{
    public async Task<LearnerFacts> ForAsync(int learnerId, DateOnly courseStart, CancellationToken cancellationToken = default) =>
        (await ForManyAsync([learnerId], courseStart, cancellationToken))[learnerId];

    /// <summary>The facts of several learners of one course at once (a course's whole list, or demo seeding).</summary>
    public async Task<Dictionary<int, LearnerFacts>> ForManyAsync(IReadOnlyCollection<int> learnerIds, DateOnly courseStart,
        CancellationToken cancellationToken = default)
    {
        var ids = learnerIds.Distinct().ToList();
        if (await db.Learners.CountAsync(l => ids.Contains(l.Id), cancellationToken) != ids.Count)
            throw new NotFoundException("Không tìm thấy người học hoặc bạn không có quyền xem.");
        return await ReadAsync(ids, courseStart, cancellationToken);
    }

    /// <summary>
    /// The facts of learners the caller identified by their papers (CCCD and birth date, as the
    /// enrolment form identifies them), who enter an institution's view only once the enrolment is
    /// saved: an import computes the support of a batch before it saves anything.
    /// </summary>
    public Task<Dictionary<int, LearnerFacts>> ForIdentifiedAsync(IReadOnlyCollection<int> learnerIds, DateOnly courseStart,
        CancellationToken cancellationToken = default) =>
        ReadAsync(learnerIds.Distinct().ToList(), courseStart, cancellationToken);

    private async Task<Dictionary<int, LearnerFacts>> ReadAsync(List<int> ids, DateOnly courseStart, CancellationToken cancellationToken)
    {
        var learners = await db.Learners.IgnoreQueryFilters().AsNoTracking()
            .Where(l => ids.Contains(l.Id))
            .Select(l => new
            {
                l.Id,
                l.CommuneId,
                EthnicCode = l.EthnicGroup != null ? l.EthnicGroup.Code : null,
                Categories = l.Priorities.Select(p => p.Category).ToList(),
                Household = l.Households.Where(h => h.Year == courseStart.Year).Select(h => (HouseholdStatus?)h.Status).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var difficulty = new Dictionary<int, CommuneDifficulty?>();
        foreach (var communeId in learners.Select(l => l.CommuneId).Distinct())
            difficulty[communeId] = await support.DifficultyOnAsync(communeId, courseStart, cancellationToken);
        return learners.ToDictionary(l => l.Id, l => new LearnerFacts(
            Disabled: l.Categories.Contains(PriorityCategory.Disabled),
            EthnicMinority: l.EthnicCode is not null && l.EthnicCode != EthnicGroup.KinhCode,
            PoorHousehold: l.Household == HouseholdStatus.Poor,
            NearPoorHousehold: l.Household == HouseholdStatus.NearPoor,
            PersonWithMerit: l.Categories.Contains(PriorityCategory.PersonWithMerit),
            LandRecovered: l.Categories.Contains(PriorityCategory.LandRecovered),
            WomanLostJob: l.Categories.Contains(PriorityCategory.WomanLostJob),
            Fisher: l.Categories.Contains(PriorityCategory.Fisher),
            ResidenceDifficulty: difficulty[l.CommuneId]));
    }
}
