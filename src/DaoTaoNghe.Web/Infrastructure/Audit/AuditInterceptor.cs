using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using DaoTaoNghe.Infrastructure.Exchange;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace DaoTaoNghe.Infrastructure.Audit;

/// <summary>Switch for bulk work (demo seeding) that would otherwise flood the trail with one line per row.</summary>
public sealed class AuditSettings
{
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// Writes an audit line for every created, updated and deleted entity in the same transaction as
/// the change itself. Created rows get their line after the insert, when their generated key is
/// known; if no transaction is open the interceptor opens one so both commit or neither does.
/// </summary>
public sealed class AuditInterceptor(
    DataScopeAccessor scope,
    AuditSettings settings,
    IHttpContextAccessor http,
    TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly HashSet<string> SecretProperties = ["PasswordHash", "SecurityStamp", "ConcurrencyStamp"];
    // Vietnamese text stays readable in the trail instead of \u-escaped.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private List<EntityEntry> _added = [];
    private IDbContextTransaction? _ownTransaction;
    private bool _writingAddedEntries;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && !_writingAddedEntries && settings.Enabled)
        {
            var changed = CollectChanges(context);
            if (changed && context.Database.CurrentTransaction is null)
                _ownTransaction = await context.Database.BeginTransactionAsync(cancellationToken);
        }
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && !_writingAddedEntries && settings.Enabled)
        {
            var changed = CollectChanges(context);
            if (changed && context.Database.CurrentTransaction is null)
                _ownTransaction = context.Database.BeginTransaction();
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && !_writingAddedEntries)
        {
            if (AddCreatedEntries(context))
            {
                _writingAddedEntries = true;
                try { await context.SaveChangesAsync(cancellationToken); }
                finally { _writingAddedEntries = false; }
            }
            if (_ownTransaction is { } transaction)
            {
                _ownTransaction = null;
                await transaction.CommitAsync(cancellationToken);
                await transaction.DisposeAsync();
            }
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && !_writingAddedEntries)
        {
            if (AddCreatedEntries(context))
            {
                _writingAddedEntries = true;
                try { context.SaveChanges(); }
                finally { _writingAddedEntries = false; }
            }
            if (_ownTransaction is { } transaction)
            {
                _ownTransaction = null;
                transaction.Commit();
                transaction.Dispose();
            }
        }
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _added = [];
        if (_ownTransaction is { } transaction && !_writingAddedEntries)
        {
            _ownTransaction = null;
            await transaction.RollbackAsync(cancellationToken);
            await transaction.DisposeAsync();
        }
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        _added = [];
        if (_ownTransaction is { } transaction && !_writingAddedEntries)
        {
            _ownTransaction = null;
            transaction.Rollback();
            transaction.Dispose();
        }
    }

    /// <summary>Adds lines for updates and deletes now; remembers inserts. Returns whether anything audited changed.</summary>
    private bool CollectChanges(DbContext context)
    {
        context.ChangeTracker.DetectChanges();
        var any = false;
        _added = [];
        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            if (entry.Entity is INotAudited || entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            any = true;
            switch (entry.State)
            {
                case EntityState.Added:
                    _added.Add(entry);
                    break;
                case EntityState.Modified:
                    var modified = entry.Properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)).ToList();
                    if (modified.Count == 0) break;
                    context.Add(NewEntry(entry, AuditAction.Update,
                        before: Serialize(modified.Select(p => (p, p.OriginalValue))),
                        after: Serialize(modified.Select(p => (p, p.CurrentValue)))));
                    AddChange(context, entry, ChangeOperation.Updated);
                    break;
                case EntityState.Deleted:
                    context.Add(NewEntry(entry, AuditAction.Delete,
                        before: Serialize(entry.Properties.Select(p => (p, p.OriginalValue))),
                        after: null));
                    AddChange(context, entry, ChangeOperation.Deleted);
                    break;
            }
        }
        return any;
    }

    private bool AddCreatedEntries(DbContext context)
    {
        if (_added.Count == 0) return false;
        foreach (var line in CreatedLines(_added)) context.Add(line);
        _added = [];
        return true;
    }

    /// <summary>
    /// The audit and change-feed lines of new entities written outside <c>SaveChanges</c> (<see cref="Data.CopyInserts"/>),
    /// the very lines a save would have added for them; their keys must be set. None while auditing is switched off.
    /// </summary>
    public IReadOnlyList<object> LinesForCreated(IEnumerable<EntityEntry> created) =>
        settings.Enabled ? CreatedLines(created.Where(e => e.Entity is not INotAudited)) : [];

    private List<object> CreatedLines(IEnumerable<EntityEntry> created)
    {
        var lines = new List<object>();
        foreach (var entry in created)
        {
            lines.Add(NewEntry(entry, AuditAction.Create, before: null, after: Serialize(entry.Properties.Select(p => (p, p.CurrentValue)))));
            if (ChangeRecorder.For(entry, ChangeOperation.Created, clock.GetUtcNow().UtcDateTime) is { } change) lines.Add(change);
        }
        return lines;
    }

    /// <summary>The change feed's line, written with the audit line so both commit or neither does.</summary>
    private void AddChange(DbContext context, EntityEntry entry, ChangeOperation operation)
    {
        if (ChangeRecorder.For(entry, operation, clock.GetUtcNow().UtcDateTime) is { } change) context.Add(change);
    }

    private AuditEntry NewEntry(EntityEntry entry, AuditAction action, string? before, string? after)
    {
        var actor = scope.Current;
        var key = entry.Metadata.FindPrimaryKey();
        var id = key is null ? null : string.Join(",", key.Properties.Select(p => entry.Property(p.Name).CurrentValue));
        return new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserId = actor.UserId == 0 ? null : actor.UserId,
            UserName = actor.UserName,
            OrganisationId = actor.OrganisationId == 0 ? null : actor.OrganisationId,
            ProvinceId = actor.ProvinceId == 0 ? ProvinceOf(entry) : actor.ProvinceId,
            Action = action,
            EntityType = entry.Metadata.ClrType.Name,
            EntityId = id,
            Before = before,
            After = after,
            ContainsPersonalData = entry.Entity is IPersonalData,
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? scope.ClientAddress,
        };
    }

    /// <summary>
    /// The province of the record itself, for what the system writes on someone's behalf (a public
    /// form): its line belongs to that province's auditors, not to every province's (a line without
    /// a province is read by all of them).
    /// </summary>
    private static int? ProvinceOf(EntityEntry entry) =>
        entry.Metadata.FindProperty("ProvinceId") is { } property
        && (entry.State == EntityState.Deleted ? entry.OriginalValues[property] : entry.CurrentValues[property]) is int province and not 0
            ? province
            : null;

    private static string Serialize(IEnumerable<(PropertyEntry Property, object? Value)> values)
    {
        var dictionary = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (property, value) in values)
        {
            var name = property.Metadata.Name;
            if (SecretProperties.Contains(name)) continue;
            if (property.Metadata.PropertyInfo?.GetCustomAttribute<NotAuditedAttribute>() is not null) continue;
            dictionary[name] = value is Enum e ? e.ToString() : value;
        }
        return JsonSerializer.Serialize(dictionary, Json);
    }
}
