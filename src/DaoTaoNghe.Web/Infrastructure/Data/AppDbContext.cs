using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Infrastructure.Data;

/// <summary>
/// The one DbContext. Each feature adds its DbSets in a partial file beside its entities and its
/// query filters through <see cref="IScopeRules"/>; table and column names are snake_case on both
/// databases so hand-written SQL (reports, benchmarks) reads naturally.
/// </summary>
public partial class AppDbContext(DbContextOptions<AppDbContext> options, DataScopeAccessor scopeAccessor)
    : IdentityDbContext<AppUser, AppRole, int, IdentityUserClaim<int>, IdentityUserRole<int>, IdentityUserLogin<int>,
        IdentityRoleClaim<int>, IdentityUserToken<int>>(options)
{
    /// <summary>The caller's scope, read by the query filters each time a query runs.</summary>
    public DataScope Scope => scopeAccessor.Current;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AppUser>(b =>
        {
            b.ToTable("users");
            b.Property(u => u.FullName).HasMaxLength(200);
            b.HasOne(u => u.Organisation).WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<AppRole>().ToTable("roles");
        builder.Entity<IdentityUserRole<int>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<int>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<int>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<int>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<int>>().ToTable("role_claims");

        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        if (Database.IsNpgsql()) Features.Learners.LearnerConfiguration.ConfigurePostgres(builder);
        foreach (var rules in ScopeRules.All) rules.Apply(builder, this);
        SnakeCaseNames.Apply(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Enums are stored by name: readable in SQL and safe when members are reordered.
        configuration.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }
}
