using System.Linq.Expressions;
using System.Reflection;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace DaoTaoNghe.Tests.Infrastructure.Scope;

/// <summary>What the EF model says about an entity's scope: its named filter, whether it names an owner.</summary>
public static class ScopeModel
{
    /// <summary>The application's DbContext, the one whose query filters keep to the caller's scope.</summary>
    public static Type ContextType { get; } = typeof(AppDbContext);

    private static readonly PropertyInfo ScopeProperty = ContextType.GetProperty("Scope")
        ?? throw new InvalidOperationException($"{ContextType.Name} has no Scope property.");

    public static DbContext Context(IServiceProvider services) => (DbContext)services.GetRequiredService(ContextType);

    public static LambdaExpression? ScopeFilter(IEntityType entity) =>
        entity.GetDeclaredQueryFilters().FirstOrDefault(f => f.Key == ScopeRules.FilterName)?.Expression;

    public static bool IsScopeOwned(IEntityType entity) => typeof(IScopeOwned).IsAssignableFrom(entity.ClrType);

    /// <summary>Scoped the ordinary way: a named scope filter and an owner for the write guard.</summary>
    public static bool IsScoped(IEntityType entity) => ScopeFilter(entity) is not null && IsScopeOwned(entity);

    /// <summary>The entities every world holds one record of: all with a scope filter, except those only the system writes.</summary>
    public static IReadOnlyList<IEntityType> WorldEntities(IModel model) => model.GetEntityTypes()
        .Where(e => ScopeFilter(e) is not null && !ScopeCatalogue.SystemWritten.ContainsKey(e.DisplayName()))
        .OrderBy(e => e.DisplayName(), StringComparer.Ordinal)
        .ToList();

    /// <summary>Whether the filter reads the caller's scope (<c>db.Scope</c>) at all.</summary>
    public static bool ReadsScope(LambdaExpression filter) =>
        Find(filter, node => node is MemberExpression { Member: PropertyInfo p } && p.Name == ScopeProperty.Name && p.DeclaringType!.IsAssignableFrom(ContextType));

    /// <summary>Whether the filter goes through the entity's navigation <paramref name="navigation"/>.</summary>
    public static bool Navigates(LambdaExpression filter, Type entity, string navigation) =>
        Find(filter, node => node is MemberExpression { Member: PropertyInfo p } m && p.Name == navigation && m.Expression?.Type == entity);

    private static bool Find(Expression expression, Func<Expression, bool> match)
    {
        var finder = new Finder(match);
        finder.Visit(expression);
        return finder.Found;
    }

    private sealed class Finder(Func<Expression, bool> match) : ExpressionVisitor
    {
        public bool Found { get; private set; }

        public override Expression? Visit(Expression? node)
        {
            if (Found || node is null) return node;
            if (match(node))
            {
                Found = true;
                return node;
            }
            return base.Visit(node);
        }
    }
}
