using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DaoTaoNghe.Infrastructure.Audit;

/// <summary>
/// The audit lines that are not data changes: reading a person's record, exporting a list,
/// signing in. Changes themselves are written by <see cref="AuditInterceptor"/>. A line is written
/// through a context of its own on the request's connection and transaction, so recording a view
/// never saves what the request's context happens to track, and an import's line still commits or
/// rolls back with the import.
/// </summary>
public sealed class AuditTrail(DbContext db, DataScopeAccessor scope, IHttpContextAccessor http, TimeProvider clock) : IHandler
{
    public Task RecordViewAsync(string entityType, object id, string? summary, CancellationToken cancellationToken = default) =>
        WriteAsync(AuditAction.View, entityType, id.ToString(), summary, containsPersonalData: true, cancellationToken: cancellationToken);

    /// <summary>One line for a list page (or API page) that showed people's records: which ids it showed.</summary>
    public Task RecordListAsync(string entityType, string what, IReadOnlyCollection<int> ids, CancellationToken cancellationToken = default) =>
        ids.Count == 0 ? Task.CompletedTask
            : WriteAsync(AuditAction.View, entityType, null, $"{what}: {ids.Count} dòng, mã {string.Join(", ", ids)}", containsPersonalData: true, cancellationToken: cancellationToken);

    /// <summary>
    /// A search by a whole identity number (a CCCD): the number, why, and which records it found (none
    /// is worth a line too, since a miss also tells the caller something). Written whatever the result.
    /// </summary>
    public Task RecordLookupAsync(string entityType, string number, string purpose, IReadOnlyCollection<int> found, CancellationToken cancellationToken = default) =>
        WriteAsync(AuditAction.Lookup, entityType, found.Count == 1 ? found.First().ToString() : null,
            $"{purpose}: số {number}, " + (found.Count == 0 ? "không tìm thấy" : $"tìm thấy mã {string.Join(", ", found)}"),
            containsPersonalData: true, cancellationToken: cancellationToken);

    /// <summary>Records a page of a list that shows people's records (<see cref="RecordListAsync"/>) and hands the page on.</summary>
    public async Task<PagedList<T>> ListedAsync<T>(PagedList<T> page, string entityType, string what, Func<T, int> id, CancellationToken cancellationToken = default)
    {
        await RecordListAsync(entityType, $"{what}, trang {page.PageNumber}", page.Items.Select(id).ToList(), cancellationToken);
        return page;
    }

    public Task RecordExportAsync(string what, int rows, bool containsPersonalData, CancellationToken cancellationToken = default) =>
        WriteAsync(AuditAction.Export, what, null, $"Xuất {rows} dòng", containsPersonalData, cancellationToken: cancellationToken);

    /// <summary>One line per committed import, beside the lines of the records it wrote, in the same transaction.</summary>
    public Task RecordImportAsync(int jobId, string summary, bool containsPersonalData, CancellationToken cancellationToken = default) =>
        WriteAsync(AuditAction.Import, "ImportJob", jobId.ToString(), summary, containsPersonalData, cancellationToken: cancellationToken);

    /// <summary>A request that changes no audited row itself (the work runs later, in the background): who asked for what.</summary>
    public Task RecordRequestAsync(string entityType, string? entityId, string summary, CancellationToken cancellationToken = default) =>
        WriteAsync(AuditAction.Update, entityType, entityId, summary, containsPersonalData: false, cancellationToken: cancellationToken);

    public Task RecordSignInAsync(int? userId, string userName, int? organisationId, int? provinceId, bool succeeded, string? reason, CancellationToken cancellationToken = default) =>
        WriteAsync(succeeded ? AuditAction.SignIn : AuditAction.SignInFailed, "AppUser", userId?.ToString(), reason, false,
            actor: (userId, userName, organisationId, provinceId), cancellationToken: cancellationToken);

    public Task RecordSignOutAsync(CancellationToken cancellationToken = default) =>
        WriteAsync(AuditAction.SignOut, "AppUser", scope.Current.UserId.ToString(), null, false, cancellationToken: cancellationToken);

    private async Task WriteAsync(AuditAction action, string entityType, string? entityId, string? summary, bool containsPersonalData,
        (int? UserId, string UserName, int? OrganisationId, int? ProvinceId)? actor = null, CancellationToken cancellationToken = default)
    {
        var current = scope.Current;
        var entry = new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserId = actor?.UserId ?? NullIfZero(current.UserId),
            UserName = actor?.UserName ?? current.UserName,
            OrganisationId = actor?.OrganisationId ?? NullIfZero(current.OrganisationId),
            ProvinceId = actor?.ProvinceId ?? NullIfZero(current.ProvinceId),
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Summary = summary is { Length: > 500 } ? summary[..500] : summary,
            ContainsPersonalData = containsPersonalData,
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? scope.ClientAddress,
        };
        await using var log = AuditLogContext.On(db);
        if (db.Database.CurrentTransaction is { } transaction)
            await log.Database.UseTransactionAsync(transaction.GetDbTransaction(), cancellationToken);
        log.AuditEntries.Add(entry);
        await log.SaveChangesAsync(cancellationToken);
    }

    private static int? NullIfZero(int value) => value == 0 ? null : value;
}

/// <summary>A context that knows only the audit table, sharing another context's connection.</summary>
internal sealed class AuditLogContext(DbContextOptions<AuditLogContext> options) : DbContext(options)
{
    /// <summary>Named as in the app's context, which gives the table its name.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public static AuditLogContext On(DbContext db)
    {
        var options = new DbContextOptionsBuilder<AuditLogContext>();
        var connection = db.Database.GetDbConnection();
        if (db.Database.IsNpgsql()) options.UseNpgsql(connection);
        else options.UseSqlite(connection);
        return new AuditLogContext(options.Options);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        new AuditEntryConfiguration().Configure(builder.Entity<AuditEntry>());
        SnakeCaseNames.Apply(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration) =>
        configuration.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
}
