using DaoTaoNghe.Features.Indicators;

namespace DaoTaoNghe.Features.Outreach;

/// <summary>An activity sits where and when it was held.</summary>
public sealed class OutreachIndicatorTriggers : IIndicatorTriggers
{
    public IEnumerable<IndicatorTrigger> Triggers =>
    [
        IndicatorTrigger.On<OutreachEvent>().Places(nameof(OutreachEvent), e => e.CommuneId, e => e.HeldOn),
    ];
}
