using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

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

    /// <summary>The app's clock: "now" for the app and for the tests (see <see cref="TestClock"/>).</summary>
    public TestClock Clock { get; } = new();

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
            // A dashboard counts a record saved a moment ago by applying the marks waiting; on a machine the whole suite
            // loads, the worker's run in progress can outlast the 5 s a user's page waits, and the test would read it not yet applied.
            ["Indicators:CatchUpWaitSeconds"] = "120",
            ["Indicators:CatchUpLimit"] = "100000",
            // Rebuilds and the bigger catch-ups of the tests' small worlds take PostgreSQL's COPY path, the smallest EF's.
            ["Indicators:CopyFromCells"] = "20",
        }));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
        builder.ConfigureLogging(logging => logging.AddProvider(new TestLog()));
        builder.ConfigureTestServices(services => UseClock(services, Clock));
    }

    /// <summary>
    /// Makes <paramref name="clock"/> the app's only clock. Cookie sign-in reads it too: the ticket inside the
    /// (session) cookie is given a lifetime longer than any move of the clock a test makes, so a browser stays
    /// signed in when a test sets another date; the app's own 8 hours are not what these tests are about.
    /// </summary>
    public static void UseClock(IServiceCollection services, TimeProvider clock)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton(clock);
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, options => options.ExpireTimeSpan = TimeSpan.FromDays(100 * 365));
    }

    /// <summary>The header a test sends to act as a client at an address of its own (the in-memory server has none).</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    /// <summary>Per-address rules (the public forms' rate limit) need distinct clients; tests name theirs in a header.</summary>
    internal sealed class ClientAddressFromHeader : IStartupFilter
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

    /// <summary>/openapi/v1.json as a signed-in user reads it (outside Development it asks for sign-in).</summary>
    public static async Task<System.Text.Json.JsonElement> OpenApiDocumentAsync()
    {
        var (user, _) = await TestData.ProvinceActorAsync(DaoTaoNghe.Infrastructure.Auth.Roles.DepartmentOfficer);
        using var browser = await TestBrowser.SignedInAsync(user);
        return System.Text.Json.JsonDocument.Parse(await browser.Http.GetStringAsync("/openapi/v1.json")).RootElement.Clone();
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
