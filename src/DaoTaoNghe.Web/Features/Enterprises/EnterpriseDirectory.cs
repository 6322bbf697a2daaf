using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Enterprises;

/// <summary>Enterprise registrations (tax code, sector, size) as other areas read them (untracked); only this area changes them.</summary>
[AreaContract]
public static class EnterpriseDirectory
{
    public static IQueryable<EnterpriseProfile> Profiles(AppDbContext db) => db.EnterpriseProfiles.AsNoTracking();
}
