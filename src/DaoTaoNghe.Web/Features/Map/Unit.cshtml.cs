using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Map;

/// <summary>One unit: what it is, when it was valid, what it came from or became, and what other areas keep on it.</summary>
public class Unit(Unit.Handler handler, IEnumerable<IRecordPart<AdministrativeUnit>> parts) : PageModel
{
    public sealed record Link(int Id, string Code, string Name, string? Parent, DateOnly? ValidTo);

    public sealed record Result(
        int Id, string Code, string Name, UnitLevel Level, UnitType Type, DateOnly? ValidFrom, DateOnly? ValidTo,
        Link? Parent, string? ProvinceName, Link? RollUp, IReadOnlyList<Link> Predecessors, IReadOnlyList<Link> Successors);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default)
        {
            var unit = await db.AdministrativeUnits.AsNoTracking()
                .Where(u => u.Id == id)
                .Select(u => new
                {
                    u.Id, u.Code, u.Name, u.Level, u.Type, u.ValidFrom, u.ValidTo,
                    Parent = u.Parent == null ? null : new Link(u.Parent.Id, u.Parent.Code, u.Parent.Name, null, u.Parent.ValidTo),
                    ProvinceName = u.Province != null ? u.Province.Name : null,
                    RollUp = u.RollUpUnit == null ? null : new Link(u.RollUpUnit.Id, u.RollUpUnit.Code, u.RollUpUnit.Name, null, null),
                })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Không tìm thấy đơn vị hành chính.");

            var predecessors = await db.UnitSuccessions.AsNoTracking().Where(s => s.SuccessorId == id)
                .OrderBy(s => s.Predecessor.Name)
                .Select(s => new Link(s.PredecessorId, s.Predecessor.Code, s.Predecessor.Name, s.Predecessor.Parent!.Name, s.Predecessor.ValidTo))
                .ToListAsync(cancellationToken);
            var successors = await db.UnitSuccessions.AsNoTracking().Where(s => s.PredecessorId == id)
                .OrderBy(s => s.Successor.Name)
                .Select(s => new Link(s.SuccessorId, s.Successor.Code, s.Successor.Name, null, s.Successor.ValidTo))
                .ToListAsync(cancellationToken);

            return new Result(unit.Id, unit.Code, unit.Name, unit.Level, unit.Type, unit.ValidFrom, unit.ValidTo,
                unit.Parent, unit.ProvinceName, unit.RollUp, predecessors, successors);
        }
    }

    public Result Data { get; private set; } = null!;

    /// <summary>What other areas keep on the unit (its organisations).</summary>
    public IReadOnlyList<RecordPartView> Parts { get; private set; } = [];

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.HandleAsync(id, cancellationToken);
        Parts = await parts.LoadAsync(id, cancellationToken);
    }
}
