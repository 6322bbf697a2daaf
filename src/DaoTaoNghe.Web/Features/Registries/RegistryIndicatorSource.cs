using DaoTaoNghe.Features.Indicators;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Partnerships;
using DaoTaoNghe.Features.Programmes;

namespace DaoTaoNghe.Features.Registries;

/// <summary>
/// The registry indicators as the dashboards compute them, on the snapshot day of the period and by
/// the same rules as <see cref="RegistryIndicators"/>: key programmes in use and those holding a
/// valid accreditation; occupations taught at intermediate or college level, counted once per
/// institution (an agreement binds one institution), and those with an enterprise partnership in
/// force. Rows sit where the institution sits and belong to it.
/// </summary>
public sealed class RegistryIndicatorSource : IIndicatorSource
{
    public IEnumerable<IndicatorComputation> Computations =>
    [
        KeyProgrammes("programmes.key", r => ProgrammeDirectory.Visible(r.Db).Where(p => p.IsKey && p.IsActive && p.Institution.IsActive)),
        KeyProgrammes("programmes.key_accredited", r => ProgrammeDirectory.Visible(r.Db).Where(p => p.IsKey && p.IsActive && p.Institution.IsActive
            && p.Accreditations.Any(a => a.Result == AccreditationResult.Passed && a.DecidedOn <= r.At && (a.ExpiresOn == null || a.ExpiresOn >= r.At)))),
        TaughtOccupations("occupations.vet_taught", r => Taught(r)),
        TaughtOccupations("occupations.vet_partnered", r => Taught(r).Where(p => PartnershipDirectory.Visible(r.Db).Any(x =>
            x.InstitutionId == p.InstitutionId && x.OccupationId == p.OccupationId && x.IsActive && x.Enterprise.IsActive
            && x.StartsOn <= r.At && (x.EndsOn == null || x.EndsOn >= r.At)))),
    ];

    private static IndicatorComputation KeyProgrammes(string name, Func<IndicatorFactRequest, IQueryable<Programme>> rows) =>
        IndicatorComputation.Over(name, rows)
            .InCommune(p => p.Institution.Unit).CarriedOutBy(p => p.InstitutionId)
            .BreakdownBy(Dimension.Level, p => p.Level)
            .BreakdownBy(Dimension.Occupation, p => p.OccupationId)
            .BreakdownBy(Dimension.Institution, p => p.InstitutionId)
            .Records(Records);

    private static IndicatorComputation TaughtOccupations(string name, Func<IndicatorFactRequest, IQueryable<Programme>> rows) =>
        IndicatorComputation.Over(name, rows)
            .InCommune(p => p.Institution.Unit).CarriedOutBy(p => p.InstitutionId)
            .BreakdownBy(Dimension.Occupation, p => p.OccupationId)
            .BreakdownBy(Dimension.Institution, p => p.InstitutionId)
            .Records(Records);

    /// <summary>One programme stands for each institution and occupation taught at intermediate or college level: the first by id.</summary>
    private static IQueryable<Programme> Taught(IndicatorFactRequest r) =>
        ProgrammeDirectory.Visible(r.Db).Where(p => p.IsActive && p.Institution.IsActive && (p.Level == TrainingLevel.Intermediate || p.Level == TrainingLevel.College)
            && !ProgrammeDirectory.Visible(r.Db).Any(q => q.InstitutionId == p.InstitutionId && q.OccupationId == p.OccupationId && q.IsActive
                && (q.Level == TrainingLevel.Intermediate || q.Level == TrainingLevel.College) && q.Id < p.Id));

    /// <summary>The registry indicators page lists the programmes and occupations behind both figures, on the day, for the province or one institution.</summary>
    private static string? Records(RecordsQuery query)
    {
        var institution = query.Dimension == Dimension.Institution ? query.Key
            : query.Dimension is null && query.Unit.Kind == UnitKind.Institution ? query.Unit.Id.ToString()
            : null;
        if (query.Unit.Kind is not (UnitKind.Province or UnitKind.Institution) || (query.Dimension is not null && institution is null)) return null;
        return $"/Registries/Indicators?ngay={query.At:yyyy-MM-dd}{(institution is null ? "" : "&co-so=" + institution)}";
    }
}
