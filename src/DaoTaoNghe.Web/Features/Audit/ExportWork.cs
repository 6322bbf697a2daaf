using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Audit;

/// <summary>
/// For the inspector: exports of personal data in the last week, the first thing to look at when
/// checking how people's data leaves the system. The link opens the audit trail filtered the same way.
/// </summary>
public sealed class ExportWork(Index.Handler trail, DataScopeAccessor scope, TimeProvider clock) : IWorkSource
{
    public const int Days = 7;

    public async Task<IReadOnlyList<WorkItem>> LoadAsync(CancellationToken cancellationToken)
    {
        if (scope.Current.Role != Roles.Inspector) return [];
        var from = VietnamTime.Today(clock).AddDays(1 - Days);
        var count = await trail.Rows(Query(from)).CountAsync(cancellationToken);
        return [new($"Lần xuất dữ liệu có thông tin cá nhân trong {Days} ngày qua", count,
            $"/Audit?thao-tac={AuditAction.Export}&ca-nhan=true&tu={from:yyyy-MM-dd}")];
    }

    private static Index.Query Query(DateOnly from) => new() { Action = AuditAction.Export, PersonalDataOnly = true, From = from };
}
