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

public class Details(Details.Handler handler, RecordHistory history) : PageModel
{
    public sealed record PartnershipRow(int Id, string InstitutionName, string OccupationName, DateOnly StartsOn, DateOnly? EndsOn, bool InForce);

    public sealed record Result(
        int Id, string Name, string? ShortName, int UnitId, string UnitName, string? Address, string? Phone, string? Email, bool IsActive,
        bool HasProfile, string? TaxCode, EnterpriseForm? Form, EnterpriseSector? Sector, EnterpriseSize? Size, int? Employees,
        string? Representative, DateOnly? FoundedOn, string? MainActivities, bool MayKeep, bool MayManage,
        bool SeesPartnerships, IReadOnlyList<PartnershipRow> Partnerships);

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IHandler
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
            var today = VietnamTime.Today(clock);
            var partnerships = await db.Partnerships.AsNoTracking().Where(x => x.EnterpriseId == id)
                .OrderByDescending(x => x.StartsOn)
                .Select(x => new PartnershipRow(x.Id, x.Institution.Name, x.Occupation.Name, x.StartsOn, x.EndsOn,
                    x.IsActive && x.StartsOn <= today && (x.EndsOn == null || x.EndsOn >= today)))
                .ToListAsync(cancellationToken);
            return new Result(o.Id, o.Name, o.ShortName, o.UnitId, o.UnitName, o.Address, o.Phone, o.Email, o.IsActive,
                p is not null, p?.TaxCode, p?.Form, p?.Sector, p?.Size, p?.Employees, p?.Representative, p?.FoundedOn, p?.MainActivities,
                scope.MayKeep(o.Id, o.ProvinceId), scope.MayManage(o.ProvinceId),
                scope.IsSystem || scope.SeesWholeProvince || scope.OrganisationId == o.Id, partnerships);
        }
    }

    public Result Data { get; private set; } = null!;

    public IReadOnlyList<HistoryLine> History { get; private set; } = [];

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.HandleAsync(id, cancellationToken);
        History = await history.OfAsync([(typeof(Organisation), id), (typeof(EnterpriseProfile), id)], typeof(Create.Command), cancellationToken);
    }
}
