using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Infrastructure.Data;

/// <summary>At start-up: migrate the schema, load reference data, make sure roles exist, then seed the demo (Development) or check for an admin.</summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider rootServices, IConfiguration configuration, IHostEnvironment environment)
    {
        await using var scope = rootServices.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<DataScopeAccessor>().Current = DataScope.System;
        var db = services.GetRequiredService<AppDbContext>();

        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await db.Database.MigrateAsync();
        await ReferenceData.LoadAsync(db, services.GetRequiredService<TimeProvider>());

        var roles = services.GetRequiredService<RoleManager<AppRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new AppRole(role));

        if (environment.IsDevelopment() && configuration.GetValue("Demo:Seed", true))
            await DemoSeeding.RunAsync(services);
        else
            await AdminBootstrap.EnsureAdminAsync(services, configuration);
    }
}
