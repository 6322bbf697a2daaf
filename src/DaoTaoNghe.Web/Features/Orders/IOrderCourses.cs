using DaoTaoNghe.Infrastructure;

namespace DaoTaoNghe.Features.Orders;

/// <summary>
/// Learners and support committed under an order: active enrolments and what they are owed, on
/// courses not cancelled; of those courses, how many have started and how many are not finished yet.
/// </summary>
[AreaContract]
public sealed record OrderTotals(int Courses, int Enrolled, long Committed, int Started, int Unfinished)
{
    public static readonly OrderTotals None = new(0, 0, 0, 0, 0);
}

/// <summary>What an order needs of the courses opened under it, implemented by the area that keeps courses.</summary>
[AreaContract]
public interface IOrderCourses
{
    Task<IReadOnlyDictionary<int, OrderTotals>> TotalsAsync(IReadOnlyCollection<int> orderIds, CancellationToken cancellationToken = default);

    Task<OrderTotals> TotalsAsync(int orderId, CancellationToken cancellationToken = default);

    /// <summary>What an edit of the order must respect: whether any course uses it, the highest actual cost among them.</summary>
    Task<(bool Any, long MaxActualUnitCost)> UsageAsync(int orderId, CancellationToken cancellationToken = default);
}
