using System.Globalization;
using System.Text.RegularExpressions;
using DaoTaoNghe.Demo;
using DaoTaoNghe.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;

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
