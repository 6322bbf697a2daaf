using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Map;

/// <summary>The administrative map as other areas read it (units and their successions, untracked); only this area changes it.</summary>
[AreaContract]
public static class UnitDirectory
{
    public static IQueryable<AdministrativeUnit> Units(AppDbContext db) => db.AdministrativeUnits.AsNoTracking();

    public static IQueryable<AdministrativeUnit> Provinces(AppDbContext db) => Units(db).Where(u => u.Level == UnitLevel.Province);

    public static IQueryable<UnitSuccession> Successions(AppDbContext db) => db.UnitSuccessions.AsNoTracking();
}
