using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Indicators;

namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// What a person's record moves in the maintained indicator values: their registration's cell (the
/// commune they were registered in, the local year they were registered) and every record of theirs (sex, ethnicity and priority
/// groups break the figures about people down; a merge moves records to the person kept). An ethnic
/// group's code decides "minority" for everyone.
/// </summary>
public sealed class LearnerIndicatorTriggers : IIndicatorTriggers
{
    public IEnumerable<IndicatorTrigger> Triggers =>
    [
        IndicatorTrigger.On<Learner>()
            .PlacesAt(nameof(Learner), l => l.RegisteredCommuneId, l => l.CreatedAt)
            .Person(l => l.Id),
        IndicatorTrigger.On<LearnerPriority>().Person(p => p.LearnerId),
        IndicatorTrigger.On<EthnicGroup>().Everything().OnlyWhenChanged(g => g.Code),
    ];
}
