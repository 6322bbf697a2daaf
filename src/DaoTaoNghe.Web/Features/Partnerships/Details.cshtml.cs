using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Partnerships;

[Authorize(Policy = PartnershipPolicies.Read)]
public class Details(Details.Handler handler, RecordHistory history) : PageModel
{
    public sealed record Result(
        int Id, int EnterpriseId, string EnterpriseName, int InstitutionId, string InstitutionName, int OccupationId, string OccupationName,
        string? AgreementNumber, DateOnly StartsOn, DateOnly? EndsOn, int? PracticePlaces, bool ProvidesTrainers, int? HiringCommitment,
        string? OtherSupport, string? Notes, bool IsActive, bool InForce, bool MayKeep);

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IHandler
    {
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default)
        {
            var today = VietnamTime.Today(clock);
            var p = await db.Partnerships.AsNoTracking().Where(p => p.Id == id)
                        .Select(p => new
                        {
                            p.Id, p.EnterpriseId, EnterpriseName = p.Enterprise.Name, p.Enterprise.ProvinceId, p.InstitutionId, InstitutionName = p.Institution.Name,
                            p.OccupationId, OccupationName = p.Occupation.Name, p.AgreementNumber, p.StartsOn, p.EndsOn, p.PracticePlaces,
                            p.ProvidesTrainers, p.HiringCommitment, p.OtherSupport, p.Notes, p.IsActive,
                        })
                        .SingleOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException("Không tìm thấy thỏa thuận liên kết hoặc bạn không có quyền xem.");
            return new Result(p.Id, p.EnterpriseId, p.EnterpriseName, p.InstitutionId, p.InstitutionName, p.OccupationId, p.OccupationName,
                p.AgreementNumber, p.StartsOn, p.EndsOn, p.PracticePlaces, p.ProvidesTrainers, p.HiringCommitment, p.OtherSupport, p.Notes, p.IsActive,
                p.IsActive && p.StartsOn <= today && (p.EndsOn == null || p.EndsOn >= today), db.Scope.MayKeep(p.EnterpriseId, p.ProvinceId));
        }
    }

    public Result Data { get; private set; } = null!;

    public IReadOnlyList<HistoryLine> History { get; private set; } = [];

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.HandleAsync(id, cancellationToken);
        History = await history.OfAsync([(typeof(Partnership), id)], typeof(Create.Command), cancellationToken);
    }
}
