using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Catalogues;

/// <summary>The 54 ethnic groups, as every area reads them.</summary>
[AreaContract]
public static class EthnicGroupList
{
    public static IQueryable<EthnicGroup> All(AppDbContext db) => db.EthnicGroups.AsNoTracking();
}
