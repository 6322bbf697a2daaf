using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Federation;
using DaoTaoNghe.Features.Users;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Federation;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DaoTaoNghe.Tests.Features.Federation;

/// <summary>A federation test: runs where test.sh provides the national cluster (DTN_TEST_PG_NATIONAL).</summary>
public sealed class FederationFactAttribute : FactAttribute
{
    public FederationFactAttribute()
    {
        if (FederationWorld.NationalServer is null)
            Skip = "Federation tests need a second PostgreSQL cluster: set DTN_TEST_PG_NATIONAL (test.sh creates one on port 5433) " +
                   "and DTN_TEST_PG, both with wal_level = logical (docs/federation.md).";
    }
}

/// <summary>
/// Two provinces (Lai Châu 12, Điện Biên 11) as databases on the main cluster, each served by the app as a province,
/// and one national database on the national cluster served by the app as the national tier, subscribed to both through
/// the code `DbTool federation add-province` runs. Whatever the run's own database, these are PostgreSQL: logical replication is.
/// </summary>
public sealed class FederationWorld : IAsyncLifetime
{
    public static string? NationalServer => Environment.GetEnvironmentVariable("DTN_TEST_PG_NATIONAL");

    public const string Password = "Test@12345";
    public const string NationalAdmin = "quantri.quocgia";

    public TestClock Clock { get; } = new();
    public TierApp LaiChau { get; private set; } = null!;
    public TierApp DienBien { get; private set; } = null!;
    public TierApp National { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (NationalServer is null) return;
        var provinceServer = TestDatabase.PostgresServer;
        // Each province's keys are in its own range (KeyRanges: code × 10^7), the national instance's own rows below them all.
        LaiChau = await TierApp.StartAsync(this, "12", TierMode.Province, NewDatabase(provinceServer, "fed_12"));
        DienBien = await TierApp.StartAsync(this, "11", TierMode.Province, NewDatabase(provinceServer, "fed_11"));
        National = await TierApp.StartAsync(this, "01", TierMode.National, NewDatabase(NationalServer, "fed_national"));
        var model = National.Model;
        foreach (var province in new[] { LaiChau, DienBien })
            await FederationSetup.AddProvinceAsync(model, province.Code, province.ConnectionString, National.ConnectionString,
                progress: null, new TestClock(), TimeSpan.FromMinutes(2));
    }

    public async Task DisposeAsync()
    {
        if (NationalServer is null || National is null) return;
        // The subscriptions go first: they hold replication slots on the provinces' databases, which cannot be dropped while slots exist.
        await using (var connection = new NpgsqlConnection(National.ConnectionString))
        {
            await connection.OpenAsync();
            foreach (var code in new[] { "12", "11" })
            {
                var name = FederationSetup.SubscriptionName(code);
                // DROP SUBSCRIPTION runs outside a transaction, so alone in its command.
                foreach (var sql in new[] { $"ALTER SUBSCRIPTION {name} ENABLE", $"DROP SUBSCRIPTION {name}" })
                {
                    await using var command = new NpgsqlCommand(sql, connection);
                    await command.ExecuteNonQueryAsync();
                }
            }
        }
        foreach (var app in new[] { National, LaiChau, DienBien }) app.Dispose();
        NpgsqlConnection.ClearAllPools();
        foreach (var app in new[] { National, LaiChau, DienBien }) DropDatabase(app.ConnectionString);
    }

    private static string NewDatabase(string server, string purpose) =>
        new NpgsqlConnectionStringBuilder(server) { Database = $"dtn_{purpose}_{Guid.NewGuid():N}", Pooling = true, MaxPoolSize = 20 }.ConnectionString;

    private static void DropDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var database = builder.Database;
        builder.Database = "postgres";
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }

    /// <summary>Polls until <paramref name="condition"/> holds, failing with <paramref name="what"/> after 30 seconds; never a fixed sleep.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("Sau 30 giây vẫn chưa: " + what);
            await Task.Delay(200);
        }
    }
}

[CollectionDefinition(nameof(FederationWorld))]
public sealed class FederationCollection : ICollectionFixture<FederationWorld>;

/// <summary>The app on one tier's database, with an admin account of that tier.</summary>
public sealed class TierApp : WebApplicationFactory<Program>
{
    private readonly FederationWorld _world;
    private readonly TierMode _mode;

    private TierApp(FederationWorld world, string code, TierMode mode, string connectionString)
    {
        _world = world;
        Code = code;
        _mode = mode;
        ConnectionString = connectionString;
    }

    public string Code { get; }
    public string ConnectionString { get; }
    public string AdminUserName => _mode == TierMode.National ? FederationWorld.NationalAdmin : "quantri.tinh" + Code;

    public Microsoft.EntityFrameworkCore.Metadata.IModel Model
    {
        get
        {
            using var scope = Services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<AppDbContext>().Model;
        }
    }

