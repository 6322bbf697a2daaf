using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DaoTaoNghe.Tests.Infrastructure.Scope;

/// <summary>
/// Every entity of the EF model is scoped (a query filter named <see cref="ScopeRules.FilterName"/>
/// that reads db.Scope, and <see cref="IScopeOwned"/> for the write guard) or is declared in
/// <see cref="ScopeCatalogue"/> with its reason. A new DbSet without either fails here.
/// </summary>
public class EntityScopeTests
{
    [Fact]
    public async Task Every_entity_is_scoped_or_declared_public_with_a_reason()
    {
        var problems = await TestData.WithDbAsync(db => Task.FromResult(Problems(db.Model)));

        problems.ShouldBeEmpty(string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task The_catalogue_names_only_entities_of_the_model()
    {
        var names = await TestData.WithDbAsync(db => Task.FromResult(db.Model.GetEntityTypes().Select(e => e.DisplayName()).ToHashSet()));

        var stale = ScopeCatalogue.Public.Keys.Concat(ScopeCatalogue.SystemWritten.Keys).Concat(ScopeCatalogue.ThroughParent.Keys)
            .Where(n => !names.Contains(n)).ToList();

        stale.ShouldBeEmpty($"ScopeCatalogue lists entities the model no longer has: {string.Join(", ", stale)}");
    }

    public static List<string> Problems(IModel model)
    {
        var problems = new List<string>();
        foreach (var entity in model.GetEntityTypes().OrderBy(e => e.DisplayName(), StringComparer.Ordinal))
        {
            var name = entity.DisplayName();
            var filter = ScopeModel.ScopeFilter(entity);
            var owned = ScopeModel.IsScopeOwned(entity);

            if (entity.IsOwned())
            {
                // An owned type lives in its owner's rows and is read and written with it.
                var owner = entity.FindOwnership()!.PrincipalEntityType;
                if (!ScopeModel.IsScoped(owner) && !ScopeCatalogue.IsListed(owner.DisplayName()))
                    problems.Add($"{name} is owned by {owner.DisplayName()}, which is neither scoped nor declared in ScopeCatalogue.");
                continue;
            }

            if (filter is not null && !ScopeModel.ReadsScope(filter))
                problems.Add($"{name}: its '{ScopeRules.FilterName}' filter never reads db.Scope, so it limits nothing per caller.");

            if (ScopeCatalogue.Public.TryGetValue(name, out _))
            {
                if (filter is not null)
                    problems.Add($"{name} is declared public in ScopeCatalogue but has a '{ScopeRules.FilterName}' filter: remove it from the public list.");
                continue;
            }

            if (ScopeCatalogue.SystemWritten.ContainsKey(name))
            {
                if (filter is null) problems.Add($"{name} is declared system-written (filtered) in ScopeCatalogue but has no '{ScopeRules.FilterName}' filter.");
                continue;
            }

            if (ScopeCatalogue.ThroughParent.TryGetValue(name, out var through))
            {
                problems.AddRange(ThroughParentProblems(entity, filter, owned, through.Navigation));
                continue;
            }

            if (filter is null || !owned)
                problems.Add($"{name} is not scoped: "
                    + (filter is null ? $"it has no query filter named '{ScopeRules.FilterName}' (add one in the area's IScopeRules)" : "")
                    + (filter is null && !owned ? " and " : "")
                    + (!owned ? "it does not implement IScopeOwned (the write guard cannot check it)" : "")
                    + ". Or, if everyone may read it, declare it in ScopeCatalogue with the reason.");
        }
        return problems;
    }

    private static IEnumerable<string> ThroughParentProblems(IEntityType entity, System.Linq.Expressions.LambdaExpression? filter, bool owned, string navigation)
    {
        var name = entity.DisplayName();
        if (filter is null) yield return $"{name} is declared scoped through {navigation} but has no '{ScopeRules.FilterName}' filter.";
        if (owned) yield return $"{name} implements IScopeOwned now: it is scoped the ordinary way, remove it from ScopeCatalogue.ThroughParent.";
        var foreignKey = entity.GetForeignKeys().FirstOrDefault(f => f.DependentToPrincipal?.Name == navigation);
        if (foreignKey is null)
        {
            yield return $"{name} has no navigation {navigation} to its parent.";
            yield break;
        }
        if (!foreignKey.IsRequired) yield return $"{name}.{navigation} is optional: a child scoped through its parent needs one.";
        if (foreignKey.DeleteBehavior != DeleteBehavior.Cascade) yield return $"{name}.{navigation} does not cascade: the child must go with its parent.";
        if (!ScopeModel.IsScoped(foreignKey.PrincipalEntityType))
            yield return $"{name} is scoped through {foreignKey.PrincipalEntityType.DisplayName()}, which is not itself scoped and IScopeOwned.";
        if (filter is not null && !ScopeModel.Navigates(filter, entity.ClrType, navigation))
            yield return $"{name}'s '{ScopeRules.FilterName}' filter does not go through {navigation}.";
    }
}
