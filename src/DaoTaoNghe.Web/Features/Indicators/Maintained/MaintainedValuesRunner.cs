using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>
/// Runs the maintained values' work – applying marks, rebuilding – one at a time: within the process
/// (a lock) and across app instances on PostgreSQL (an advisory lock), since two writers of the same
/// cells could each apply what the other had not seen. Each run has its own context, as the system.
/// </summary>
public sealed class MaintainedValuesRunner(IServiceScopeFactory scopes, ILogger<MaintainedValuesRunner> logger)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private const long AdvisoryLock = 7715002;
    private volatile bool _rebuilding;

    /// <summary>Whether a rebuild is running in this process.</summary>
    public bool Rebuilding => _rebuilding;

    /// <summary>Applies the marks waiting; false when another run held the lock longer than <paramref name="wait"/>.</summary>
    public async Task<bool> DrainAsync(TimeSpan wait, CancellationToken cancellationToken = default) =>
        await WithLockAsync(async values => { await values.DrainAsync(cancellationToken); return true; }, wait, cancellationToken);

    /// <summary>A dashboard's catch-up: applies what waits unless a rebuild runs (then it reads what is there, rather than wait minutes).</summary>
    internal Task<bool> CatchUpAsync(TimeSpan wait, CancellationToken cancellationToken) =>
        _rebuilding ? Task.FromResult(false) : DrainAsync(wait, cancellationToken);

    /// <summary>Rebuilds everything now, waiting for any run in progress.</summary>
    public async Task<RebuildReport> RebuildAsync(string by, CancellationToken cancellationToken = default) =>
        (await WithLockAsync(values => Rebuild(values, by, cancellationToken), Timeout.InfiniteTimeSpan, cancellationToken))!;

    private async Task<RebuildReport?> Rebuild(MaintainedValues values, string by, CancellationToken cancellationToken)
    {
        _rebuilding = true;
        try
        {
            var report = await values.RebuildAsync(by, cancellationToken);
            logger.LogInformation("Indicator values rebuilt in {Seconds:0.0} s: {Cells} values, {Differences} differences, {Pending} pending ({By})",
                report.Seconds, report.Cells, report.Differences, report.PendingDifferences, by);
            if (report.Differences > 0 && !report.FirstBuild)
                logger.LogWarning("The rebuild found {Differences} maintained indicator values different from the records: {First}",
                    report.Differences, string.Join("; ", report.FirstDifferences.Take(5)));
            return report;
        }
        catch
        {
            // A rebuild stopped part-way must not leave its progress behind: every dashboard would read "rebuilding" and stop catching up.
            try
            {
                await values.ProgressAsync(null, CancellationToken.None);
            }
            catch (Exception clearing) when (clearing is System.Data.Common.DbException or InvalidOperationException)
            {
                logger.LogWarning(clearing, "The stopped rebuild's progress could not be cleared");
            }
            throw;
        }
        finally
        {
            _rebuilding = false;
        }
    }

    /// <summary>The worker's turn: a rebuild when the values were built by other code or one was asked for, else the marks.</summary>
    internal async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await WithLockAsync(async values =>
        {
            var state = await values.StateAsync(cancellationToken);
            if (state is null || state.BuiltAt is null || state.Fingerprint != values.Fingerprint || state.RebuildRequestedAt is not null)
                await Rebuild(values, state?.RebuildRequestedBy ?? (state?.BuiltAt is null ? "lần đầu" : "định nghĩa chỉ số đã đổi"), cancellationToken);
            else
                await values.DrainAsync(cancellationToken);
            return true;
        }, TimeSpan.FromSeconds(1), cancellationToken);
    }

    private async Task<T?> WithLockAsync<T>(Func<MaintainedValues, Task<T>> work, TimeSpan wait, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        if (!await Gate.WaitAsync(wait, cancellationToken)) return default;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<DataScopeAccessor>().Current = DataScope.System;
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var values = scope.ServiceProvider.GetRequiredService<MaintainedValues>();
            if (!db.Database.IsNpgsql()) return await work(values);
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                while (!await db.Database.SqlQueryRaw<bool>($"SELECT pg_try_advisory_lock({AdvisoryLock}) AS \"Value\"").SingleAsync(cancellationToken))
                {
                    if (wait != Timeout.InfiniteTimeSpan && waited.Elapsed > wait) return default;
                    await Task.Delay(100, cancellationToken);
                }
                try
                {
                    return await work(values);
                }
                finally
                {
                    await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({AdvisoryLock})", CancellationToken.None);
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}

/// <summary>Applies the marks every Indicators:PollMilliseconds (1 s by default) on the app's clock, and rebuilds when needed.</summary>
public sealed class MaintainedValuesWorker(MaintainedValuesRunner runner, MaintainedValuesOptions options, TimeProvider clock,
    ILogger<MaintainedValuesWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await runner.RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // A failed pass (database restarting, a deadlock) must not stop the next one; the marks stay until applied.
                logger.LogError(exception, "Applying indicator marks failed");
            }
            try
            {
                await Task.Delay(options.Poll, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

/// <summary>Installs the areas' triggers at start-up (after the code lists, before the demo writes records) and makes the state row.</summary>
public sealed class MaintainedValuesStartup : IStartupData
{
    public int Order => 60;

    public string Title => "Cập nhật tự động các chỉ số (trigger ghi nhận thay đổi)";

    public async Task RunAsync(StartupDataContext context, CancellationToken cancellationToken)
    {
        // The national tier reads the cells its provinces replicate; its own triggers would only mark them again.
        if (context.IsNational) return;
        var db = context.Services.GetRequiredService<AppDbContext>();
        await IndicatorTriggerScripts.InstallAsync(db, cancellationToken);
        if (!await db.IndicatorCellsStates.AnyAsync(s => s.Id == 1, cancellationToken))
        {
            db.IndicatorCellsStates.Add(new IndicatorCellsState { Id = 1 });
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
