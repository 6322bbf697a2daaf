using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Organisations;

/// <summary>Where the write guard's owners sit, read past every filter: the guard decides, not the caller's view.</summary>
public sealed class OrganisationScopeDirectory : IScopeDirectory
{
    public Task<int?> ProvinceOfUnitAsync(DbContext db, int unitId, CancellationToken cancellationToken) =>
        db.Set<AdministrativeUnit>().IgnoreQueryFilters().Where(u => u.Id == unitId)
            .Select(u => u.ProvinceId ?? u.Id).Cast<int?>().SingleOrDefaultAsync(cancellationToken);

    public Task<int?> RollUpOfUnitAsync(DbContext db, int unitId, CancellationToken cancellationToken) =>
        db.Set<AdministrativeUnit>().IgnoreQueryFilters().Where(u => u.Id == unitId)
            .Select(u => u.RollUpUnitId).SingleOrDefaultAsync(cancellationToken);

    public Task<int?> ProvinceOfOrganisationAsync(DbContext db, int organisationId, CancellationToken cancellationToken) =>
        db.Set<Organisation>().IgnoreQueryFilters().Where(o => o.Id == organisationId)
            .Select(o => o.ProvinceId).Cast<int?>().SingleOrDefaultAsync(cancellationToken);
}
