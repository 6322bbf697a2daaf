using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Orders;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Courses;

public sealed record OrderCourse(
    int Id, string Name, CourseState State, DateOnly StartDate, DateOnly EndDate, string VenueName, int Capacity,
    int Enrolled, int Completed, long Committed, long ActualUnitCost);

/// <summary>What was opened under an order and what it committed against the budget; the order's page lists its courses.</summary>
public sealed class OrderCourses(AppDbContext db) : IOrderCourses, IRecordPart<TrainingOrder>, IHandler
{
    public int Order => 10;

    public async Task<RecordPartView?> LoadAsync(int orderId, CancellationToken cancellationToken) =>
        new("/Features/Courses/_OrderCourses.cshtml", await OfOrderAsync(orderId, cancellationToken));

    public async Task<IReadOnlyDictionary<int, OrderTotals>> TotalsAsync(IReadOnlyCollection<int> orderIds, CancellationToken cancellationToken = default)
    {
        var rows = await db.Courses.AsNoTracking()
            .Where(c => c.OrderId != null && orderIds.Contains(c.OrderId.Value) && c.State != CourseState.Cancelled)
            .GroupBy(c => c.OrderId!.Value)
            .Select(g => new
            {
                OrderId = g.Key,
                Courses = g.Count(),
                Enrolled = g.Sum(c => c.Enrolments.Count(e => e.Status != EnrolmentStatus.DroppedOut)),
                Committed = g.Sum(c => c.Enrolments.Sum(e => e.SupportTotal)),
                Started = g.Count(c => c.State == CourseState.Running || c.State == CourseState.Finished),
                Unfinished = g.Count(c => c.State != CourseState.Finished),
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.OrderId, r => new OrderTotals(r.Courses, r.Enrolled, r.Committed, r.Started, r.Unfinished));
    }

    public async Task<OrderTotals> TotalsAsync(int orderId, CancellationToken cancellationToken = default) =>
        (await TotalsAsync([orderId], cancellationToken)).GetValueOrDefault(orderId, OrderTotals.None);

    /// <summary>Every course opened under the order, cancelled ones included, newest first.</summary>
    private Task<List<OrderCourse>> OfOrderAsync(int orderId, CancellationToken cancellationToken = default) =>
        db.Courses.AsNoTracking().Where(c => c.OrderId == orderId)
            .OrderByDescending(c => c.StartDate).ThenByDescending(c => c.Id)
            .Select(c => new OrderCourse(c.Id, c.Name, c.State, c.StartDate, c.EndDate, c.VenueCommune.Name, c.Capacity,
                c.Enrolments.Count(e => e.Status != EnrolmentStatus.DroppedOut),
                c.Enrolments.Count(e => e.Status == EnrolmentStatus.Completed),
                c.Enrolments.Sum(e => e.SupportTotal), c.ActualUnitCost))
            .ToListAsync(cancellationToken);

    /// <summary>What an edit of the order must respect: whether any course uses it, the highest actual cost among them.</summary>
    public async Task<(bool Any, long MaxActualUnitCost)> UsageAsync(int orderId, CancellationToken cancellationToken = default)
    {
        var costs = await db.Courses.IgnoreQueryFilters().Where(c => c.OrderId == orderId && c.State != CourseState.Cancelled)
            .Select(c => c.ActualUnitCost).ToListAsync(cancellationToken);
        var any = costs.Count > 0 || await db.Courses.IgnoreQueryFilters().AnyAsync(c => c.OrderId == orderId, cancellationToken);
        return (any, costs.Count == 0 ? 0 : costs.Max());
    }
}
