using DaoTaoNghe.Features.Indicators;

namespace DaoTaoNghe.Features.Jobs;

/// <summary>
/// Sessions and the enterprises at them sit where and when the session is held; a hire through referral
/// sits where the vacancy's work is, in the year of the decision, and moves with the vacancy's place.
/// </summary>
public sealed class JobsIndicatorTriggers : IIndicatorTriggers
{
    public IEnumerable<IndicatorTrigger> Triggers =>
    [
        IndicatorTrigger.On<JobSession>()
            .Places(nameof(JobSession), s => s.VenueCommuneId, s => s.HeldOn)
            .Places(nameof(SessionEnterprise), s => s.VenueCommuneId, s => s.HeldOn),
        IndicatorTrigger.On<SessionEnterprise>()
            .PlacesThrough<JobSession>(nameof(SessionEnterprise), e => e.SessionId, s => s.VenueCommuneId, s => s.HeldOn),
        IndicatorTrigger.On<JobApplication>()
            .PlacesInParentCommune<Vacancy>(nameof(JobApplication), a => a.VacancyId, v => v.PlaceCommuneId, a => a.DecidedOn),
        IndicatorTrigger.On<Vacancy>()
            .PlacesChildren<JobApplication>(nameof(JobApplication), a => a.VacancyId, v => v.PlaceCommuneId, a => a.DecidedOn)
            .OnlyWhenChanged(v => v.PlaceCommuneId),
    ];
}
