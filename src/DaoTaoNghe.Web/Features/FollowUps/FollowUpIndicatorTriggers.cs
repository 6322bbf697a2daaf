using DaoTaoNghe.Features.Indicators;

namespace DaoTaoNghe.Features.FollowUps;

/// <summary>An outcome's change moves its cell (where the person lived, the year of the outcome) and the person's other outcomes (a person once a year, a completion by its latest follow-up).</summary>
public sealed class FollowUpIndicatorTriggers : IIndicatorTriggers
{
    public IEnumerable<IndicatorTrigger> Triggers =>
    [
        IndicatorTrigger.On<EmploymentOutcome>()
            .Places(nameof(EmploymentOutcome), o => o.ResidenceCommuneId, o => o.OutcomeOn)
            .Person(o => o.LearnerId),
    ];
}
