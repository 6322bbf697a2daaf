using System.Diagnostics;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>
/// Keeps the nation's people counts (<see cref="NationalPersonCount"/>) on the national tier: each person-counting computation
/// counted with its own rule (<see cref="IndicatorComputation.CountsPersonsNationally"/>, the engine's
/// <see cref="IndicatorEngine.NationalPersonsAsync"/>), for the current and the previous year and for every year the comparison
/// of the provinces has asked for, again once a count is older than <see cref="NationalPersonCountOptions.Every"/>. Counts run one
/// at a time: within the process (a lock) and across instances on PostgreSQL (an advisory lock), since each reads millions of
/// records. Each run has its own context, as the system.
/// </summary>
public sealed class NationalPersonCounter(IServiceScopeFactory scopes, TimeProvider clock, NationalPersonCountOptions options,
    ILogger<NationalPersonCounter> logger)
{
    private const long AdvisoryLock = 7715003;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _asked = new(0, 1);

    /// <summary>The computations whose nation's value counts people once across provinces.</summary>
    public static IReadOnlyList<IndicatorComputation> Computations { get; } =
        IndicatorEngine.Computations.Where(c => c.CountsPersonsNationally).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Asks for the counts of <paramref name="computations"/> in <paramref name="year"/> (the comparison, finding none): a row
    /// without a count, which any instance's worker counts first, and this instance's worker is woken now.
    /// </summary>
    public async Task AskAsync(AppDbContext db, IEnumerable<string> computations, int year, CancellationToken cancellationToken)
    {
        await AskedAsync(db, computations, year, cancellationToken);
        try
        {
            _asked.Release();
        }
        catch (SemaphoreFullException)
        {
            // Woken already by another request.
        }
    }

    /// <summary>Inserts the rows missing; two requests asking at once both succeed.</summary>
    private async Task AskedAsync(AppDbContext db, IEnumerable<string> computations, int year, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var computation in computations)
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO national_person_counts (computation, year, asked_at) VALUES ({computation}, {year}, {now}) ON CONFLICT DO NOTHING",
                cancellationToken);
    }

    /// <summary>The worker's wait between passes: until the comparison asks for a count, or a minute (at most <see cref="NationalPersonCountOptions.Every"/>).</summary>
    internal async Task WaitForWorkAsync(CancellationToken cancellationToken) =>
        await _asked.WaitAsync(options.Every < TimeSpan.FromMinutes(1) ? options.Every : TimeSpan.FromMinutes(1), cancellationToken);

    /// <summary>
    /// One pass: counts everything due, one at a time, asked-for years before stale counts; a count that fails is logged and
    /// left due for the next pass. When another instance is counting, <paramref name="waitForOthers"/> false leaves the pass to it.
    /// Returns how many counts were made.
    /// </summary>
    public Task<int> RunOnceAsync(bool waitForOthers, CancellationToken cancellationToken = default) =>
        WithLockAsync((db, engine) => CountDueAsync(db, engine, cancellationToken), waitForOthers, cancellationToken);

    /// <summary>Counts now, whatever the age of their counts, the parts of <paramref name="indicator"/> that count people nationally.</summary>
    public Task CountAsync(Indicator indicator, int year, CancellationToken cancellationToken = default) =>
        WithLockAsync(async (db, engine) =>
        {
            var parts = indicator.Kind == IndicatorKind.Ratio
                ? new[] { IndicatorCatalogue.Find(indicator.Numerator)!, IndicatorCatalogue.Find(indicator.Denominator)! }
                : [indicator];
            var computations = parts.Select(IndicatorEngine.ComputationOf).Where(c => c?.CountsPersonsNationally == true).Select(c => c!).Distinct().ToList();
            await AskedAsync(db, computations.Select(c => c.Name), year, cancellationToken);
            foreach (var computation in computations) await CountOneAsync(db, engine, computation, year, cancellationToken);
            return computations.Count;
        }, waitForOthers: true, cancellationToken);

    private async Task<int> CountDueAsync(AppDbContext db, IndicatorEngine engine, CancellationToken cancellationToken)
    {
        var today = VietnamTime.Today(clock);
        // The comparison opens on the current year; the previous one is still reported on early in a year.
        foreach (var year in new[] { today.Year, today.Year - 1 })
            await AskedAsync(db, Computations.Select(c => c.Name), year, cancellationToken);
        var byName = Computations.ToDictionary(c => c.Name);
        var names = byName.Keys.ToList();
        var failed = new HashSet<(string, int)>();
        var counted = 0;
        while (true)
        {
            var stale = clock.GetUtcNow().UtcDateTime - options.Every;
            var due = await db.NationalPersonCounts.AsNoTracking()
                .Where(c => names.Contains(c.Computation) && (c.CountedAt == null || c.CountedAt <= stale))
                .Select(c => new { c.Computation, c.Year, c.CountedAt, c.AskedAt })
                .ToListAsync(cancellationToken);
            var next = due.Where(d => !failed.Contains((d.Computation, d.Year)))
                .OrderBy(d => d.CountedAt is not null).ThenBy(d => d.CountedAt).ThenBy(d => d.AskedAt).ThenBy(d => d.Computation, StringComparer.Ordinal)
                .FirstOrDefault();
            if (next is null) return counted;
            try
            {
                await CountOneAsync(db, engine, byName[next.Computation], next.Year, cancellationToken);
                counted++;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                // A timeout or a database restarting: the count stays due, and the next pass tries again.
                logger.LogError(exception, "Counting the nation's people of {Computation} in {Year} failed", next.Computation, next.Year);
                failed.Add((next.Computation, next.Year));
            }
        }
    }

    private async Task CountOneAsync(AppDbContext db, IndicatorEngine engine, IndicatorComputation computation, int year, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        var watch = Stopwatch.StartNew();
        var persons = await engine.NationalPersonsAsync(computation, year, cancellationToken);
        var seconds = Math.Round(watch.Elapsed.TotalSeconds, 1);
        await db.NationalPersonCounts.Where(c => c.Computation == computation.Name && c.Year == year).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Persons, persons).SetProperty(c => c.CountedAt, started).SetProperty(c => c.Seconds, seconds), cancellationToken);
        logger.LogInformation("The nation's people of {Computation} in {Year}: {Persons}, counted in {Seconds:0.0} s", computation.Name, year, persons, seconds);
    }

    private async Task<int> WithLockAsync(Func<AppDbContext, IndicatorEngine, Task<int>> work, bool waitForOthers, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<DataScopeAccessor>().Current = DataScope.System;
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var engine = scope.ServiceProvider.GetRequiredService<IndicatorEngine>();
            // One count reads every province's records: at 10 million learners, tens of seconds.
            db.Database.SetCommandTimeout(options.CommandTimeout);
            if (!db.Database.IsNpgsql()) return await work(db, engine);
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                while (!await db.Database.SqlQueryRaw<bool>($"SELECT pg_try_advisory_lock({AdvisoryLock}) AS \"Value\"").SingleAsync(cancellationToken))
                {
                    if (!waitForOthers) return 0;
                    await Task.Delay(TimeSpan.FromMilliseconds(200), clock, cancellationToken);
                }
                try
                {
                    return await work(db, engine);
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
            _gate.Release();
        }
    }
}

