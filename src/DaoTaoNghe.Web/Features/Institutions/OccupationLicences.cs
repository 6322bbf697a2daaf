using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Institutions;

/// <summary>An occupation's page lists the institutions licensed to teach it.</summary>
public sealed class OccupationLicences(AppDbContext db) : IRecordPart<Occupation>
{
    public sealed record Row(int InstitutionId, string InstitutionName, TrainingLevel Level, int? AnnualQuota);

    public int Order => 20;

    public async Task<RecordPartView?> LoadAsync(int occupationId, CancellationToken cancellationToken) =>
        new("/Features/Institutions/_OccupationLicences.cshtml", await db.LicensedOccupations.AsNoTracking().Where(l => l.OccupationId == occupationId)
            .OrderBy(l => l.Institution.Name).ThenBy(l => l.Level)
            .Select(l => new Row(l.InstitutionId, l.Institution.Name, l.Level, l.AnnualQuota))
            .ToListAsync(cancellationToken));
}
