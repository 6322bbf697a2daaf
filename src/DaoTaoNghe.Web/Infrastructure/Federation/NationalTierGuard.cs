using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DaoTaoNghe.Infrastructure.Federation;

/// <summary>
/// On the national tier the provinces' tables belong to the provinces: a row written here would differ
/// from its province's, or collide with the next one replicated. So every write to a replicated table
/// is refused, whoever asks; only start-up (system work) may write the ministry's own organisation.
/// </summary>
public sealed class NationalTierGuard(TierSettings tier, DataScopeAccessor accessor) : SaveChangesInterceptor, Data.IWriteCheck
{
    public const string Message =
        "Hệ thống cấp quốc gia chỉ đọc dữ liệu do các tỉnh gửi lên; hãy sửa dữ liệu này tại hệ thống của tỉnh.";

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public Task CheckAsync(DbContext context, CancellationToken cancellationToken)
    {
        Check(context);
        return Task.CompletedTask;
    }

    private void Check(DbContext? context)
    {
        if (!tier.IsNational || context is null || accessor.Current.IsSystem) return;
        context.ChangeTracker.DetectChanges();
        var replicated = context.ChangeTracker.Entries()
            .Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && ReplicatedTables.IsReplicated(e.Metadata));
        if (replicated) throw new ForbiddenException(Message);
    }
}
