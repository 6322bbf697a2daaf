using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.FollowUps;

/// <summary>The commune officer's follow-ups: those overdue and those due this month, each list one click from its entry.</summary>
public sealed class FollowUpWork(DueFollowUps due, DataScopeAccessor scope) : IWorkSource
{
    public async Task<IReadOnlyList<WorkItem>> LoadAsync(CancellationToken cancellationToken)
    {
        if (scope.Current.Role != Roles.CommuneOfficer) return [];
        var overdue = await due.Rows(new DueFollowUps.Query { State = DueFollowUps.Overdue }).CountAsync(cancellationToken);
        var thisMonth = await due.Rows(new DueFollowUps.Query { State = DueFollowUps.DueThisMonth }).CountAsync(cancellationToken);
        return
        [
            new("Theo dõi việc làm đã quá hạn", overdue, $"/FollowUps?tt={DueFollowUps.Overdue}", Overdue: true),
            new("Theo dõi việc làm đến hạn trong tháng", thisMonth, $"/FollowUps?tt={DueFollowUps.DueThisMonth}"),
        ];
    }
}
