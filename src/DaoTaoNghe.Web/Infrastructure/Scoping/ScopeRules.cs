using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Infrastructure.Scoping;

/// <summary>
/// An area's read rules: query filters, named <see cref="ScopeRules.FilterName"/>, that limit
/// each of its entities to what the context's scope may see. Filters must reference
/// <c>db.Scope</c> so EF reads the current caller's scope each time a query runs.
/// </summary>
public interface IScopeRules<in TContext> where TContext : DbContext, IScopedDbContext
{
    void Apply(ModelBuilder model, TContext db);
}

public static class ScopeRules
{
    public const string FilterName = "Scope";

    public static IEnumerable<IScopeRules<TContext>> All<TContext>() where TContext : DbContext, IScopedDbContext =>
        FeatureDiscovery.CreateAll<IScopeRules<TContext>>();
}
