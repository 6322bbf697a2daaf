using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Organisations;

public class Details(Details.Handler handler, IEnumerable<IRecordPart<Organisation>> parts) : PageModel
{
    public sealed record Result(
        int Id, string Name, string? ShortName, OrganisationKind Kind, int UnitId, string UnitName, string ProvinceName,
        string? Address, string? Phone, string? Email, bool IsActive);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        /// <summary>Organisations of another province are not found: the caller's map stops at their province.</summary>
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default)
        {
            var scope = db.Scope;
            return await db.Organisations.AsNoTracking()
                .Where(o => o.Id == id && (scope.IsSystem || o.ProvinceId == scope.ProvinceId))
                .Select(o => new Result(o.Id, o.Name, o.ShortName, o.Kind, o.UnitId, o.Unit.Name, o.Province.Name,
                    o.Address, o.Phone, o.Email, o.IsActive))
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Không tìm thấy cơ quan, đơn vị.");
        }
    }

    public Result Data { get; private set; } = null!;

    /// <summary>The organisation's accounts and what other areas keep about it.</summary>
    public IReadOnlyList<RecordPartView> Parts { get; private set; } = [];

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.HandleAsync(id, cancellationToken);
        Parts = await parts.LoadAsync(id, cancellationToken);
    }
}
