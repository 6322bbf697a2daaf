using System.Reflection;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DaoTaoNghe.Infrastructure.Scoping;

/// <summary>
/// The last line of defence for writes: refuses to save any <see cref="IScopeOwned"/> record the
/// caller's scope may not write, before and after the change (so a record cannot be moved out of,
/// or into, someone else's commune). Pages and endpoints check first and explain; this guarantees.
/// </summary>
public sealed class ScopeWriteGuard(DataScopeAccessor accessor) : SaveChangesInterceptor, Data.IWriteCheck
{
    private static readonly IScopeUnits Units = FeatureDiscovery.CreateAll<IScopeUnits>().Single();
    private static readonly IScopeOrganisations Organisations = FeatureDiscovery.CreateAll<IScopeOrganisations>().Single();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) await CheckAsync(context, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context) CheckAsync(context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public async Task CheckAsync(DbContext context, CancellationToken cancellationToken)
    {
        var scope = accessor.Current;
        if (scope.IsSystem) return;

        context.ChangeTracker.DetectChanges();
        var owners = new HashSet<ScopeOwner>();
        foreach (var entry in context.ChangeTracker.Entries<IScopeOwned>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    owners.Add(entry.Entity.Owner);
                    break;
                case EntityState.Modified when OnlyPersonReferencesChanged(entry):
                    break;
                case EntityState.Modified or EntityState.Deleted:
                    owners.Add(entry.Entity.Owner);
                    if (entry.OriginalValues.ToObject() is IScopeOwned original) owners.Add(original.Owner);
                    break;
            }
        }
        if (owners.Count == 0) return;
        if (scope.IsReadOnly) throw new ForbiddenException();

        var units = new UnitLookup(context);
        foreach (var owner in owners)
            if (!await MayWriteAsync(scope, owner, units, cancellationToken))
                throw new ForbiddenException();
    }

    private static bool OnlyPersonReferencesChanged(EntityEntry entry) =>
        entry.Properties.Where(p => p.IsModified)
            .All(p => p.Metadata.PropertyInfo?.GetCustomAttribute<PersonReferenceAttribute>() is not null);

    /// <summary>
    /// The guard's own rule for one owner, for callers that must refuse record by record before
    /// saving (an import rejects the row instead of failing the whole file).
    /// </summary>
    public static Task<bool> MayWriteAsync(DbContext context, DataScope scope, ScopeOwner owner, CancellationToken cancellationToken = default) =>
        scope.IsSystem ? Task.FromResult(true)
        : scope.IsReadOnly ? Task.FromResult(false)
        : MayWriteAsync(scope, owner, new UnitLookup(context), cancellationToken);

    private static async Task<bool> MayWriteAsync(DataScope scope, ScopeOwner owner, UnitLookup units, CancellationToken cancellationToken)
    {
        if (owner.CommuneId is { } commune && scope.Level == ScopeLevel.Commune
            && (commune == scope.CommuneId || await units.RollUpOfUnitAsync(commune, cancellationToken) == scope.CommuneId))
            return true;
        if (owner.OrganisationId is { } organisation && organisation == scope.OrganisationId) return true;
        if (!scope.IsProvinceAdmin) return false;

        if (owner.ProvinceId is { } province) return province == scope.ProvinceId;
        if (owner.CommuneId is { } c && await units.OfUnitAsync(c, cancellationToken) == scope.ProvinceId) return true;
        if (owner.OrganisationId is { } o && await units.OfOrganisationAsync(o, cancellationToken) == scope.ProvinceId) return true;
        return false;
    }

    private sealed class UnitLookup(DbContext context)
    {
        public Task<int?> OfUnitAsync(int unitId, CancellationToken cancellationToken) => Units.ProvinceOfUnitAsync(context, unitId, cancellationToken);

        public Task<int?> RollUpOfUnitAsync(int unitId, CancellationToken cancellationToken) => Units.RollUpOfUnitAsync(context, unitId, cancellationToken);

        public Task<int?> OfOrganisationAsync(int organisationId, CancellationToken cancellationToken) =>
            Organisations.ProvinceOfOrganisationAsync(context, organisationId, cancellationToken);
    }
}
