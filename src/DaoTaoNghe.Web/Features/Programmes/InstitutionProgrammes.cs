using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Institutions;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Programmes;

/// <summary>An institution's page lists its programmes, and the list of institutions counts the active ones.</summary>
public sealed class InstitutionProgrammes(AppDbContext db) : IRecordPart<InstitutionProfile>, IInstitutionProgrammes
{
    public sealed record Row(int Id, string Name, string OccupationName, TrainingLevel Level, int DurationHours, bool IsKey, bool IsActive);

    public sealed record Section(int InstitutionId, bool MayAdd, IReadOnlyList<Row> Rows);

    public int Order => 10;

    public async Task<RecordPartView?> LoadAsync(int institutionId, CancellationToken cancellationToken)
    {
        var institution = await OrganisationDirectory.OfKind(db, OrganisationKind.TrainingInstitution).Where(o => o.Id == institutionId)
            .Select(o => new { o.ProvinceId, o.IsActive }).SingleOrDefaultAsync(cancellationToken);
        if (institution is null) return null;
        var rows = await db.Programmes.AsNoTracking().Where(p => p.InstitutionId == institutionId)
            .OrderByDescending(p => p.IsActive).ThenBy(p => p.Name)
            .Select(p => new Row(p.Id, p.Name, p.Occupation.Name, p.Level, p.DurationHours, p.IsKey, p.IsActive))
            .ToListAsync(cancellationToken);
        var mayAdd = institution.IsActive && db.Scope.MayKeep(institutionId, institution.ProvinceId);
        return new RecordPartView("/Features/Programmes/_InstitutionProgrammes.cshtml", new Section(institutionId, mayAdd, rows));
    }

    public async Task<IReadOnlyDictionary<int, int>> ActiveCountsAsync(IReadOnlyCollection<int> institutionIds, CancellationToken cancellationToken) =>
        await db.Programmes.AsNoTracking().Where(p => institutionIds.Contains(p.InstitutionId) && p.IsActive)
            .GroupBy(p => p.InstitutionId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
}