    /// <summary>Starts the app on its database, which it migrates and gives its key ranges.</summary>
    public static Task<TierApp> StartAsync(FederationWorld world, string code, TierMode mode, string connectionString)
    {
        var app = new TierApp(world, code, mode, connectionString);
        app.CreateClient().Dispose();
        return Task.FromResult(app);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.Postgres),
            ["ConnectionStrings:Default"] = ConnectionString,
            ["Tier:Mode"] = _mode.ToString(),
            ["Admin:UserName"] = AdminUserName,
            ["Admin:Password"] = FederationWorld.Password,
            ["Admin:ProvinceCode"] = Code,
            ["Identity:PasswordHashIterations"] = "1000",
            ["Files:Root"] = Path.Combine(Path.GetTempPath(), "dtn-files-" + Guid.NewGuid().ToString("N")),
            ["Reminders:Enabled"] = "false",
            // A province reads the national tier's findings (/Learners/OtherProvinces) through the national app's test server.
            ["Federation:NationalUrl"] = _mode == TierMode.Province ? "http://national.test/" : null,
        }));
        builder.ConfigureServices(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, TestApp.ClientAddressFromHeader>());
        builder.ConfigureLogging(logging => logging.AddProvider(new TestLog()));
        builder.ConfigureTestServices(services =>
        {
            TestApp.UseClock(services, _world.Clock);
            if (_mode == TierMode.Province)
                services.AddHttpClient(DaoTaoNghe.Features.Learners.OtherProvinces.ClientName)
                    .ConfigurePrimaryHttpMessageHandler(() => _world.National.Server.CreateHandler());
        });
    }

    /// <summary>An account of this tier in the admin's organisation, made directly (the tier's user pages are another matter).</summary>
    public async Task<string> AccountAsync(string role)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScopeAccessor>().Current = DataScope.System;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = await users.FindByNameAsync(AdminUserName) ?? throw new InvalidOperationException("No admin.");
        if (!await scope.ServiceProvider.GetRequiredService<RoleManager<AppRole>>().RoleExistsAsync(role))
            await scope.ServiceProvider.GetRequiredService<RoleManager<AppRole>>().CreateAsync(new AppRole(role));
        var user = new AppUser
        {
            UserName = $"{role.ToLowerInvariant()}.{Guid.NewGuid():N}"[..30],
            FullName = "Cán bộ kiểm thử",
            OrganisationId = admin.OrganisationId,
            CreatedAt = _world.Clock.GetUtcNow().UtcDateTime,
        };
        (await users.CreateAsync(user, FederationWorld.Password)).Succeeded.ShouldBeTrue();
        await users.AddToRoleAsync(user, role);
        return user.UserName;
    }

    /// <summary>
    /// A province's reconciliation account on the national tier, in the organisation of that province's admin (its Sở, as
    /// replicated), or in the ministry's when <paramref name="provinceCode"/> is null (an account bound to no province with cases).
    /// </summary>
    public async Task<string> ReconciliationAccountAsync(string? provinceCode)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScopeAccessor>().Current = DataScope.System;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var organisation = provinceCode is null
            ? (await users.FindByNameAsync(AdminUserName))!.OrganisationId
            : await db.Organisations.Where(o => o.Kind == DaoTaoNghe.Features.Organisations.OrganisationKind.Department && o.Id >= KeyRanges.IntSpan
                    && db.AdministrativeUnits.Any(u => u.Id == o.ProvinceId && u.Code == provinceCode))
                .OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
        var user = new AppUser
        {
            UserName = $"doisoat{provinceCode ?? "00"}.{Guid.NewGuid():N}"[..30], FullName = "Hệ thống đối soát của tỉnh", OrganisationId = organisation,
            CreatedAt = _world.Clock.GetUtcNow().UtcDateTime,
        };
        (await users.CreateAsync(user, FederationWorld.Password)).Succeeded.ShouldBeTrue();
        await users.AddToRoleAsync(user, DaoTaoNghe.Infrastructure.Auth.Roles.ProvinceReconciliation);
        return user.UserName;
    }

    /// <summary>A read-only API key that <paramref name="userName"/> of this tier made on /Account/ApiKeys, as a person does.</summary>
    public async Task<string> ApiKeyAsync(string userName)
    {
        using var browser = await SignInAsync(userName);
        var answer = await browser.PostFormAsync("/Account/ApiKeys", new()
        {
            ["Name"] = "Tỉnh đọc kết quả đối chiếu " + Guid.NewGuid().ToString("N")[..6], ["Scope"] = nameof(ApiKeyScope.ReadOnly),
            ["ExpiresOn"] = _world.Clock.Today.AddYears(1).ToString("yyyy-MM-dd"),
        });
        var secret = System.Text.RegularExpressions.Regex.Match(await answer.Content.ReadAsStringAsync(), "<code id=\"new-secret\">([^<]+)</code>").Groups[1].Value;
        secret.ShouldStartWith(ApiKey.Prefix);
        return secret;
    }

    /// <summary>Changes a setting of the running app (an in-memory configuration source), as an operator edits its settings.</summary>
    public void Configure(string key, string? value) => Services.GetRequiredService<IConfiguration>()[key] = value;

    public Task<TestBrowser> SignInAsync(string userName) => TestBrowser.SignedInAsync(this, userName, FederationWorld.Password);

    public async Task<long> CountAsync(string table)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM public.\"{table}\"", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task<long> CountAsync(string table, string where)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM public.\"{table}\" WHERE {where}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
