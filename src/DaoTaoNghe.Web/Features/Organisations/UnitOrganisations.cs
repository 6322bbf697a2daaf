using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Organisations;

/// <summary>A unit's page lists the active organisations on it; the map's list counts them.</summary>
public sealed class UnitOrganisations(AppDbContext db) : IRecordPart<AdministrativeUnit>, IUnitOrganisations
{
    public sealed record Row(int Id, string Name, OrganisationKind Kind);

    public sealed record Section(string UnitName, IReadOnlyList<Row> Rows);

    public int Order => 10;

    public async Task<RecordPartView?> LoadAsync(int unitId, CancellationToken cancellationToken)
    {
        var unitName = await UnitDirectory.Units(db).Where(u => u.Id == unitId).Select(u => u.Name).SingleOrDefaultAsync(cancellationToken);
        if (unitName is null) return null;
        var rows = await db.Organisations.AsNoTracking().Where(o => o.UnitId == unitId && o.IsActive)
            .OrderBy(o => o.Kind).ThenBy(o => o.Name)
            .Select(o => new Row(o.Id, o.Name, o.Kind))
            .ToListAsync(cancellationToken);
        return new RecordPartView("/Features/Organisations/_UnitOrganisations.cshtml", new Section(unitName, rows));
    }

    public async Task<IReadOnlyDictionary<int, int>> CountsAsync(IReadOnlyCollection<int> unitIds, CancellationToken cancellationToken) =>
        await db.Organisations.AsNoTracking().Where(o => unitIds.Contains(o.UnitId))
            .GroupBy(o => o.UnitId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
}
