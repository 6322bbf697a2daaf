using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Notifications;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Orders;

/// <summary>
/// The institution is told when an order is given to it (created as given, or a planned order
/// given later), in the same transaction as the order: it has work to plan.
/// </summary>
public sealed class OrderNotice(AppDbContext db, Notifier notifier, TimeProvider clock) : IHandler
{
    /// <summary>Saves the pending changes and, when the order now stands given to its institution, tells it.</summary>
    public async Task SaveAndTellAsync(TrainingOrder order, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (order.State == OrderState.Open)
            await notifier.NotifyAsync([new OrganisationMessage(order.InstitutionId, $"don-hang-giao:{order.Id}",
                $"Đơn hàng đào tạo mới được giao: {Fmt.Enum(order.Kind)} năm {order.Year}",
                $"Quyết định số {order.DecisionNumber} ngày {Fmt.Date(order.DecisionDate)}: {Fmt.Number(order.Quota)} người, trình độ {Fmt.Enum(order.Level)}, " +
                $"đơn giá {Fmt.Number(order.UnitCost)} đ/người. Hãy mở lớp theo đơn hàng.",
                $"/Orders/Details/{order.Id}", NotificationKind.Order)], clock.GetUtcNow().UtcDateTime, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
