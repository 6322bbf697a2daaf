using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Infrastructure.Data;

/// <summary>At start-up: migrate the schema, then run every area's <see cref="IStartupData"/> in order.</summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider rootServices, IConfiguration configuration, IHostEnvironment environment)
    {
        await using var scope = rootServices.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<DataScopeAccessor>().Current = DataScope.System;
        var db = services.GetRequiredService<DbContext>();
        var progress = services.GetRequiredService<ILoggerFactory>().CreateLogger("DaoTaoNghe.Startup");

        var pending = (await db.Database.GetPendingMigrationsAsync()).Count();
        if (pending > 0)
            progress.LogInformation("Khởi động: cập nhật cấu trúc cơ sở dữ liệu ({Count} bước)…", pending);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await SchemaMigration.MigrateAsync(db);
        await KeyRanges.ApplyAsync(db, KeyRanges.InstanceCode(configuration), services, progress, CancellationToken.None);

        await RunAsync(new StartupDataContext(services, configuration, environment), int.MaxValue, CancellationToken.None, progress);
    }

    /// <summary>Only the official code lists (units, ethnic groups, QĐ 46), for tools that build a database without the app (bench/).</summary>
    public static Task LoadCodeListsAsync(IServiceProvider services, CancellationToken cancellationToken = default) =>
        RunAsync(new StartupDataContext(services, new ConfigurationBuilder().Build(),
            new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = Environments.Production }), IStartupData.CodeListsEnd, cancellationToken);

    private static async Task RunAsync(StartupDataContext context, int beforeOrder, CancellationToken cancellationToken, ILogger? progress = null)
    {
        var db = context.Services.GetRequiredService<DbContext>();
        var steps = FeatureDiscovery.CreateAll<IStartupData>().Where(s => s.Order < beforeOrder).OrderBy(s => s.Order).ToList();
        for (var i = 0; i < steps.Count; i++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            progress?.LogInformation("Khởi động {Step}/{Steps}: {Title}…", i + 1, steps.Count, steps[i].Title);
            await steps[i].RunAsync(context, cancellationToken);
            db.ChangeTracker.Clear();
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            if (elapsed > TimeSpan.FromSeconds(1))
                progress?.LogInformation("Khởi động {Step}/{Steps}: {Title} xong sau {Seconds} giây.", i + 1, steps.Count, steps[i].Title,
                    elapsed.TotalSeconds.ToString("0.0", VietnameseFormat.Culture));
        }
    }
}

/// <summary>The app cannot start safely; the message tells the operator what to do.</summary>
public sealed class StartupRefusedException(string message) : Exception(message);
