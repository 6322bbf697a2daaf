using DaoTaoNghe.Features.Indicators;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Auth;

namespace DaoTaoNghe.Features.Reports;

/// <summary>
/// Reports due and reports sent on time, for the reporting year of their obligation, computed from
/// timestamps as <see cref="TimelinessRules"/> does: a report counts as due once sent or once its
/// deadline day has passed, and is on time when first sent before that day ended in Vietnam. A
/// commune government's reports count in its commune; every other body's at the province level,
/// so a commune's figure is its own committee's whoever looks at it.
/// </summary>
public sealed class ReportIndicators : IIndicatorSource
{
    public IEnumerable<IndicatorComputation> Computations =>
    [
        Reports("reports.due", r => r.Db.Reports.Where(x => x.FirstSubmittedAt != null || x.Obligation.DueOn < r.Today)),
        Reports("reports.on_time", r => r.Db.Reports.Where(x => x.FirstSubmittedAt != null
            && DateOnly.FromDateTime(x.FirstSubmittedAt.Value.AddHours(VietnamOffsetHours)) <= x.Obligation.DueOn)),
    ];

    /// <summary>Vietnam keeps UTC+7 all year, so the local day of a submission is its UTC instant plus 7 hours.</summary>
    private const int VietnamOffsetHours = 7;

    private static IndicatorComputation Reports(string name, Func<IndicatorFactRequest, IQueryable<Report>> rows) =>
        IndicatorComputation.Over(name, rows)
            .InCommune(x => x.Organisation.Kind == OrganisationKind.CommuneGovernment ? x.Organisation.Unit : x.Organisation.Province)
            .CarriedOutBy(x => x.OrganisationId)
            .InYear(x => x.Obligation.PeriodYear)
            .Records(Records);

    /// <summary>Province-wide roles see the year's timeliness overview; a body its own reports of the year.</summary>
    private static string? Records(RecordsQuery query) =>
        query.Dimension is not null ? null
        : query.Unit.Kind == UnitKind.Province && query.Scope.SeesWholeProvince ? $"/Reports/Overview?nam={query.Year}"
        : query.Unit.Kind == UnitKind.Institution && query.Scope.SeesWholeProvince ? $"/Reports?nam={query.Year}&don-vi={query.Unit.Id}"
        : query.Unit.Kind == UnitKind.Institution && query.Scope.OrganisationId == query.Unit.Id ? $"/Reports?nam={query.Year}"
        : query.Unit.Kind == UnitKind.Commune && query.Scope.Role == Roles.CommuneOfficer ? $"/Reports?nam={query.Year}"
        : null;
}
