using System.ComponentModel.DataAnnotations;
using System.Text;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Infrastructure.Exchange;

/// <summary>
/// Puts an entity in the change feed (<c>GET /api/v1/changes?type=…</c>) under the type name other
/// software uses. Every insert, update and delete of it is written to <see cref="ChangeLogEntry"/> by the
/// audit interceptor, in the same transaction as the change.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ChangeFeedAttribute(string type) : Attribute
{
    public string Type { get; } = type;
}

public enum ChangeOperation
{
    [Display(Name = "Thêm mới")] Created = 1,
    [Display(Name = "Sửa")] Updated = 2,
    [Display(Name = "Xóa")] Deleted = 3,
}

/// <summary>
/// One change of a fed record, with the record's owner (commune, organisation, province) at the time of
/// the change, so a deleted record is still shown only to those who could see it. <see cref="Sequence"/>
/// is given after commit by <see cref="ChangeSequencer"/>: ids are taken in insert order, but transactions
/// commit in another, and a reader that had passed id 10 would never see an id 9 committed after.
/// Each instance keeps its own feed (its sequence is its own), so the table is not replicated.
/// </summary>
[TableKind(TableKind.Instance)]
public class ChangeLogEntry : INotAudited
{
    public long Id { get; set; }
    public long? Sequence { get; set; }
    public string EntityType { get; set; } = "";
    [RangedKey] public int EntityId { get; set; }
    public ChangeOperation Operation { get; set; }
    public DateTime ChangedAt { get; set; }
    public int? CommuneId { get; set; }
    [RangedKey] public int? OrganisationId { get; set; }
    public int? ProvinceId { get; set; }
}

public class ChangeLogEntryConfiguration : IEntityTypeConfiguration<ChangeLogEntry>
{
    public void Configure(EntityTypeBuilder<ChangeLogEntry> b)
    {
        b.Property(c => c.EntityType).HasMaxLength(40);
        b.HasIndex(c => c.Sequence).IsUnique();
        b.HasIndex(c => new { c.EntityType, c.Sequence });
    }
}

/// <summary>
/// The feed's position: opaque to callers ("c1." and the sequence, base64url), so its form can change
/// without breaking them, and refused with a Vietnamese message naming <c>since</c> when it is not one of ours.
/// </summary>
public static class ChangeCursor
{
    private const string Version = "c1.";

    public static string Of(long sequence) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(Version + sequence)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static long Read(string? cursor, string field)
    {
        if (string.IsNullOrWhiteSpace(cursor)) return 0;
        try
        {
            var text = cursor.Trim().Replace('-', '+').Replace('_', '/');
            text = text.PadRight(text.Length + (4 - text.Length % 4) % 4, '=');
            var plain = Encoding.ASCII.GetString(Convert.FromBase64String(text));
            if (plain.StartsWith(Version, StringComparison.Ordinal) && long.TryParse(plain[Version.Length..], out var sequence) && sequence >= 0)
                return sequence;
        }
        catch (FormatException)
        {
        }
        throw new ValidationFailedException(field, "Vị trí đọc (since) không hợp lệ: dùng đúng giá trị cursor hoặc next mà lần đọc trước trả về, hoặc bỏ trống để đọc từ đầu.");
    }
}

/// <summary>
/// Numbers committed changes in commit order, once, under a lock: a change committed later always gets a
/// higher number than every change a reader has already been given, so following the feed misses nothing.
/// Run before each read of the feed (and cheap when nothing is waiting).
/// </summary>
public static class ChangeSequencer
{
    // The advisory lock's key is any constant the app uses for nothing else (PostgreSQL's are per database).
    private const string LockSql = "SELECT pg_advisory_xact_lock(75838889674823)";

    private const string NumberSql = """
        UPDATE change_log SET sequence = waiting.next
        FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id) + (SELECT COALESCE(MAX(sequence), 0) FROM change_log) AS next
              FROM change_log WHERE sequence IS NULL) AS waiting
        WHERE change_log.id = waiting.id
        """;

    public static async Task RunAsync(DbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync(LockSql, cancellationToken);
        // SQLite writes one transaction at a time, so the statement itself is the lock there.
        await db.Database.ExecuteSqlRawAsync(NumberSql, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>The change-log line of a tracked change, or none when the entity is not in the feed.</summary>
public static class ChangeRecorder
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, string?> Types = new();

    public static string? FeedTypeOf(Type entity) =>
        Types.GetOrAdd(entity, t => (t.GetCustomAttributes(typeof(ChangeFeedAttribute), false).FirstOrDefault() as ChangeFeedAttribute)?.Type);

    public static ChangeLogEntry? For(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry, ChangeOperation operation, DateTime now)
    {
        if (FeedTypeOf(entry.Metadata.ClrType) is not { } type) return null;
        var key = entry.Metadata.FindPrimaryKey()!.Properties.Single();
        var owner = (entry.Entity as Scoping.IScopeOwned)?.Owner;
        return new ChangeLogEntry
        {
            EntityType = type,
            EntityId = Convert.ToInt32(entry.Property(key.Name).CurrentValue),
            Operation = operation,
            ChangedAt = now,
            CommuneId = owner?.CommuneId,
            OrganisationId = owner?.OrganisationId,
            ProvinceId = owner?.ProvinceId,
        };
    }
}
