using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace DaoTaoNghe.Tests.Infrastructure;

/// <summary>The operators' /metrics: Prometheus text with requests per route, the connection pool and the import queue, for the machine itself and the networks configured.</summary>
public class OperatorMetricsTests
{
    [Fact]
    public async Task The_machine_itself_reads_requests_per_route_the_pool_and_the_import_queue()
    {
        var (user, _) = await TestData.ProvinceActorAsync(DaoTaoNghe.Infrastructure.Auth.Roles.DepartmentOfficer);
        using var browser = await TestBrowser.SignedInAsync(user);
        (await browser.GetAsync("/Learners")).EnsureSuccessStatusCode();

        var metrics = await ScrapeAsync(TestApp.Instance, "127.0.0.1");
        metrics.ShouldNotBeNull("the machine itself gets no metrics");
        metrics.ShouldMatch("(?m)^http_server_request_duration_seconds_count\\{[^}]*http_route=\"Learners\"[^}]*\\} [1-9]");
        metrics.ShouldMatch("(?m)^http_server_request_duration_seconds_bucket\\{[^}]*http_route=\"Learners\"");
        metrics.ShouldMatch("(?m)^dtn_imports_waiting(_jobs)?(\\{[^}]*\\})? \\d+");
        if (TestDatabase.Provider == DatabaseProvider.Postgres)
        {
            metrics.ShouldMatch("(?m)^db_client_connection_count\\{[^}]*state=\"(idle|used)\"[^}]*\\} \\d+");
            metrics.ShouldMatch("(?m)^db_client_connection_max\\{[^}]*\\} 30");
        }
    }

    [Fact]
    public async Task Another_address_gets_nothing_unless_its_network_is_allowed()
    {
        (await ScrapeAsync(TestApp.Instance, "203.0.113.9")).ShouldBeNull();

        // Another app with the setting, on a database of its own (a start-up on the shared one would run beside the other tests).
        var database = TestDatabase.NewConnectionString("metrics");
        try
        {
            using var allowing = TestApp.Instance.WithWebHostBuilder(builder =>
                builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["ConnectionStrings:Default"] = database,
                    ["Metrics:AllowedNetworks"] = "203.0.113.0/24",
                })));
            (await ScrapeAsync(allowing, "203.0.113.9")).ShouldNotBeNull();
            (await ScrapeAsync(allowing, "198.51.100.7")).ShouldBeNull();
        }
        finally
        {
            TestDatabase.Drop(database);
        }
    }

    [Fact]
    public void The_pool_size_is_a_setting_and_a_connection_string_keeps_its_own()
    {
        string For(string connectionString, string? setting) => DatabaseSetup.ConnectionStringFrom(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Default"] = connectionString,
                ["Database:MaxPoolSize"] = setting,
            }).Build(), null!, DatabaseProvider.Postgres);

        new Npgsql.NpgsqlConnectionStringBuilder(For("Host=db;Database=dtn", null)).MaxPoolSize.ShouldBe(DatabaseSetup.DefaultMaxPoolSize);
        new Npgsql.NpgsqlConnectionStringBuilder(For("Host=db;Database=dtn", "25")).MaxPoolSize.ShouldBe(25);
        new Npgsql.NpgsqlConnectionStringBuilder(For("Host=db;Database=dtn;Maximum Pool Size=12", "25")).MaxPoolSize.ShouldBe(12);
    }

    [Fact]
    public void Statements_are_prepared_only_when_the_setting_or_the_connection_string_asks_for_it()
    {
        int For(string connectionString, string? setting) => new Npgsql.NpgsqlConnectionStringBuilder(DatabaseSetup.ConnectionStringFrom(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Default"] = connectionString,
                ["Database:MaxAutoPrepare"] = setting,
            }).Build(), null!, DatabaseProvider.Postgres)).MaxAutoPrepare;

        For("Host=db;Database=dtn", null).ShouldBe(0);
        For("Host=db;Database=dtn", "50").ShouldBe(50);
        For("Host=db;Database=dtn;Max Auto Prepare=7", "50").ShouldBe(7);
        For("Host=db;Database=dtn;Maximum Pool Size=12", "50").ShouldBe(50);
    }

    /// <summary>/metrics as a client at <paramref name="address"/> sees it: the text, or null when it is not served there.</summary>
    private static async Task<string?> ScrapeAsync(WebApplicationFactory<Program> app, string address)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(TestApp.ClientAddressHeader, address);
        using var response = await client.GetAsync("/metrics");
        var type = response.Content.Headers.ContentType?.MediaType;
        return response.IsSuccessStatusCode && type == "text/plain" ? await response.Content.ReadAsStringAsync() : null;
    }
}