/// <summary>Indicators:NationalPersonsEveryMinutes (30) between counts of a year, Indicators:NationalPersonsTimeoutMinutes (60) for one count.</summary>
public sealed class NationalPersonCountOptions
{
    public TimeSpan Every { get; init; } = TimeSpan.FromMinutes(30);

    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(60);

    public static NationalPersonCountOptions From(IConfiguration configuration) => new()
    {
        Every = TimeSpan.FromMinutes(Math.Clamp(configuration.GetValue("Indicators:NationalPersonsEveryMinutes", 30.0), 0.1, 7 * 24 * 60)),
        CommandTimeout = TimeSpan.FromMinutes(Math.Clamp(configuration.GetValue("Indicators:NationalPersonsTimeoutMinutes", 60.0), 1, 24 * 60)),
    };
}

/// <summary>The national tier's counting of the nation's people (<see cref="NationalPersonCounter"/>): at start-up, then every minute or when asked.</summary>
public sealed class NationalPersonCountWorker(NationalPersonCounter counter, ILogger<NationalPersonCountWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await counter.RunOnceAsync(waitForOthers: false, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The database unreachable: the counts stay due until it answers again.
                logger.LogError(exception, "Counting the nation's people failed");
            }
            try
            {
                await counter.WaitForWorkAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
