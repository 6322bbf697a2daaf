using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using DaoTaoNghe.Demo;
using DaoTaoNghe.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Tests.Infrastructure;

/// <summary>
/// The README's first command on the run's database (SQLite or PostgreSQL): a Development start on a
/// fresh database seeds the whole demo province, every demo account signs in, and each sees data.
/// </summary>
public class DemoSeedingTests
{
    private sealed class DemoApp : WebApplicationFactory<Program>
    {
        public string ConnectionString { get; } = TestDatabase.NewConnectionString("demo");

        public StartupLines Progress { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = TestDatabase.Provider.ToString(),
                ["ConnectionStrings:Default"] = ConnectionString,
                ["Identity:PasswordHashIterations"] = "1000",
                ["Files:Root"] = Path.Combine(Path.GetTempPath(), "dtn-demo-files-" + Guid.NewGuid().ToString("N")),
                ["Reminders:Enabled"] = "false",
            }));
            builder.ConfigureTestServices(services => TestApp.UseClock(services, new TestClock()));
            builder.ConfigureLogging(logging => logging.AddProvider(Progress).AddFilter<StartupLines>(StartupLines.Category, LogLevel.Information));
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing) TestDatabase.Drop(ConnectionString);
        }
    }

    [Fact]
    public async Task A_fresh_database_gets_the_demo_province_and_every_demo_account_signs_in_to_its_data()
    {
        using var app = new DemoApp();

        foreach (var account in DemoAccounts.All)
        {
            using var signedIn = await TestBrowser.SignedInAsync(app, account.UserName, DemoSeeding.Password);
            TestBrowser.HtmlText(await signedIn.GetHtmlAsync("/")).ShouldContain(account.FullName);
        }

        using var province = await TestBrowser.SignedInAsync(app, "sogddt", DemoSeeding.Password);
        // Seeded on the run's date (the dated runs seed it on 1 January too); its courses and orders are of
        // 2024–2026 whatever the date, so 2026 is the year that has every kind of record.
        var dashboard = await province.GetHtmlAsync("/Indicators?nam=2026");
        TestBrowser.HtmlText(dashboard).ShouldContain("Bảng chỉ số: Tỉnh Lai Châu");
        FirstNumber(dashboard, "line-outreach-events").ShouldBeGreaterThan(0);
        FirstNumber(dashboard, "line-training-completed").ShouldBeGreaterThan(0);

        using var commune = await TestBrowser.SignedInAsync(app, "xa.binhlu", DemoSeeding.Password);
        Regex.Count(await commune.GetHtmlAsync("/Learners"), "href=\"/Learners/Details/").ShouldBeGreaterThan(0);

        using var institution = await TestBrowser.SignedInAsync(app, "truong.cdlc", DemoSeeding.Password);
        Regex.Count(await institution.GetHtmlAsync("/Courses"), "href=\"/Courses/Details/").ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task The_operator_follows_the_demo_seeding_in_Vietnamese()
    {
        using var app = new DemoApp();
        using var client = app.CreateClient();

        var lines = app.Progress.Lines.ToList();
        var demoLines = lines.Where(l => l.StartsWith("Dữ liệu demo ", StringComparison.Ordinal)).ToList();
        var steps = FeatureDiscovery.CreateAll<IDemoSeeder>().Count();
        demoLines.Count.ShouldBe(steps, string.Join("\n", lines));
        // Each step says what it seeds, not the seeder's class name.
        demoLines.ShouldContain($"Dữ liệu demo 1/{steps}: cơ quan, đơn vị…");
        demoLines.ShouldAllBe(l => !Regex.IsMatch(l, "[A-Z][a-z]+[A-Z]|Seeder"));
        // The whole demo takes seconds; its duration is written the Vietnamese way, with a decimal comma.
        lines.ShouldContain(l => Regex.IsMatch(l, @"^Khởi động \d+/\d+: Dữ liệu demo .* xong sau \d+,\d giây\.$"), string.Join("\n", lines));
    }

    /// <summary>The start-up progress lines, as the operator reads them in the console.</summary>
    private sealed class StartupLines : ILoggerProvider
    {
        public const string Category = "DaoTaoNghe.Startup";

        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => categoryName == Category ? new Logger(Lines) : NullLogger.Instance;

        public void Dispose() { }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }

    /// <summary>The number in the first cell of a dashboard line.</summary>
    private static int FirstNumber(string html, string lineId)
    {
        var cell = Regex.Match(html, $"<tr id=\"{lineId}\">.*?<td[^>]*>(.*?)</td>", RegexOptions.Singleline);
        cell.Success.ShouldBeTrue($"no line {lineId} on the dashboard");
        var number = Regex.Match(TestBrowser.HtmlText(cell.Groups[1].Value), @"\d[\d.]*");
        number.Success.ShouldBeTrue($"no number on line {lineId}: {TestBrowser.HtmlText(cell.Groups[1].Value)}");
        return int.Parse(number.Value.Replace(".", ""), CultureInfo.InvariantCulture);
    }
}
