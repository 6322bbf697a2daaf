using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Partnerships;

/// <summary>Training agreements between institutions and enterprises as other areas read them (untracked); only this area changes them.</summary>
[AreaContract]
public static class PartnershipDirectory
{
    public static IQueryable<Partnership> Visible(AppDbContext db) => db.Partnerships.AsNoTracking();
}
