using DaoTaoNghe.Bench.Scale;
using DaoTaoNghe.Features.Indicators;
using Microsoft.Extensions.DependencyInjection;
using DaoTaoNghe.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace DaoTaoNghe.Tests.Bench;

/// <summary>
/// Keeps bench/scale working: generates the `tiny` scale into a database of its own, hosts the app
/// on it and runs every scenario for a second. The harness checks each answer against its
/// hand-written SQL and throws on a difference; timings are never asserted (docs/performance.md has them).
/// PostgreSQL only: the generator loads with COPY and the floors are PostgreSQL SQL.
/// </summary>
public sealed class ScaleBenchTests
{
    private sealed class BenchApp(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:Default"] = connectionString,
                ["Admin:UserName"] = "bench.admin",
                ["Admin:Password"] = "Bench@2026",
                ["Admin:ProvinceCode"] = "12",
                ["Identity:PasswordHashIterations"] = "1000",
                ["Files:Root"] = Path.Combine(Path.GetTempPath(), "dtn-bench-files-" + Guid.NewGuid().ToString("N")),
                ["Reminders:Enabled"] = "false",
                // The bench measures how fast a CCCD is found, not the per-user limit that stops guessing.
                ["PersonalData:CccdLookupsPerHour"] = "100000000",
            }));
        }
    }

    [PostgresFact]
    public async Task Tiny_scale_runs_every_scenario_with_answers_equal_to_sql()
    {
        var connectionString = TestDatabase.NewConnectionString("bench");
        try
        {
            var counts = await new Generator(connectionString, Scale.Tiny, seed: 2026, TextWriter.Null).RunAsync();
            counts.Learners.ShouldBe(Scale.Tiny.Learners);
            counts.Enrolments.ShouldBeGreaterThan(0);

            await using var app = new BenchApp(connectionString);
            // As `--rebuild-indicators` does after a generation: the dashboards and the floors read the maintained values.
            app.CreateClient().Dispose();
            await app.Services.GetRequiredService<MaintainedValuesRunner>().RebuildAsync("ScaleBenchTests");
            var options = new BenchOptions(Clients: 2, Duration: TimeSpan.FromSeconds(1), UserName: "bench.admin", Password: "Bench@2026", Checks: 3, MaxWrites: 2_000)
            {
                WarmUp = TimeSpan.FromSeconds(1),
            };
            var report = await new DaoTaoNghe.Bench.Scale.Bench(
                () => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }),
                connectionString, "12", options, TextWriter.Null).RunAsync(appPid: null);

            report.Rows.Select(r => r.Scenario).ShouldBe([
                "learner search by name (no diacritics)", "learner search by CCCD", "province dashboard", "commune dashboard",
                "indicator learners.registered by commune", "enrolment writes (POST /api/v1/courses/{id}/enrolments)",
            ]);
            foreach (var row in report.Rows)
            {
                row.App.Errors.ShouldBe(0, $"{row.Scenario}: {row.App.FirstError}");
                row.App.Count.ShouldBeGreaterThan(0, row.Scenario);
            }
            report.FreshnessSeconds.ShouldNotBeNull(report.FreshnessWhat);

            // The results file a run leaves for docs/performance.md: every scenario with its floor where it has one.
            var path = Path.Combine(Path.GetTempPath(), "dtn-bench-results-" + Guid.NewGuid().ToString("N"), "tiny.json");
            await Results.WriteAsync(Results.From(report, "tiny", "12", options), path);
            var written = Results.Read(path);
            written.Scale.ShouldBe("tiny");
            written.Learners.ShouldBeGreaterThan(0);
            written.Commit.ShouldNotBeNullOrEmpty();
            written.LoadAverageAtStart.ShouldNotBeNullOrEmpty();
            written.Floor.ShouldContain("indicator_cells");
            written.Scenarios.Select(s => s.Name).ShouldBe(report.Rows.Select(r => r.Scenario));
            foreach (var scenario in written.Scenarios.Where(s => !s.Name.StartsWith("enrolment writes", StringComparison.Ordinal)))
            {
                scenario.FloorP95Ms.ShouldNotBeNull(scenario.Name);
                scenario.RatioP95.ShouldNotBeNull(scenario.Name);
            }
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
        finally
        {
            TestDatabase.Drop(connectionString);
        }
    }
}
