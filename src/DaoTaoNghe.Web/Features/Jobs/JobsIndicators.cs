using DaoTaoNghe.Features.Indicators;

namespace DaoTaoNghe.Features.Jobs;

/// <summary>
/// Sessions held and enterprises taking part, where the session was held (an online one where it was
/// run from) and by whom; vacancies filled, where the work is, on the day of the hire. Jobs created
/// (total, women, loans, abroad) are the follow-ups area's, fed by hires, contracts and loans.
/// </summary>
public sealed class JobsIndicators : IIndicatorSource
{
    public IEnumerable<IndicatorComputation> Computations =>
    [
        IndicatorComputation.Over("jobs.sessions", r => r.Db.JobSessions)
            .InCommune(s => s.VenueCommune).CarriedOutBy(s => s.OrganiserId).On(s => s.HeldOn)
            .Records(Sessions),
        IndicatorComputation.Over("jobs.session_enterprises", r => r.Db.SessionEnterprises)
            .InCommune(e => e.Session.VenueCommune).CarriedOutBy(e => e.OrganiserId).On(e => e.Session.HeldOn)
            .Records(Sessions),
        IndicatorComputation.Over("jobs.vacancies_filled", r => r.Db.JobApplications.Where(a => a.Status == ApplicationStatus.Hired && a.DecidedOn != null))
            .InCommune(a => a.Vacancy.PlaceCommune).CarriedOutBy(a => a.RecordedByOrganisationId).On(a => a.DecidedOn!.Value),
    ];

    private static string? Sessions(RecordsQuery query) =>
        query.ListsShowUnit && query.IsWholeYear && query.Dimension is null && query.Unit.Kind != UnitKind.Commune ? $"/Jobs/Sessions?nam={query.Year}" : null;
}
