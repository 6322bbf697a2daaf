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

        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await db.Database.MigrateAsync();

        await RunAsync(new StartupDataContext(services, configuration, environment), int.MaxValue, CancellationToken.None);
    }

    /// <summary>Only the official code lists (units, ethnic groups, QĐ 46), for tools that build a database without the app (bench/).</summary>
    public static Task LoadCodeListsAsync(IServiceProvider services, CancellationToken cancellationToken = default) =>
        RunAsync(new StartupDataContext(services, new ConfigurationBuilder().Build(),
            new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = Environments.Production }), IStartupData.CodeListsEnd, cancellationToken);

    private static async Task RunAsync(StartupDataContext context, int beforeOrder, CancellationToken cancellationToken)
    {
        var db = context.Services.GetRequiredService<DbContext>();
        foreach (var step in FeatureDiscovery.CreateAll<IStartupData>().Where(s => s.Order < beforeOrder).OrderBy(s => s.Order))
        {
            await step.RunAsync(context, cancellationToken);
            db.ChangeTracker.Clear();
        }
    }
}

/// <summary>The app cannot start safely; the message tells the operator what to do.</summary>
public sealed class StartupRefusedException(string message) : Exception(message);
