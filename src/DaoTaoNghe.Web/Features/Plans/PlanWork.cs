using System.Linq.Expressions;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Plans;

/// <summary>
/// The caller's body's plan tasks not yet completed whose time frame (a year's task: its year) ended in an earlier year
/// (overdue) or ends this year (due). Yearly tasks recur and have no end, so they are not counted.
/// The task list filters by the same rule (<c>viec=…</c>), limited to the caller's body.
/// </summary>
public sealed class PlanWork(AppDbContext db, DataScopeAccessor scope, TimeProvider clock) : IWorkSource
{
    public const string Overdue = "qua-han";
    public const string DueThisYear = "den-han";

    public static Expression<Func<TaskAssignment, bool>>? Waiting(string? work, int year, int organisationId) => work switch
    {
        Overdue => Ending(organisationId, year - 1, int.MinValue),
        DueThisYear => Ending(organisationId, year, year),
        _ => null,
    };

    /// <summary>Not completed, of the body, a task with an end year between <paramref name="to"/> and <paramref name="from"/> (from ≥ to, or unbounded below when <paramref name="to"/> is int.MinValue).</summary>
    private static Expression<Func<TaskAssignment, bool>> Ending(int organisationId, int from, int to) =>
        a => a.OrganisationId == organisationId && a.Status != AssignmentStatus.Completed && a.Task.TimeFrame != TimeFrameKind.Yearly
             && (a.Task.ToYear ?? a.Task.FromYear) != null && (a.Task.ToYear ?? a.Task.FromYear) <= from && (a.Task.ToYear ?? a.Task.FromYear) >= to;

    public async Task<IReadOnlyList<WorkItem>> LoadAsync(CancellationToken cancellationToken)
    {
        var caller = scope.Current;
        if (caller.OrganisationId == 0 || caller.IsReadOnly) return [];
        var year = VietnamTime.Today(clock).Year;
        var assignments = db.TaskAssignments.AsNoTracking();
        return
        [
            new("Nhiệm vụ kế hoạch đã quá thời hạn, chưa hoàn thành", await assignments.CountAsync(Waiting(Overdue, year, caller.OrganisationId)!, cancellationToken),
                $"/Plans/Tasks?viec={Overdue}", Overdue: true),
            new($"Nhiệm vụ kế hoạch phải hoàn thành trong năm {year}", await assignments.CountAsync(Waiting(DueThisYear, year, caller.OrganisationId)!, cancellationToken),
                $"/Plans/Tasks?viec={DueThisYear}"),
        ];
    }
}
