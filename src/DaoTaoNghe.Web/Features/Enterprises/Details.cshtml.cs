using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Enterprises;

public class Details(Details.Handler handler, RecordHistory history, IEnumerable<IRecordPart<EnterpriseProfile>> parts) : PageModel
{
    public sealed record Result(
        int Id, string Name, string? ShortName, int UnitId, string UnitName, string? Address, string? Phone, string? Email, bool IsActive,
        bool HasProfile, string? TaxCode, EnterpriseForm? Form, EnterpriseSector? Sector, EnterpriseSize? Size, int? Employees,
        string? Representative, DateOnly? FoundedOn, string? MainActivities, bool MayKeep, bool MayManage);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        /// <summary>Enterprises of another province are not found; partnerships are listed as far as the caller may see them.</summary>
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default)
        {
            var scope = db.Scope;
            var o = await OrganisationDirectory.Visible(db).AsNoTracking()
                        .Where(o => o.Id == id && o.Kind == OrganisationKind.Enterprise && (scope.IsSystem || o.ProvinceId == scope.ProvinceId))
                        .Select(o => new { o.Id, o.Name, o.ShortName, o.UnitId, UnitName = o.Unit.Name, o.ProvinceId, o.Address, o.Phone, o.Email, o.IsActive })
                        .SingleOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException("Không tìm thấy doanh nghiệp hoặc bạn không có quyền xem.");
            var p = await db.EnterpriseProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.OrganisationId == id, cancellationToken);
            return new Result(o.Id, o.Name, o.ShortName, o.UnitId, o.UnitName, o.Address, o.Phone, o.Email, o.IsActive,
                p is not null, p?.TaxCode, p?.Form, p?.Sector, p?.Size, p?.Employees, p?.Representative, p?.FoundedOn, p?.MainActivities,
                scope.MayKeep(o.Id, o.ProvinceId), scope.MayManage(o.ProvinceId));
        }
    }

    public Result Data { get; private set; } = null!;

    public IReadOnlyList<HistoryLine> History { get; private set; } = [];

    /// <summary>The enterprise's agreements with institutions, as their area shows them.</summary>
    public IReadOnlyList<RecordPartView> Parts { get; private set; } = [];

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.HandleAsync(id, cancellationToken);
        Parts = await parts.LoadAsync(id, cancellationToken);
        History = await history.OfAsync([(typeof(Organisation), id), (typeof(EnterpriseProfile), id)], typeof(Create.Command), cancellationToken);
    }
}
