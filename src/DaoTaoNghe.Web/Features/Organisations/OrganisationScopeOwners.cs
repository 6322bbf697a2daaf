using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Organisations;

/// <summary>Where an owning organisation sits, read past every filter: the write guard decides, not the caller's view.</summary>
public sealed class OrganisationScopeOwners : IScopeOrganisations
{
    public Task<int?> ProvinceOfOrganisationAsync(DbContext db, int organisationId, CancellationToken cancellationToken) =>
        db.Set<Organisation>().IgnoreQueryFilters().Where(o => o.Id == organisationId)
            .Select(o => o.ProvinceId).Cast<int?>().SingleOrDefaultAsync(cancellationToken);
}
