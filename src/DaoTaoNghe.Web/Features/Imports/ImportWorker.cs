using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Import;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Imports;

public static class ImportsSetup
{
    /// <summary>Every <see cref="IImportTemplate"/> in the application (scoped, so templates take a DbContext and validators), the queue and its worker.</summary>
    public static IServiceCollection AddImports(this IServiceCollection services)
    {
        foreach (var type in FeatureDiscovery.Implementations<IImportTemplate>().Where(t => t is { IsAbstract: false, IsInterface: false }))
        {
            services.AddScoped(type);
            services.AddScoped(sp => (IImportTemplate)sp.GetRequiredService(type));
        }
        services.AddSingleton(ImportLimits.Default);
        services.AddSingleton<ImportQueue>();
        services.AddSingleton<ImportAdmission>();
        services.AddSingleton<ImportProgress>();
        services.AddHostedService<ImportWorker>();
        return services;
    }
}

/// <summary>The templates the application has, and the ones the caller's role may use.</summary>
public sealed class ImportTemplates(IEnumerable<IImportTemplate> templates, DataScopeAccessor scope) : IHandler
{
    public IReadOnlyList<IImportTemplate> All { get; } = templates.OrderBy(t => t.Name, StringComparer.Create(Infrastructure.Web.VietnameseFormat.Culture, false)).ToList();

    public IReadOnlyList<IImportTemplate> ForCaller => All.Where(t => scope.Current.Holds(t.Policy)).ToList();

    public IImportTemplate? Find(string code) => All.FirstOrDefault(t => string.Equals(t.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The template, if the caller's role may use it: unknown is 404, not allowed is 403.</summary>
    public IImportTemplate Usable(string code)
    {
        var template = Find(code) ?? throw new Infrastructure.Errors.NotFoundException("Không có mẫu nhập này.");
        return scope.Current.Holds(template.Policy)
            ? template
            : throw new Infrastructure.Errors.ForbiddenException($"Vai trò của bạn không dùng mẫu nhập \"{template.Name}\".");
    }
}

/// <summary>Uploads are admitted one at a time, so two at once cannot both pass the queue's limits.</summary>
public sealed class ImportAdmission
{
    public SemaphoreSlim Gate { get; } = new(1, 1);
}

/// <summary>Jobs waiting for the worker, by id; how many wait is the operators' dtn_imports_waiting at /metrics (one app per process).</summary>
public sealed class ImportQueue
{
    private static readonly Meter Meter = new(OperatorMetrics.MeterPrefix + "Imports");
    private static int _waiting;

    static ImportQueue() =>
        Meter.CreateObservableGauge("dtn.imports.waiting", () => Volatile.Read(ref _waiting), "{job}", "Import jobs waiting for the worker");

    private readonly Channel<int> _jobs = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(int jobId)
    {
        if (_jobs.Writer.TryWrite(jobId)) Interlocked.Increment(ref _waiting);
    }

    public async IAsyncEnumerable<int> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var jobId in _jobs.Reader.ReadAllAsync(cancellationToken))
        {
            Interlocked.Decrement(ref _waiting);
            yield return jobId;
        }
    }
}

/// <summary>
/// How far running jobs have got, in memory: a commit runs in one transaction, and on SQLite a second
/// writer would wait for it, so progress is never written to the database while a job runs.
/// </summary>
public sealed class ImportProgress
{
    private readonly ConcurrentDictionary<int, (int Done, int Total)> _jobs = new();

    public void Report(int jobId, int done, int total) => _jobs[jobId] = (done, total);

    public (int Done, int Total)? Of(int jobId) => _jobs.TryGetValue(jobId, out var progress) ? progress : null;

    public void Finish(int jobId) => _jobs.TryRemove(jobId, out _);
}

/// <summary>
/// Runs queued jobs one at a time, each in its own DI scope acting as the job's uploader. At start
/// it picks up what a restart interrupted: a commit never committed half, so it simply runs again,
/// and the job says so (how often, when), for the client that saw only a broken connection.
/// </summary>
public sealed class ImportWorker(IServiceProvider services, ImportQueue queue, TimeProvider clock, ILogger<ImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RecoverAsync(services, queue, clock, stoppingToken);
        await foreach (var jobId in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(jobId, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Import job {JobId} failed", jobId);
            }
        }
    }

    private async Task RunAsync(int jobId, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var accessor = scope.ServiceProvider.GetRequiredService<DataScopeAccessor>();
        accessor.Current = DataScope.System;
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var owner = await db.ImportJobs.AsNoTracking().Where(j => j.Id == jobId)
            .Select(j => new { j.Role, j.UserId, j.UserName, j.OrganisationId, j.ProvinceId, j.CommuneId, j.RequestedFrom })
            .SingleOrDefaultAsync(cancellationToken);
        if (owner is null) return;
        accessor.Current = DataScope.ForUser(owner.Role, owner.UserId, owner.UserName, owner.OrganisationId, owner.ProvinceId, owner.CommuneId ?? 0);
        accessor.ClientAddress = owner.RequestedFrom;
        await scope.ServiceProvider.GetRequiredService<ImportRunner>().RunAsync(jobId, cancellationToken);
    }

    /// <summary>Requeues the jobs a stop interrupted; public so a test can play the restart.</summary>
    public static async Task RecoverAsync(IServiceProvider services, ImportQueue queue, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScopeAccessor>().Current = DataScope.System;
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        await db.ImportJobs.Where(j => j.Status == ImportStatus.Checking)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Queued)
                .SetProperty(j => j.Resumes, j => j.Resumes + 1).SetProperty(j => j.ResumedAt, now), cancellationToken);
        await db.ImportJobs.Where(j => j.Status == ImportStatus.Committing)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.CommitQueued)
                .SetProperty(j => j.Resumes, j => j.Resumes + 1).SetProperty(j => j.ResumedAt, now), cancellationToken);
        var waiting = await db.ImportJobs.Where(j => j.Status == ImportStatus.Queued || j.Status == ImportStatus.CommitQueued)
            .OrderBy(j => j.Id).Select(j => j.Id).ToListAsync(cancellationToken);
        foreach (var id in waiting) queue.Enqueue(id);
    }
}
