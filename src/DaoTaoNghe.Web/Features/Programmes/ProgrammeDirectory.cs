using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Programmes;

/// <summary>Training programmes as other areas read them (untracked); only this area changes them.</summary>
[AreaContract]
public static class ProgrammeDirectory
{
    public static IQueryable<Programme> Visible(AppDbContext db) => db.Programmes.AsNoTracking();
}
