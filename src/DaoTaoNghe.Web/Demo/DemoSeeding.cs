using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Demo;

/// <summary>
/// One feature's share of the demo province. Seeders run in <see cref="Order"/>, each once per
/// database (remembered in app_settings), only in the Development environment.
/// </summary>
public interface IDemoSeeder
{
    int Order { get; }

    /// <summary>What it seeds, in Vietnamese: the operator reads it in the start-up progress.</summary>
    string Title { get; }

    Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken);
}

public sealed class DemoSeedContext(AppDbContext db, IServiceProvider services, AdministrativeUnit province, TimeProvider clock)
{
    public AppDbContext Db { get; } = db;
    public IServiceProvider Services { get; } = services;
    public AdministrativeUnit Province { get; } = province;
    public TimeProvider Clock { get; } = clock;

    /// <summary>Deterministic: the same demo data on every fresh database.</summary>
    public Random Random { get; } = new(20260401);

    public DateOnly Today => Infrastructure.Time.VietnamTime.Today(Clock);
}

/// <summary>The Lai Châu demo, seeded once per database in Development (see <see cref="StartupDataContext.SeedsDemo"/>).</summary>
public sealed class DemoSeeding : IStartupData
{
    public const string DemoProvinceCode = "12";
    public const string Password = "DaoTaoNghe@2026";

    public int Order => 100;

    public string Title => "Dữ liệu demo tỉnh Lai Châu (chỉ lần chạy đầu, khoảng một phút)";

    public Task RunAsync(StartupDataContext context, CancellationToken cancellationToken) =>
        context.SeedsDemo ? RunAsync(context.Services, cancellationToken) : Task.CompletedTask;

    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var clock = services.GetRequiredService<TimeProvider>();
        services.GetRequiredService<AuditSettings>().Enabled = false;
        var province = await db.AdministrativeUnits.SingleAsync(u => u.Level == UnitLevel.Province && u.Code == DemoProvinceCode, cancellationToken);
        var context = new DemoSeedContext(db, services, province, clock);

        var progress = services.GetRequiredService<ILoggerFactory>().CreateLogger("DaoTaoNghe.Startup");
        var seeders = FeatureDiscovery.CreateAll<IDemoSeeder>().OrderBy(s => s.Order).ToList();
        for (var i = 0; i < seeders.Count; i++)
        {
            var seeder = seeders[i];
            var key = "demo-seed:" + seeder.GetType().FullName;
            if (await db.AppSettings.AnyAsync(s => s.Key == key, cancellationToken)) continue;
            progress.LogInformation("Dữ liệu demo {Step}/{Steps}: {Title}…", i + 1, seeders.Count, seeder.Title);
            await seeder.SeedAsync(context, cancellationToken);
            db.AppSettings.Add(new AppSetting { Key = key, Value = "done", UpdatedAt = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        services.GetRequiredService<AuditSettings>().Enabled = true;
    }
}
