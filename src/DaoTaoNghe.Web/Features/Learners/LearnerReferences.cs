using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// Every record that points at a learner, and what a merge does with it: the one place to extend
/// when an area adds a reference to <see cref="Learner"/> (enrolments, training needs...). A test
/// fails while any foreign key to Learner is missing from <see cref="Handled"/>. Change tracked
/// entities here rather than bulk-updating, so the audit trail records every move.
/// </summary>
public sealed class LearnerReferences(TimeProvider clock) : IHandler
{
    /// <summary>The entity types whose references to a learner <see cref="Repoint"/> moves.</summary>
    public static readonly IReadOnlySet<Type> Handled = new HashSet<Type>
    {
        typeof(LearnerConsent), typeof(LearnerHousehold), typeof(LearnerPriority),
    };

    /// <summary>
    /// Moves <paramref name="merged"/>'s history to <paramref name="survivor"/> (both loaded whole):
    /// consents always (they are the person's); household years the survivor lacks; priority
    /// categories the survivor lacks (added, since a key cannot move). What conflicts stays on the
    /// merged record, which is kept.
    /// </summary>
    public void Repoint(Learner merged, Learner survivor)
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
    }
}
