using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Partnerships;
using DaoTaoNghe.Features.Programmes;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Registries;

/// <summary>A key programme in use and whether it held a valid accreditation on the date asked.</summary>
public sealed record KeyProgrammeStatus(int ProgrammeId, string Name, int InstitutionId, string InstitutionName, string OccupationName,
    TrainingLevel Level, bool Accredited, DateOnly? ValidUntil);

/// <summary>An occupation an institution teaches at intermediate or college level, and its enterprise partners in force on the date.</summary>
public sealed record TaughtOccupationStatus(int InstitutionId, string InstitutionName, int OccupationId, string OccupationCode, string OccupationName,
    int Partners);

/// <summary>The two registry indicators: numerators, denominators, and their shares (null when there is nothing to count).</summary>
public sealed record RegistryIndicatorValues(DateOnly At, int KeyProgrammes, int KeyProgrammesAccredited, int TaughtOccupations, int TaughtOccupationsWithPartner)
{
    /// <summary>Key programmes accredited (target 100% by 2030, Kế hoạch thực hiện QĐ 326/QĐ-TTg).</summary>
    public double? AccreditedShare => KeyProgrammes == 0 ? null : (double)KeyProgrammesAccredited / KeyProgrammes;

    /// <summary>Intermediate and college occupations with at least one enterprise partner (target 100%, Kế hoạch 4656/KH-UBND §1.6).</summary>
    public double? PartneredShare => TaughtOccupations == 0 ? null : (double)TaughtOccupationsWithPartner / TaughtOccupations;
}

/// <summary>
/// The indicators this registry feeds, computed from the records on a date: the share of key
/// programmes with a valid accreditation, and the share of occupations taught at intermediate or
/// college level that have at least one enterprise partnership in force. An occupation counts per
/// institution teaching it, since an agreement binds one institution. Institution staff get their own
/// institution's figures, province-wide roles the province's; others are refused, since they cannot
/// see the agreements the second figure counts.
/// </summary>
public sealed class RegistryIndicators(AppDbContext db) : IHandler
{
    public async Task<RegistryIndicatorValues> ComputeAsync(DateOnly at, int? institutionId = null, CancellationToken cancellationToken = default)
    {
        var key = await KeyProgrammesAsync(at, institutionId, cancellationToken);
        var taught = await TaughtOccupationsAsync(at, institutionId, cancellationToken);
        return new RegistryIndicatorValues(at, key.Count, key.Count(k => k.Accredited), taught.Count, taught.Count(t => t.Partners > 0));
    }

    public async Task<List<KeyProgrammeStatus>> KeyProgrammesAsync(DateOnly at, int? institutionId = null, CancellationToken cancellationToken = default)
    {
        var programmes = Programmes(institutionId).Where(p => p.IsKey);
        return await programmes
            .OrderBy(p => p.Institution.Name).ThenBy(p => p.Name)
            .Select(p => new
            {
                p.Id, p.Name, p.InstitutionId, InstitutionName = p.Institution.Name, OccupationName = p.Occupation.Name, p.Level,
                ValidUntil = p.Accreditations
                    .Where(a => a.Result == AccreditationResult.Passed && a.DecidedOn <= at && (a.ExpiresOn == null || a.ExpiresOn >= at))
                    .Max(a => a.ExpiresOn),
                Accredited = p.Accreditations
                    .Any(a => a.Result == AccreditationResult.Passed && a.DecidedOn <= at && (a.ExpiresOn == null || a.ExpiresOn >= at)),
            })
            .Select(p => new KeyProgrammeStatus(p.Id, p.Name, p.InstitutionId, p.InstitutionName, p.OccupationName, p.Level, p.Accredited, p.ValidUntil))
            .ToListAsync(cancellationToken);
    }

    public async Task<List<TaughtOccupationStatus>> TaughtOccupationsAsync(DateOnly at, int? institutionId = null, CancellationToken cancellationToken = default)
    {
        var taught = await Programmes(institutionId)
            .Where(p => p.Level == TrainingLevel.Intermediate || p.Level == TrainingLevel.College)
            .Select(p => new { p.InstitutionId, InstitutionName = p.Institution.Name, p.OccupationId, OccupationCode = p.Occupation.Code, OccupationName = p.Occupation.Name })
            .Distinct()
            .ToListAsync(cancellationToken);
        var institutions = taught.Select(t => t.InstitutionId).Distinct().ToList();
        var partners = await PartnershipDirectory.Visible(db).AsNoTracking()
            .Where(p => institutions.Contains(p.InstitutionId) && p.IsActive && p.Enterprise.IsActive
                        && p.StartsOn <= at && (p.EndsOn == null || p.EndsOn >= at))
            .GroupBy(p => new { p.InstitutionId, p.OccupationId })
            .Select(g => new { g.Key.InstitutionId, g.Key.OccupationId, Enterprises = g.Select(p => p.EnterpriseId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        return taught
            .Select(t => new TaughtOccupationStatus(t.InstitutionId, t.InstitutionName, t.OccupationId, t.OccupationCode, t.OccupationName,
                partners.FirstOrDefault(p => p.InstitutionId == t.InstitutionId && p.OccupationId == t.OccupationId)?.Enterprises ?? 0))
            .OrderBy(t => t.InstitutionName).ThenBy(t => t.OccupationName)
            .ToList();
    }

    /// <summary>Programmes in use at institutions in use, narrowed to what the caller's figures cover.</summary>
    private IQueryable<Programme> Programmes(int? institutionId)
    {
        var scope = db.Scope;
        if (scope.Level == ScopeLevel.Institution) institutionId = scope.OrganisationId;
        else if (!scope.IsSystem && !scope.SeesWholeProvince) throw new ForbiddenException();
        var programmes = ProgrammeDirectory.Visible(db).AsNoTracking().Where(p => p.IsActive && p.Institution.IsActive);
        return institutionId is { } id ? programmes.Where(p => p.InstitutionId == id) : programmes;
    }
}
