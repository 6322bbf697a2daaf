using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Orders;

[AreaContract]
public sealed record OrderChoice(
    int Id, int InstitutionId, int Year, OrderKind Kind, string DecisionNumber, DateOnly DecisionDate, int OccupationId, string OccupationName,
    TrainingLevel Level, int Quota, long UnitCost, OrderState State)
{
    /// <summary>Courses are opened only under an order given to the institution and not closed.</summary>
    public bool TakesCourses => State == OrderState.Open;

    public string Label => $"{Year} – {Fmt.Enum(Kind)} {DecisionNumber}: {OccupationName} ({Fmt.Enum(Level)}), {Fmt.Money(UnitCost)}/người"
                           + (TakesCourses ? "" : $" – {Fmt.Enum(State).ToLowerInvariant()}");
}

/// <summary>The orders area's small, named queries for course forms: the orders a course may be opened under.</summary>
[AreaContract]
public sealed class OrderChoices(AppDbContext db) : IHandler
{
    /// <summary>The institution's orders the caller may see, newest year first.</summary>
    public Task<List<OrderChoice>> OfInstitutionAsync(int institutionId, CancellationToken cancellationToken = default) =>
        Project(db.TrainingOrders.AsNoTracking().Where(o => o.InstitutionId == institutionId)
                .OrderByDescending(o => o.Year).ThenBy(o => o.Occupation.Name).ThenBy(o => o.Id))
            .ToListAsync(cancellationToken);

    /// <summary>One order the caller may see; null when not found.</summary>
    public Task<OrderChoice?> FindAsync(int orderId, CancellationToken cancellationToken = default) =>
        Project(db.TrainingOrders.AsNoTracking().Where(o => o.Id == orderId)).SingleOrDefaultAsync(cancellationToken);

    private static IQueryable<OrderChoice> Project(IQueryable<TrainingOrder> orders) =>
        orders.Select(o => new OrderChoice(o.Id, o.InstitutionId, o.Year, o.Kind, o.DecisionNumber, o.DecisionDate, o.OccupationId, o.Occupation.Name, o.Level,
            o.Quota, o.UnitCost, o.State));
}
