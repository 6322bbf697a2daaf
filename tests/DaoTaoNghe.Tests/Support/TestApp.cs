using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DaoTaoNghe.Tests.Support;

/// <summary>
/// The real application, hosted in memory on a fresh database of the run's provider, shared by all
/// integration tests of the run. Tests never rely on each other's data: each makes its own.
/// </summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    public const string AdminUserName = "admin.test";
    public const string Password = "Test@12345";
    public const string PublicBaseUrl = "https://daotaonghe.laichau.example";

    private static readonly Lazy<TestApp> Shared = new(() =>
    {
        var app = new TestApp();
        app.CreateClient().Dispose();
        // The suite must never run against the developer's own database.
        var settings = app.Services.GetRequiredService<DatabaseSettings>();
        if (settings.ConnectionString != app.ConnectionString && !settings.ConnectionString.StartsWith(app.ConnectionString))
            throw new InvalidOperationException($"Test host uses {settings.ConnectionString}, not its own database.");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => app.Dispose();
        return app;
    });

    public static TestApp Instance => Shared.Value;

    public string ConnectionString { get; } = TestDatabase.NewConnectionString("it");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = TestDatabase.Provider.ToString(),
            ["ConnectionStrings:Default"] = ConnectionString,
            ["Admin:UserName"] = AdminUserName,
            ["Admin:Password"] = Password,
            ["Admin:ProvinceCode"] = "12",
            ["Identity:PasswordHashIterations"] = "1000",
            ["Files:Root"] = Path.Combine(Path.GetTempPath(), "dtn-files-" + Guid.NewGuid().ToString("N")),
            // Tests call the reminder run directly, at the instants they choose.
            ["Reminders:Enabled"] = "false",
            ["PublicSite:BaseUrl"] = PublicBaseUrl + "/",
        }));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
    }

    /// <summary>The header a test sends to act as a client at an address of its own (the in-memory server has none).</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    /// <summary>Per-address rules (the public forms' rate limit) need distinct clients; tests name theirs in a header.</summary>
    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ClientAddressHeader, out var value) && System.Net.IPAddress.TryParse(value, out var address))
                    context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>A DI scope acting as the system (no user), for arranging test data directly.</summary>
    public AsyncServiceScope SystemScope()
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScopeAccessor>().Current = DataScope.System;
        return scope;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) TestDatabase.Drop(ConnectionString);
    }
}
