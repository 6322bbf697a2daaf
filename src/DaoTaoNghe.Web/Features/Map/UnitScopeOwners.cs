using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Map;

/// <summary>Where an owning unit sits, read past every filter: the write guard decides, not the caller's view.</summary>
public sealed class UnitScopeOwners : IScopeUnits
{
    public Task<int?> ProvinceOfUnitAsync(DbContext db, int unitId, CancellationToken cancellationToken) =>
        db.Set<AdministrativeUnit>().IgnoreQueryFilters().Where(u => u.Id == unitId)
            .Select(u => u.ProvinceId ?? u.Id).Cast<int?>().SingleOrDefaultAsync(cancellationToken);

    public Task<int?> RollUpOfUnitAsync(DbContext db, int unitId, CancellationToken cancellationToken) =>
        db.Set<AdministrativeUnit>().IgnoreQueryFilters().Where(u => u.Id == unitId)
            .Select(u => u.RollUpUnitId).SingleOrDefaultAsync(cancellationToken);
}
