using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Reports;

/// <summary>
/// Reports waiting: the caller's own unit's reports sent back or not yet sent (overdue when past the
/// deadline), and for the province admin, reports awaiting approval.
/// </summary>
public sealed class ReportWork(ReportRows reports, DataScopeAccessor scope, TimeProvider clock) : IWorkSource
{
    public async Task<IReadOnlyList<WorkItem>> LoadAsync(CancellationToken cancellationToken)
    {
        var caller = scope.Current;
        var items = new List<WorkItem>();
        if (caller.IsReadOnly || caller.OrganisationId == 0) return items;
        var own = reports.All().Where(r => r.OrganisationId == caller.OrganisationId);
        var today = VietnamTime.Today(clock);
        var returned = await own.CountAsync(r => r.State == ReportState.Returned, cancellationToken);
        var unsent = await own.CountAsync(r => r.State == ReportState.Draft, cancellationToken);
        var late = await own.CountAsync(r => r.State == ReportState.Draft && r.DueOn < today, cancellationToken);
        items.Add(new("Báo cáo bị trả lại, cần sửa và gửi lại", returned, $"/Reports?don-vi={caller.OrganisationId}&trang-thai={ReportState.Returned}", Overdue: true));
        items.Add(new(late > 0 ? $"Báo cáo chưa gửi ({late} đã quá hạn)" : "Báo cáo chưa gửi", unsent,
            $"/Reports?don-vi={caller.OrganisationId}&trang-thai={ReportState.Draft}", Overdue: late > 0));
        if (caller.IsProvinceAdmin)
            items.Add(new("Báo cáo đã gửi, chờ duyệt", await reports.All().CountAsync(r => r.State == ReportState.Submitted, cancellationToken),
                $"/Reports?trang-thai={ReportState.Submitted}"));
        if (caller.IsProvinceAdmin)
            items.Add(new("Báo cáo quá hạn mà đơn vị chưa gửi", await reports.All().CountAsync(r => r.State == ReportState.Draft && r.DueOn < today, cancellationToken),
                "/Reports?qua-han=true", Overdue: true));
        return items;
    }
}
