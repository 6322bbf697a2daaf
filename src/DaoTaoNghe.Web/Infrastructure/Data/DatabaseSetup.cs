using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Federation;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DaoTaoNghe.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The database, and on PostgreSQL the hot standbys that read-only work may go to (<see cref="ReadOnlyWork"/>).</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string? ReadOnlyConnectionString = null);

public static class DatabaseSetup
{
    public static DatabaseProvider ProviderFrom(IConfiguration configuration)
    {
        var name = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        return Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException(
                $"Database:Provider = '{name}' không hợp lệ; dùng Sqlite hoặc Postgres. (Database:Provider must be Sqlite or Postgres.)");
    }

    /// <summary>A relative SQLite file is placed under the content root, wherever the app was started from.</summary>
    public static string ConnectionStringFrom(IConfiguration configuration, IHostEnvironment environment, DatabaseProvider provider)
    {
        var connectionString = configuration.GetConnectionString("Default")
            ?? throw new InvalidOperationException("Thiếu ConnectionStrings:Default. (ConnectionStrings:Default is missing.)");
        if (provider == DatabaseProvider.Postgres) return WithDefaults(connectionString, configuration);

        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && !Path.IsPathRooted(file))
        {
            builder.DataSource = Path.Combine(environment.ContentRootPath, file);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        return builder.ToString();
    }

    /// <summary>
    /// Connections one app instance may hold open (Database:MaxPoolSize, default 40; a connection string's
    /// own "Maximum Pool Size" wins). Npgsql's default of 100 equals PostgreSQL's default max_connections:
    /// under 200 users one instance took every slot and the next request failed with 53300 (bench/scale);
    /// 40 leaves room for a second instance, replication and the DBA. A request beyond the pool waits for a
    /// connection (Timeout, 15 s) rather than failing at once: the operators watch
    /// db.client.connections.pending_requests at /metrics.
    /// </summary>
    public const int DefaultMaxPoolSize = 40;

    /// <summary>ConnectionStrings:ReadOnly, PostgreSQL only (SQLite has no standbys), with the same pool size and prepared-statement rules.</summary>
    public static string? ReadOnlyConnectionStringFrom(IConfiguration configuration, DatabaseProvider provider) =>
        provider == DatabaseProvider.Postgres && configuration.GetConnectionString("ReadOnly") is { Length: > 0 } readOnly
            ? WithDefaults(readOnly, configuration)
            : null;

    /// <summary>
    /// Statements one connection keeps prepared (Database:MaxAutoPrepare; a connection string's own "Max Auto Prepare" wins).
    /// Off by default: prepared statements save a dashboard's parsing and planning (bench/scale: a third of the database's CPU
    /// per commune page), but PostgreSQL may then run one generic plan for every caller, and the scope filters'
    /// <c>@SeesEverything OR …</c> and a commune's few rows against a province's many are exactly where one plan for all goes
    /// wrong at a million records. An operator turns it on after checking the plans on their own data (docs/performance.md).
    /// </summary>
    public const int DefaultMaxAutoPrepare = 0;

    private static string WithDefaults(string connectionString, IConfiguration configuration)
    {
        var keys = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "")).ToList();
        bool Own(params string[] names) => keys.Any(k => names.Any(n => k.Equals(n, StringComparison.OrdinalIgnoreCase)));
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!Own("MaximumPoolSize", "MaxPoolSize")) builder.MaxPoolSize = configuration.GetValue("Database:MaxPoolSize", DefaultMaxPoolSize);
        if (!Own("MaxAutoPrepare")) builder.MaxAutoPrepare = Math.Max(0, configuration.GetValue("Database:MaxAutoPrepare", DefaultMaxAutoPrepare));
        return builder.ConnectionString;
    }

    /// <summary>Configuration is read when the first context is made, so a host's late overrides (tests) are honoured.</summary>
    public static IServiceCollection AddAppDatabase<TContext>(this IServiceCollection services) where TContext : DbContext, IScopedDbContext
    {
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var provider = ProviderFrom(configuration);
            return new DatabaseSettings(provider, ConnectionStringFrom(configuration, sp.GetRequiredService<IHostEnvironment>(), provider),
                ReadOnlyConnectionStringFrom(configuration, provider));
        });
        services.AddScoped<DatabaseRoute>();
        services.AddScoped<ReadOnlyWork>();
        services.AddSingleton(sp => TierSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.AddScoped<NationalTierGuard>();
        services.AddScoped<DataScopeAccessor>();
        services.AddScoped<AuditSettings>();
        services.AddScoped<ScopeWriteGuard>();
        services.AddScoped<AuditInterceptor>();
        services.AddDbContext<TContext>((sp, options) =>
        {
            var settings = sp.GetRequiredService<DatabaseSettings>();
            if (settings.ReadOnlyConnectionString is { } readOnly && sp.GetRequiredService<DatabaseRoute>().ReadOnly)
            {
                ReadOnlyWork.Configure(options, readOnly);
                return;
            }
            Configure(options, settings.Provider, settings.ConnectionString);
            // Outside production an ordering that Distinct silently drops fails the query, so tests and the demo catch it.
            if (!sp.GetRequiredService<IHostEnvironment>().IsProduction())
                options.ConfigureWarnings(w => w.Throw(CoreEventId.DistinctAfterOrderByWithoutRowLimitingOperatorWarning));
            // The guard must refuse a write before the audit opens a transaction for it.
            options.AddInterceptors(sp.GetRequiredService<NationalTierGuard>(), sp.GetRequiredService<ScopeWriteGuard>(), sp.GetRequiredService<AuditInterceptor>());
        });
        // Infrastructure (audit, health, imports, start-up) works on the context without knowing the areas' tables.
        services.AddScoped<DbContext>(sp => sp.GetRequiredService<TContext>());
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(connectionString, sqlite => sqlite.CommandTimeout(60).UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(connectionString, npgsql => npgsql.CommandTimeout(60).UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));
                break;
        }
        // One query per read unless a query says AsSplitQuery: the collections loaded together here are
        // small (a rule set's groups, a report's sections), and one round trip matters on slow links.
        Warnings(options);
    }

    /// <summary>What EF warns of, for every context of the app: the primary's and the standbys' (<see cref="ReadOnlyWork"/>).</summary>
    internal static void Warnings(DbContextOptionsBuilder options)
    {
        // Migrations are SQL scripts checked against the model by a test, not by a model snapshot.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        // A capped count (Take(cap + 1).Count()) needs no order, and an order would lead PostgreSQL to walk a sorted
        // index past every non-match; pages order their rows themselves, so this stays a debugging note, not an operator's warning.
        options.ConfigureWarnings(w => w.Log((CoreEventId.RowLimitingOperationWithoutOrderByWarning, LogLevel.Debug)));
    }
}
