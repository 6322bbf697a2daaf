using DaoTaoNghe.Features.Users;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DaoTaoNghe.Tests.Support;

/// <summary>
/// The app as the national tier (Tier:Mode = National) on the run's own database, which holds the provinces' records the
/// other tests make: what a national database holds once replication has copied them in, readable on both SQLite and
/// PostgreSQL. Real replication between clusters is FederationTests' (PostgreSQL only). As on a real national database,
/// nothing here marks indicator values to recompute (that queue is each province's own), so it never catches up on read:
/// a test reads a province's numbers through the province's app first, which brings them up to date.
/// </summary>
public sealed class NationalApp : WebApplicationFactory<Program>
{
    public const string AdminUserName = "quantri.quocgia.test";

    private static readonly Lazy<NationalApp> Shared = new(() =>
    {
        var app = new NationalApp(TestApp.Instance);
        app.CreateClient().Dispose();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => app.Dispose();
        return app;
    });

    public static NationalApp Instance => Shared.Value;

    private readonly TestApp _province;

    private NationalApp(TestApp province) => _province = province;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = TestDatabase.Provider.ToString(),
            ["ConnectionStrings:Default"] = _province.ConnectionString,
            ["Tier:Mode"] = "National",
            ["Admin:UserName"] = AdminUserName,
            ["Admin:Password"] = TestApp.Password,
            ["Identity:PasswordHashIterations"] = "1000",
            ["Indicators:CatchUpOnRead"] = "false",
            ["Files:Root"] = Path.Combine(Path.GetTempPath(), "dtn-files-" + Guid.NewGuid().ToString("N")),
            ["Reminders:Enabled"] = "false",
        }));
        builder.ConfigureLogging(logging => logging.AddProvider(new TestLog()));
        builder.ConfigureTestServices(services => TestApp.UseClock(services, _province.Clock));
    }

    /// <summary>A new national account of <paramref name="role"/> in the ministry's organisation (the national admin's).</summary>
    public async Task<string> AccountAsync(string role)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScopeAccessor>().Current = DataScope.System;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = await users.FindByNameAsync(AdminUserName) ?? throw new InvalidOperationException("No national admin.");
        var user = new AppUser
        {
            UserName = $"qg{TestData.Unique()}", FullName = "Cán bộ Bộ thử " + TestData.Unique(), OrganisationId = admin.OrganisationId,
            CreatedAt = TestData.Clock.UtcNow,
        };
        var created = await users.CreateAsync(user, TestApp.Password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return user.UserName!;
    }

    public async Task<TestBrowser> SignInAsync(string role) => await TestBrowser.SignedInAsync(this, await AccountAsync(role), TestApp.Password);

    public Task<TestBrowser> AdminAsync() => TestBrowser.SignedInAsync(this, AdminUserName, TestApp.Password);

    /// <summary>A read-only API key the signed-in <paramref name="account"/> makes on /Account/ApiKeys, as a person does.</summary>
    public async Task<string> ReadOnlyKeyAsync(TestBrowser account)
    {
        var answer = await account.PostFormAsync("/Account/ApiKeys", new()
        {
            ["Name"] = "Khóa thử " + TestData.Unique(), ["Scope"] = nameof(ApiKeyScope.ReadOnly),
            ["ExpiresOn"] = TestData.Clock.Today.AddYears(1).ToString("yyyy-MM-dd"),
        });
        var secret = System.Text.RegularExpressions.Regex.Match(await answer.Content.ReadAsStringAsync(), "<code id=\"new-secret\">([^<]+)</code>").Groups[1].Value;
        secret.ShouldStartWith(ApiKey.Prefix);
        return secret;
    }
}
