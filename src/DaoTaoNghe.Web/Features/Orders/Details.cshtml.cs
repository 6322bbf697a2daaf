using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Orders;

/// <summary>An order with its courses, learners against the quota and support committed against the budget.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Roles = Index.Readers)]
public class Details(Details.Handler handler) : PageModel
{
    public sealed record Result(
        int Id, OrderKind Kind, int Year, int InstitutionId, string InstitutionName, int OccupationId, string OccupationCode, string OccupationName,
        TrainingLevel Level, int Quota, long UnitCost, long Budget, string DecisionNumber, DateOnly DecisionDate, string? Notes,
        OrderTotals Totals, IReadOnlyList<OrderCourse> Courses, bool MayEdit, bool MayOpenCourse)
    {
        public long Remaining => Budget - Totals.Committed;
        public bool OverBudget => Totals.Committed > Budget;
    }

    public sealed class Handler(AppDbContext db, OrderCourses courses) : IHandler
    {
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default)
        {
            var o = await db.TrainingOrders.AsNoTracking().Where(o => o.Id == id)
                        .Select(o => new
                        {
                            o.Id, o.Kind, o.Year, o.InstitutionId, Institution = o.Institution.Name, o.OccupationId, OccupationCode = o.Occupation.Code,
                            Occupation = o.Occupation.Name, o.Level, o.Quota, o.UnitCost, o.Budget, o.DecisionNumber, o.DecisionDate, o.Notes, o.ProvinceId,
                        })
                        .SingleOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException("Không tìm thấy đơn đặt hàng hoặc bạn không có quyền xem.");
            var scope = db.Scope;
            var mayEdit = scope.IsProvinceAdmin && scope.ProvinceId == o.ProvinceId;
            var mayOpen = mayEdit || (scope.Level == ScopeLevel.Institution && scope.OrganisationId == o.InstitutionId);
            return new Result(o.Id, o.Kind, o.Year, o.InstitutionId, o.Institution, o.OccupationId, o.OccupationCode, o.Occupation, o.Level, o.Quota,
                o.UnitCost, o.Budget, o.DecisionNumber, o.DecisionDate, o.Notes,
                await courses.TotalsAsync(id, cancellationToken), await courses.OfOrderAsync(id, cancellationToken), mayEdit, mayOpen);
        }
    }

    public Result Data { get; private set; } = null!;

    public async Task OnGetAsync(int id, CancellationToken cancellationToken) => Data = await handler.HandleAsync(id, cancellationToken);
}
