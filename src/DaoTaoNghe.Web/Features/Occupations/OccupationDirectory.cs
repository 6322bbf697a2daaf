using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Occupations;

/// <summary>The occupation list as other areas read it (untracked, through the caller's scope); only this area changes it.</summary>
[AreaContract]
public static class OccupationDirectory
{
    public static IQueryable<Occupation> Visible(AppDbContext db) => db.Occupations.AsNoTracking();
}
