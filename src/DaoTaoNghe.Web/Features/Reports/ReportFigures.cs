using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Outreach;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Reports;

/// <summary>An indicator a report can show: stable code (templates name it), Vietnamese name and unit as printed.</summary>
public sealed record IndicatorDefinition(string Code, string Name, string Unit);

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
/// </summary>
public sealed class ReportFigures(OutreachFigures outreach) : IHandler
{
    public const string OutreachEvents = "outreach.events";
    public const string OutreachPeople = "outreach.people";

    public static readonly IReadOnlyList<IndicatorDefinition> Definitions =
    [
        new(OutreachEvents, "Số hoạt động tuyên truyền, tư vấn học nghề đã tổ chức", "hoạt động"),
        new(OutreachPeople, "Số lượt người được tuyên truyền, tư vấn", "lượt người"),
    ];

    public static IndicatorDefinition? Find(string code) => Definitions.FirstOrDefault(d => d.Code == code);

    public async Task<IReadOnlyList<IndicatorValue>> ForUnitAsync(ReportingUnit unit, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var totals = unit.Kind switch
        {
            OrganisationKind.CommuneGovernment => await outreach.InCommuneAsync(unit.UnitId, from, to, cancellationToken),
            OrganisationKind.ProvincialGovernment => await outreach.InProvinceAsync(unit.ProvinceId, from, to, cancellationToken),
            _ => await outreach.ByOrganisationAsync(unit.OrganisationId, from, to, cancellationToken),
        };
        return
        [
            Value(OutreachEvents, totals.Events),
            Value(OutreachPeople, totals.People),
        ];
    }

    private static IndicatorValue Value(string code, long value)
    {
        var definition = Find(code)!;
        return new IndicatorValue(code, definition.Name, definition.Unit, value);
    }
}
