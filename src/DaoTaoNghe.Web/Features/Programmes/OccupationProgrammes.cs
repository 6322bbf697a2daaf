using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Programmes;

/// <summary>An occupation's page lists the programmes teaching it, and the list of occupations counts the active ones.</summary>
public sealed class OccupationProgrammes(AppDbContext db) : IRecordPart<Occupation>, IOccupationProgrammes
{
    public sealed record Row(int Id, string Name, string InstitutionName, TrainingLevel Level, int DurationHours, bool IsKey, bool IsActive);

    public int Order => 10;

    public async Task<RecordPartView?> LoadAsync(int occupationId, CancellationToken cancellationToken) =>
        new("/Features/Programmes/_OccupationProgrammes.cshtml", await db.Programmes.AsNoTracking().Where(p => p.OccupationId == occupationId)
            .OrderBy(p => p.Institution.Name).ThenBy(p => p.Level)
            .Select(p => new Row(p.Id, p.Name, p.Institution.Name, p.Level, p.DurationHours, p.IsKey, p.IsActive))
            .ToListAsync(cancellationToken));

    public async Task<IReadOnlyDictionary<int, int>> ActiveCountsAsync(IReadOnlyCollection<int> occupationIds, CancellationToken cancellationToken) =>
        await db.Programmes.AsNoTracking().Where(p => occupationIds.Contains(p.OccupationId) && p.IsActive)
            .GroupBy(p => p.OccupationId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
}
