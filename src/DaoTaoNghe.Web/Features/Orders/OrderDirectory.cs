using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Orders;

/// <summary>Training orders as other areas read them (untracked); only this area changes them.</summary>
[AreaContract]
public static class OrderDirectory
{
    public static IQueryable<TrainingOrder> Visible(AppDbContext db) => db.TrainingOrders.AsNoTracking();

    /// <summary>Past the caller's scope: an enrolment counts against its order's quota whoever keeps the other courses.</summary>
    public static IQueryable<TrainingOrder> PastScope(AppDbContext db) => db.TrainingOrders.IgnoreQueryFilters().AsNoTracking();
}
