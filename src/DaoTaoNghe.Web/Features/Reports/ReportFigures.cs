using DaoTaoNghe.Features.Indicators;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Reports;

/// <summary>An indicator a report can show: stable code (templates name it), Vietnamese name and unit as printed.</summary>
public sealed record IndicatorDefinition(string Code, string Name, string Unit, string CountingRule);

/// <summary>One indicator's value for a reporting unit and period.</summary>
public sealed record IndicatorValue(string Code, string Name, string Unit, long Value);

/// <summary>Who a report speaks for: the reporting organisation, the kind of body it is, and where it sits.</summary>
public sealed record ReportingUnit(int OrganisationId, OrganisationKind Kind, int UnitId, int ProvinceId);

/// <summary>
/// The seam between reports and indicators: the only place a report asks "what are this unit's
/// numbers for this period?". Reports are pre-filled from it and refreshed from it until submitted.
/// <para>Contract, kept by whoever extends it (the indicators feature replaces the body of
/// <see cref="ForUnitAsync"/> with its full indicator set and <see cref="Definitions"/> with its own
/// catalogue):</para>
/// <list type="bullet">
/// <item><see cref="ForUnitAsync"/> returns one value per indicator of <see cref="Definitions"/>, in
/// that order, for the reporting unit over the local dates [from, to], both inclusive.</item>
/// <item>A commune government reports its commune's territory, including the pre-2025 communes
/// that merged into it (AdministrativeUnit.RollUpUnitId); the provincial government the whole
/// province; any other body (department, institution, bank, centre) what it carried out itself.</item>
/// <item>Values are additive whole numbers (events, persons, đồng): an aggregate report sums them
/// over its approved source reports, so a rate must be returned as numerator and denominator.</item>
/// <item>Codes never change meaning once a template names them; names and units are printed as given.</item>
/// <item>It reads through the caller's scope; callers are the reporter or a province-wide role.</item>
/// </list>
/// <para>The definitions are the additive indicators of the indicator catalogue
/// (Features/Indicators/Catalogue/indicators.json), in its order: counts and sums of money computed
/// from the records or, until their records exist, read from the values entered by hand. A rate
/// travels as its numerator and denominator, which are indicators of their own (employed and
/// followed up); a surveyed rate such as unemployment cannot be summed and is not a report figure.
/// An indicator that does not apply to a body (learners for a department) is 0 for it.</para>
/// </summary>
public sealed class ReportFigures(IndicatorEngine engine) : IHandler
{
    public const string OutreachEvents = "outreach.events";
    public const string OutreachPeople = "outreach.people";

    private static readonly IReadOnlyList<Indicator> Reportable = IndicatorCatalogue.All.Where(i => i.IsAdditive).ToList();

    public static readonly IReadOnlyList<IndicatorDefinition> Definitions =
        Reportable.Select(i => new IndicatorDefinition(i.Code, i.Name, i.Unit, i.CountingRule)).ToList();

    public static IndicatorDefinition? Find(string code) => Definitions.FirstOrDefault(d => d.Code == code);

    public async Task<IReadOnlyList<IndicatorValue>> ForUnitAsync(ReportingUnit unit, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var reporting = unit.Kind switch
        {
            OrganisationKind.CommuneGovernment => new IndicatorUnit(UnitKind.Commune, unit.UnitId, unit.ProvinceId, ""),
            OrganisationKind.ProvincialGovernment => new IndicatorUnit(UnitKind.Province, unit.ProvinceId, unit.ProvinceId, ""),
            _ => new IndicatorUnit(UnitKind.Institution, unit.OrganisationId, unit.ProvinceId, ""),
        };
        var values = await engine.ValuesAsync(Reportable, reporting, new IndicatorPeriod(from, to), cancellationToken);
        return Definitions.Select(d => new IndicatorValue(d.Code, d.Name, d.Unit, values[d.Code]?.Numerator ?? 0)).ToList();
    }
}
