using DaoTaoNghe.Features.Indicators;

namespace DaoTaoNghe.Features.Outreach;

/// <summary>Outreach activities held and people reached, where they were held and by whom they were organised.</summary>
public sealed class OutreachIndicators : IIndicatorSource
{
    public IEnumerable<IndicatorComputation> Computations =>
    [
        IndicatorComputation.Over("outreach.events", r => r.Db.OutreachEvents)
            .InCommune(e => e.Commune).CarriedOutBy(e => e.OrganisationId).On(e => e.HeldOn)
            .Records(Records),
        IndicatorComputation.Over("outreach.people", r => r.Db.OutreachEvents)
            .InCommune(e => e.Commune).CarriedOutBy(e => e.OrganisationId).On(e => e.HeldOn).Summing(e => e.Participants)
            .Records(Records),
    ];

    /// <summary>The list filters by year and commune; an organisation's list holds only its own activities.</summary>
    private static string? Records(RecordsQuery query) =>
        query.ListsShowUnit && query.IsWholeYear && query.Dimension is null ? $"/Outreach?nam={query.Year}{query.CommuneParameter("xa")}" : null;
}
