using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Orders;

/// <summary>An order with learners against the quota and support committed against the budget; its courses are their area's part of the page.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = OrderPolicies.Read)]
public class Details(Details.Handler handler, OrderStates.Handler states, IEnumerable<IRecordPart<TrainingOrder>> parts) : PageModel
{
    public sealed record Result(
        int Id, OrderKind Kind, int Year, int InstitutionId, string InstitutionName, int OccupationId, string OccupationCode, string OccupationName,
        TrainingLevel Level, int Quota, long UnitCost, long Budget, string DecisionNumber, DateOnly DecisionDate, string? Notes,
        OrderState State, DateOnly? ClosedOn, string? CancelReason, OrderTotals Totals, bool MayEdit,
        bool MayOpenCourse)
    {
        public long Remaining => Budget - Totals.Committed;
        public bool OverBudget => Totals.Committed > Budget;
    }

    public sealed class Handler(AppDbContext db, IOrderCourses courses) : IHandler
    {
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default)
        {
            var o = await db.TrainingOrders.AsNoTracking().Where(o => o.Id == id)
                        .Select(o => new
                        {
                            o.Id, o.Kind, o.Year, o.InstitutionId, Institution = o.Institution.Name, o.OccupationId, OccupationCode = o.Occupation.Code,
                            Occupation = o.Occupation.Name, o.Level, o.Quota, o.UnitCost, o.Budget, o.DecisionNumber, o.DecisionDate, o.Notes, o.ProvinceId,
                            o.State, o.ClosedOn, o.CancelReason,
                        })
                        .SingleOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException("Không tìm thấy đơn đặt hàng hoặc bạn không có quyền xem.");
            var scope = db.Scope;
            var isAdmin = scope.IsProvinceAdmin && scope.ProvinceId == o.ProvinceId;
            var mayOpen = o.State == OrderState.Open && (isAdmin || (scope.Level == ScopeLevel.Institution && scope.OrganisationId == o.InstitutionId));
            var totals = await courses.TotalsAsync(id, cancellationToken);
            return new Result(o.Id, o.Kind, o.Year, o.InstitutionId, o.Institution, o.OccupationId, o.OccupationCode, o.Occupation, o.Level, o.Quota,
                o.UnitCost, o.Budget, o.DecisionNumber, o.DecisionDate, o.Notes, OrderStates.Shown(o.State, totals), o.ClosedOn, o.CancelReason,
                totals, isAdmin, mayOpen);
        }
    }

    public Result Data { get; private set; } = null!;

    [BindProperty]
    public OrderStates.CancelCommand Cancel { get; set; } = new();

    /// <summary>The courses opened under the order, as their area shows them.</summary>
    public IReadOnlyList<RecordPartView> Parts { get; private set; } = [];

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.HandleAsync(id, cancellationToken);
        Parts = await parts.LoadAsync(id, cancellationToken);
    }

    public Task<IActionResult> OnPostIssueAsync(int id, CancellationToken cancellationToken) =>
        Act(id, () => states.IssueAsync(id, cancellationToken), "Đã giao đơn hàng cho cơ sở đào tạo: cơ sở có thể mở lớp.", cancellationToken);

    public Task<IActionResult> OnPostFinishAsync(int id, CancellationToken cancellationToken) =>
        Act(id, () => states.FinishAsync(id, cancellationToken), "Đã kết thúc đơn hàng.", cancellationToken);

    public Task<IActionResult> OnPostCancelAsync(int id, CancellationToken cancellationToken) =>
        Act(id, () => states.CancelAsync(id, Cancel, cancellationToken), "Đã hủy đơn hàng.", cancellationToken);

    private Task<IActionResult> Act(int id, Func<Task> action, string message, CancellationToken cancellationToken) =>
        this.ActAsync(async () =>
        {
            await action();
            TempData["Message"] = message;
            return RedirectToPage(new { id });
        }, async () => Data = await handler.HandleAsync(id, cancellationToken), prefix: nameof(Cancel));
}
