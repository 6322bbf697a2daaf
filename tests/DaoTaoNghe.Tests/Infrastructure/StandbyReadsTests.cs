using System.Text.Json;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static DaoTaoNghe.Tests.Features.Learners.LearnerTestData;

namespace DaoTaoNghe.Tests.Infrastructure;

/// <summary>A test that needs the streaming hot standby of the test cluster (test.sh: cluster "standby", port 5434).</summary>
public sealed class StandbyFactAttribute : FactAttribute
{
    public static string? Standby => Environment.GetEnvironmentVariable("DTN_TEST_PG_STANDBY");

    public StandbyFactAttribute()
    {
        if (TestDatabase.Provider != DatabaseProvider.Postgres || Standby is null)
            Skip = "Needs PostgreSQL and a hot standby of its cluster: DTN_TEST_DB=postgres and DTN_TEST_PG_STANDBY (test.sh makes one with pg_basebackup on port 5434).";
    }
}

/// <summary>Read-only work on hot standbys (ConnectionStrings:ReadOnly, docs/federation.md): a real streaming standby answers the dashboards.</summary>
public class StandbyReadsTests
{
    [StandbyFact]
    public async Task Dashboards_are_served_by_the_standby_while_the_primary_takes_writes_and_catch_up_when_it_replays()
    {
        var database = TestDatabase.NewConnectionString("standby");
        var primary = new NpgsqlConnectionStringBuilder(database);
        var standby = new NpgsqlConnectionStringBuilder(StandbyFactAttribute.Standby);
        // The application name marks this app's read connections, to find them on whichever server they landed.
        var readerName = "dtn_standby_" + Guid.NewGuid().ToString("N")[..12];
        var readOnly = new NpgsqlConnectionStringBuilder(database)
        {
            Host = $"{standby.Host}:{standby.Port},{primary.Host}:{primary.Port}",
            TargetSessionAttributes = "prefer-standby",
            ApplicationName = readerName,
        }.ConnectionString;
        try
        {
            using var app = TestApp.Instance.WithWebHostBuilder(builder =>
                builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["ConnectionStrings:Default"] = database,
                    ["ConnectionStrings:ReadOnly"] = readOnly,
                })));
            using var admin = await TestBrowser.SignedInAsync(app, TestApp.AdminUserName, TestApp.Password);
            var (province, commune) = await PlacesAsync(app);
            var values = $"/api/v1/indicators/values?indicator=learners.registered&unit={province}&period={TestApp.Instance.Clock.Today.Year}";

            await CreateAsync(admin, Form(commune, Name()));
            await EventuallyAsync(async () => await RegisteredAsync(admin, values) == 1, "người học đầu tiên trên bảng chỉ số đọc từ máy dự phòng");
            (await SessionsAsync(StandbyFactAttribute.Standby!, readerName, primary.Database!)).ShouldBeGreaterThan(0, "the standby serves the reads");
            (await SessionsAsync(TestDatabase.PostgresServer, readerName, primary.Database!)).ShouldBe(0, "no read went to the primary");

            // Replay paused, the standby shows the database as it was: the primary's new writes cannot be seen through the dashboard.
            await ExecuteAsync(StandbyFactAttribute.Standby!, "SELECT pg_wal_replay_pause()");
            try
            {
                await EventuallyAsync(async () => await ScalarAsync(StandbyFactAttribute.Standby!, "SELECT pg_get_wal_replay_pause_state()") is "paused",
                    "máy dự phòng tạm dừng áp dụng WAL");
                await CreateAsync(admin, Form(commune, Name()));
                await CreateAsync(admin, Form(commune, Name()));
                (await ScalarAsync(database, "SELECT count(*) FROM learners")).ShouldBe(3L, "the primary took the writes");

                (await RegisteredAsync(admin, values)).ShouldBe(1, "the value is the standby's, whose replay is paused");
                var dashboard = TestBrowser.HtmlText(await admin.GetHtmlAsync($"/Indicators?don-vi={province}"));
                dashboard.ShouldContain("Số người học được đăng ký mới");

                // The operators see the standby falling behind at /metrics: WAL sent but not replayed, per standby.
                var metrics = await MetricsAsync(app);
                var lag = System.Text.RegularExpressions.Regex.Match(metrics,
                    "(?m)^dtn_replication_slot_lag(?:_bytes)?\\{(?=[^}]*kind=\"physical\")[^}]*\\} (\\S+)");
                lag.Success.ShouldBeTrue(metrics);
                double.Parse(lag.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
            }
            finally
            {
                await ExecuteAsync(StandbyFactAttribute.Standby!, "SELECT pg_wal_replay_resume()");
            }

            await EventuallyAsync(async () => await RegisteredAsync(admin, values) == 3, "bảng chỉ số bắt kịp khi máy dự phòng áp dụng lại WAL");

            // The standby drops the app's read connections, as a restart or a promotion does: the next read is run again on a new connection.
            await ExecuteAsync(StandbyFactAttribute.Standby!, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{readerName}'");
            (await RegisteredAsync(admin, values)).ShouldBe(3);
        }
        finally
        {
            TestDatabase.Drop(database);
        }
    }

    private static async Task<(int Province, int Commune)> PlacesAsync(WebApplicationFactory<Program> app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScopeAccessor>().Current = DataScope.System;
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var commune = await UnitDirectory.Units(db).Where(u => u.Level == UnitLevel.Commune && u.ValidTo == null && u.Province!.Code == "12")
            .OrderBy(u => u.Code).Select(u => new { u.Id, u.ProvinceId }).FirstAsync();
        return (commune.ProvinceId!.Value, commune.Id);
    }

    private static async Task<string> MetricsAsync(WebApplicationFactory<Program> app)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(TestApp.ClientAddressHeader, "127.0.0.1");
        return await client.GetStringAsync("/metrics");
    }

    private static async Task<double> RegisteredAsync(TestBrowser browser, string url)
    {
        var value = JsonDocument.Parse(await browser.Http.GetStringAsync(url)).RootElement.GetProperty("indicators")[0].GetProperty("value");
        return value.ValueKind == JsonValueKind.Null ? 0 : value.GetDouble();
    }

    /// <summary>Connections of <paramref name="application"/> to <paramref name="database"/> that a server holds.</summary>
    private static async Task<long> SessionsAsync(string server, string application, string database) =>
        (long)(await ScalarAsync(server, $"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{application}' AND datname = '{database}'"))!;

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        builder.Database ??= "postgres";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static Task ExecuteAsync(string connectionString, string sql) => ScalarAsync(connectionString, sql);

    /// <summary>Polls until <paramref name="condition"/> holds, failing after 30 seconds; never a fixed sleep.</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("Sau 30 giây vẫn chưa: " + what);
            await Task.Delay(200);
        }
    }
}
