using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Support;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DaoTaoNghe.Tests.Features.Support;

/// <summary>On a database of its own: the start-up step removes other provinces' sets, which the shared test database's tests make.</summary>
public class Qd46StartupTests
{
    [Fact]
    public async Task A_database_made_before_publication_keeps_only_its_own_provinces_QD_46()
    {
        var connectionString = TestDatabase.NewConnectionString("qd46");
        try
        {
            using var app = new ProvinceApp(connectionString);
            app.CreateClient().Dispose();
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<DataScopeAccessor>().Current = DataScope.System;
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var provinces = await db.AdministrativeUnits.Where(u => u.Level == UnitLevel.Province && (u.Code == "12" || u.Code == "01" || u.Code == "04"))
                .ToDictionaryAsync(u => u.Code, u => u.Id);
            (await db.SupportRuleSets.Select(r => r.ProvinceId).ToListAsync()).ShouldBe([provinces["12"]], "a new database loads QĐ 46 for its own province only");

            // As every database did before: QĐ 46 for other provinces too.
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            db.SupportRuleSets.AddRange(Qd46.NewRuleSet(provinces["01"], now), Qd46.NewRuleSet(provinces["04"], now));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            var configuration = scope.ServiceProvider.GetRequiredService<IConfiguration>();
            await new Qd46ReferenceData().RunAsync(new StartupDataContext(scope.ServiceProvider, configuration, scope.ServiceProvider.GetRequiredService<IHostEnvironment>()), CancellationToken.None);

            (await db.SupportRuleSets.Select(r => r.ProvinceId).ToListAsync()).ShouldBe([provinces["12"]], "unused sets of other provinces are removed");
            (await db.SupportGroupRules.CountAsync()).ShouldBe(Qd46.Groups.Count);
            (await db.SupportTravelRules.CountAsync()).ShouldBe(Qd46.Travel.Count);
        }
        finally
        {
            TestDatabase.Drop(connectionString);
        }
    }

    private sealed class ProvinceApp(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = TestDatabase.Provider.ToString(),
                ["ConnectionStrings:Default"] = connectionString,
                ["Admin:UserName"] = "admin.qd46",
                ["Admin:Password"] = TestApp.Password,
                ["Admin:ProvinceCode"] = "12",
                ["Identity:PasswordHashIterations"] = "1000",
                ["Files:Root"] = Path.Combine(Path.GetTempPath(), "dtn-qd46-files-" + Guid.NewGuid().ToString("N")),
                ["Reminders:Enabled"] = "false",
            }));
            builder.ConfigureTestServices(services => TestApp.UseClock(services, new TestClock()));
        }
    }
}
