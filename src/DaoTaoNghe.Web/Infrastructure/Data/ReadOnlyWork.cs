using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace DaoTaoNghe.Infrastructure.Data;

/// <summary>
/// Runs read-only work (dashboards, indicator values) on PostgreSQL hot standbys when <c>ConnectionStrings:ReadOnly</c>
/// is set: an Npgsql multi-host string with <c>Target Session Attributes=prefer-standby</c>, e.g.
/// <c>Host=db-standby1,db-standby2,db-primary;Database=…;Target Session Attributes=prefer-standby</c>.
/// The work's handler is resolved in a scope of its own whose context reads there (no tracking) and refuses to save,
/// so a request's other database work – sign-in, API-key stamps, audit lines – stays on the primary, and so do all
/// writes. Unset (and always on SQLite), the handler runs in the request's scope on the primary as before.
/// A standby lags the primary by its replay delay: work that must see the caller's own write a moment ago does not
/// belong here.
/// </summary>
public sealed class ReadOnlyWork(IServiceProvider services, DatabaseSettings settings, DataScopeAccessor scope)
{
    public bool OnStandbys => settings.ReadOnlyConnectionString is not null;

    public async Task<TResult> RunAsync<THandler, TResult>(Func<THandler, Task<TResult>> work) where THandler : notnull
    {
        if (!OnStandbys) return await work(services.GetRequiredService<THandler>());
        await using var child = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        child.ServiceProvider.GetRequiredService<DatabaseRoute>().ReadOnly = true;
        var accessor = child.ServiceProvider.GetRequiredService<DataScopeAccessor>();
        accessor.Current = scope.Current;
        accessor.ClientAddress = scope.ClientAddress;
        return await work(child.ServiceProvider.GetRequiredService<THandler>());
    }

    /// <summary>Whether <paramref name="db"/> reads from the standbys (and so must not write, e.g. to catch up on indicator marks).</summary>
    public static bool IsReadOnly(DbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<ReadOnlyGuard>().Any() == true;

    /// <summary>
    /// The standbys' context: Npgsql never retries a failed command on another host, so EF's retrying execution
    /// strategy runs a query again when its connection broke (a standby stopped, promoted or cut off) or a standby
    /// cancelled it for a recovery conflict; the retry opens a new connection, and Npgsql's multi-host pool skips the
    /// host it saw fail and falls back to the primary when no standby answers. Reads only, so a retry repeats nothing.
    /// A server shutting down or terminating the session (57P01, 57P02) is retried too: a pooled connection learns of a
    /// standby's restart only when it next sends a query.
    /// </summary>
    internal static void Configure(DbContextOptionsBuilder options, string connectionString)
    {
        options.UseNpgsql(connectionString, npgsql => npgsql.CommandTimeout(60)
            .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)
            .EnableRetryOnFailure(maxRetryCount: 3, maxRetryDelay: TimeSpan.FromSeconds(2), errorCodesToAdd: ["57P01", "57P02"]));
        options.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        options.AddInterceptors(new ReadOnlyGuard());
        DatabaseSetup.Warnings(options);
    }

    /// <summary>With no standby up, prefer-standby lands on the primary: a save there would succeed unnoticed, so it is refused here.</summary>
    private sealed class ReadOnlyGuard : SaveChangesInterceptor, IWriteCheck
    {
        public Task CheckAsync(DbContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Read-only work (ConnectionStrings:ReadOnly) tried to save changes.");

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default) => throw new InvalidOperationException("Read-only work (ConnectionStrings:ReadOnly) tried to save changes.");

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
            throw new InvalidOperationException("Read-only work (ConnectionStrings:ReadOnly) tried to save changes.");
    }
}

/// <summary>Which server a scope's context talks to: set by <see cref="ReadOnlyWork"/> before the context is made.</summary>
public sealed class DatabaseRoute
{
    public bool ReadOnly { get; set; }
}
