using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// What an area keeps about a person that a merge of duplicate person records must carry to the
/// surviving record: each area that points at <see cref="Learner"/> implements this for its own
/// records (enrolments, follow-ups, training wishes, applications, contracts, loans). Read past the
/// caller's filters: the merge is allowed on the two records, and all of the person's history must
/// follow, whichever organisation keeps it. Change tracked entities rather than bulk-updating, so
/// the audit trail records every move.
/// </summary>
[AreaContract]
public interface IPersonReferences
{
    /// <summary>Lower runs first: a record that follows another (a follow-up of an enrolment) moves after it.</summary>
    int Order { get; }

    /// <summary>The entity types whose learner id <see cref="RepointAsync"/> moves; a test fails while a foreign key to Learner is in none.</summary>
    IReadOnlyCollection<Type> Entities { get; }

    Task RepointAsync(int mergedId, int survivorId, CancellationToken cancellationToken);
}

/// <summary>
/// Moves <c>merged</c>'s history to <c>survivor</c> (both loaded whole): consents always (they
/// are the person's); household years the survivor lacks; priority categories the survivor lacks
/// (added, since a key cannot move); then every area's own references, in their order. What
/// conflicts stays on the merged record, which is kept.
/// </summary>
public sealed class LearnerReferences(IEnumerable<IPersonReferences> areas, TimeProvider clock) : IHandler
{
    /// <summary>The person's own rows, moved here.</summary>
    public static readonly IReadOnlyCollection<Type> Own = [typeof(LearnerConsent), typeof(LearnerHousehold), typeof(LearnerPriority)];

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

        foreach (var area in areas.OrderBy(a => a.Order))
            await area.RepointAsync(merged.Id, survivor.Id, cancellationToken);
    }
}
