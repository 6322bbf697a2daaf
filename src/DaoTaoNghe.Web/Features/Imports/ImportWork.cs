using System.Linq.Expressions;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Imports;

/// <summary>
/// Files that did not go in this week (refused, or their commit failed): the uploader's own, and for
/// the province admin the whole province's. A failure stays on the list for a week, long enough to
/// bring the corrected file in; the import list filters by the same rule (<c>viec=loi</c>).
/// </summary>
public sealed class ImportWork(AppDbContext db, DataScopeAccessor scope, TimeProvider clock) : IWorkSource
{
    public const string Failed = "loi";
    public const int Days = 7;

    public static Expression<Func<ImportJob, bool>>? Waiting(string? work, DateOnly today) => work switch
    {
        Failed => FailedSince(VietnamTime.StartOfDayUtc(today.AddDays(1 - Days))),
        _ => null,
    };

    private static Expression<Func<ImportJob, bool>> FailedSince(DateTime from) =>
        j => (j.Status == ImportStatus.Failed || j.Status == ImportStatus.Refused) && j.CreatedAt >= from;

    public async Task<IReadOnlyList<WorkItem>> LoadAsync(CancellationToken cancellationToken)
    {
        if (scope.Current.UserId == 0 || scope.Current.IsReadOnly) return [];
        var count = await db.ImportJobs.AsNoTracking().CountAsync(Waiting(Failed, VietnamTime.Today(clock))!, cancellationToken);
        var whose = scope.Current.IsProvinceAdmin ? " (cả tỉnh)" : "";
        return [new($"Tệp nhập dữ liệu không thành công trong {Days} ngày qua{whose}", count, $"/Imports?viec={Failed}", Overdue: true)];
    }
}
