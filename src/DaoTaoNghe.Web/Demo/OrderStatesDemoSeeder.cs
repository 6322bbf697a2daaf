using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Orders;
using DaoTaoNghe.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Demo;

/// <summary>
/// Once the demo courses exist, brings each order's state in line with them: past years' orders
/// whose courses are all over are finished on 20 December, past orders nobody enrolled under were
/// cancelled, and next year's first orders are still only planned.
/// </summary>
public sealed class OrderStatesDemoSeeder : IDemoSeeder
{
    public int Order => 465;

    public string Title => "hoàn tất, hủy đơn đặt hàng theo các lớp";

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var today = VietnamTime.Today(context.Clock);
        var orders = await db.TrainingOrders.Where(o => o.ProvinceId == context.Province.Id).OrderBy(o => o.Id).ToListAsync(cancellationToken);
        var totals = await new OrderCourses(db).TotalsAsync(orders.Select(o => o.Id).ToList(), cancellationToken);
        foreach (var order in orders)
        {
            var t = totals.GetValueOrDefault(order.Id, OrderTotals.None);
            if (order.Year < today.Year && t.Courses > 0 && t.Unfinished == 0)
            {
                order.State = OrderState.Finished;
                order.ClosedOn = new DateOnly(order.Year, 12, 20);
            }
            else if (order.Year < today.Year && t.Courses == 0)
            {
                order.State = OrderState.Cancelled;
                order.ClosedOn = new DateOnly(order.Year, 10, 15);
                order.CancelReason = "Không đủ người đăng ký học; kinh phí chuyển sang đơn hàng khác.";
            }
            else if (order.Year > today.Year || (order.Year == today.Year && t.Courses == 0 && context.Random.Next(2) == 0))
            {
                order.State = OrderState.Planned;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
