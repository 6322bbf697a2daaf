using DaoTaoNghe.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Infrastructure.Scoping;

/// <summary>
/// A feature's read rules: query filters, named <see cref="ScopeRules.FilterName"/>, that limit
/// each of its entities to what <see cref="AppDbContext.Scope"/> may see. Filters must reference
/// <c>db.Scope</c> so EF reads the current caller's scope each time a query runs.
/// </summary>
public interface IScopeRules
{
    void Apply(ModelBuilder model, AppDbContext db);
}

public static class ScopeRules
{
    public const string FilterName = "Scope";

    public static IReadOnlyList<IScopeRules> All { get; } = typeof(ScopeRules).Assembly.GetTypes()
        .Where(t => typeof(IScopeRules).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (IScopeRules)Activator.CreateInstance(t)!)
        .ToList();
}
