using DaoTaoNghe.Features.Users;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Data;

/// <summary>
/// The one DbContext, where the areas' tables come together (a composition root like Program.cs:
/// it may know every area, and no area's logic lives here). Each area adds its DbSets in a partial
/// file beside its entities, its configurations and its query filters (<see cref="IScopeRules{TContext}"/>);
/// table and column names are snake_case on both databases so hand-written SQL (reports, benchmarks)
/// reads naturally.
/// </summary>
public partial class AppDbContext(DbContextOptions<AppDbContext> options, DataScopeAccessor scopeAccessor)
    : IdentityDbContext<AppUser, AppRole, int, IdentityUserClaim<int>, IdentityUserRole<int>, IdentityUserLogin<int>,
        IdentityRoleClaim<int>, IdentityUserToken<int>>(options), IScopedDbContext
{
    /// <summary>The caller's scope, read by the query filters each time a query runs.</summary>
    public DataScope Scope => scopeAccessor.Current;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        if (Database.IsNpgsql())
            foreach (var model in FeatureDiscovery.CreateAll<IPostgresModel>()) model.Configure(builder);
        foreach (var rules in ScopeRules.All<AppDbContext>()) rules.Apply(builder, this);
        SnakeCaseNames.Apply(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Enums are stored by name: readable in SQL and safe when members are reordered.
        configuration.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }
}
