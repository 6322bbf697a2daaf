using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text.Json;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Infrastructure.Exchange;

/// <summary>
/// An organisation's own id for one of our records (its software's primary key), per record type. One
/// table for every type rather than a column per entity: a person is one learner record however many
/// organisations know them, each by its own id, and the areas' tables stay as the forms need them.
/// <see cref="PayloadHash"/> is the hash of the last payload applied, so a repeated upsert writes nothing.
/// What an organisation's software told this instance: not replicated.
/// </summary>
[TableKind(TableKind.Instance)]
public class ExternalKey : INotAudited
{
    public long Id { get; set; }
    [RangedKey] public int OrganisationId { get; set; }
    public string EntityType { get; set; } = "";
    public string Key { get; set; } = "";
    [RangedKey] public int EntityId { get; set; }
    public string PayloadHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public class ExternalKeyConfiguration : IEntityTypeConfiguration<ExternalKey>
{
    public void Configure(EntityTypeBuilder<ExternalKey> b)
    {
        b.Property(k => k.EntityType).HasMaxLength(40);
        b.Property(k => k.Key).HasMaxLength(ExternalKeys.MaxLength);
        b.Property(k => k.PayloadHash).HasMaxLength(64);
        b.HasIndex(k => new { k.OrganisationId, k.EntityType, k.Key }).IsUnique();
        b.HasIndex(k => new { k.EntityType, k.EntityId });
    }
}

public enum UpsertOutcome
{
    [Display(Name = "Đã thêm mới")] Created = 1,
    [Display(Name = "Đã cập nhật")] Updated = 2,
    [Display(Name = "Không thay đổi")] Unchanged = 3,
}

/// <summary>What an upsert did: our id of the record, the caller's key, and created, updated or unchanged.</summary>
public sealed record UpsertResult(int Id, string Key, UpsertOutcome Outcome);

/// <summary>Whether a record a key points at can still be written by the caller.</summary>
public enum RecordState
{
    /// <summary>Within the caller's scope.</summary>
    Visible,
    /// <summary>Exists, but the caller's scope no longer reaches it (moved, merged away): refused as not found.</summary>
    Hidden,
    /// <summary>Deleted: the key is free again, and the next upsert makes a new record.</summary>
    Gone,
}

/// <summary>
/// Upserts by the caller organisation's own keys. The area passes its forms' own handlers (create, update)
/// and a scoped lookup; this keeps the keys: the same payload again is unchanged without a write, a changed
/// one is one update, a new key one record with its key in one transaction. Keys live in the caller's
/// organisation only, so another organisation's key is simply unknown here.
/// </summary>
public sealed class ExternalKeys(DbContext db, DataScopeAccessor scope, TimeProvider clock) : Web.IHandler
{
    public const int MaxLength = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record Operations(
        Func<int, CancellationToken, Task<RecordState>> State,
        Func<CancellationToken, Task<int>> Create,
        Func<int, CancellationToken, Task> Update);

    public async Task<UpsertResult> UpsertAsync<TPayload>(string type, string key, TPayload payload, Operations operations, CancellationToken cancellationToken)
    {
        var organisation = OrganisationOf(key);
        var hash = Hash(payload);
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.Set<ExternalKey>().IgnoreQueryFilters()
            .SingleOrDefaultAsync(k => k.OrganisationId == organisation && k.EntityType == type && k.Key == key, cancellationToken);
        if (existing is not null)
        {
            switch (await operations.State(existing.EntityId, cancellationToken))
            {
                case RecordState.Hidden:
                    throw new NotFoundException($"Mã {key} trỏ tới một hồ sơ nay nằm ngoài phạm vi của bạn; không cập nhật được.");
                case RecordState.Gone:
                    db.Remove(existing);
                    await db.SaveChangesAsync(cancellationToken);
                    existing = null;
                    break;
                default:
                    if (existing.PayloadHash == hash) return new UpsertResult(existing.EntityId, key, UpsertOutcome.Unchanged);
                    await InTransactionAsync(async () =>
                    {
                        await operations.Update(existing.EntityId, cancellationToken);
                        existing.PayloadHash = hash;
                        existing.UpdatedAt = now;
                        await db.SaveChangesAsync(cancellationToken);
                    }, cancellationToken);
                    return new UpsertResult(existing.EntityId, key, UpsertOutcome.Updated);
            }
        }
        var id = 0;
        await InTransactionAsync(async () =>
        {
            id = await operations.Create(cancellationToken);
            db.Add(new ExternalKey
            {
                OrganisationId = organisation, EntityType = type, Key = key, EntityId = id, PayloadHash = hash, CreatedAt = now, UpdatedAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        return new UpsertResult(id, key, UpsertOutcome.Created);
    }

    /// <summary>Our id of the record the caller's organisation knows by <paramref name="key"/>, or a 404 naming <paramref name="field"/>.</summary>
    public async Task<int> FindAsync(string type, string key, string field, string what, CancellationToken cancellationToken)
    {
        var organisation = OrganisationOf(key, field);
        return await db.Set<ExternalKey>().IgnoreQueryFilters()
                   .Where(k => k.OrganisationId == organisation && k.EntityType == type && k.Key == key)
                   .Select(k => (int?)k.EntityId).SingleOrDefaultAsync(cancellationToken)
               ?? throw new NotFoundException($"{field}: đơn vị của bạn chưa gửi {what} nào có mã {key}.");
    }

    private int OrganisationOf(string key, string field = "key")
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > MaxLength || key.Any(char.IsControl) || key.Trim() != key)
            throw new ValidationFailedException(field, $"Mã của đơn vị ({field}) phải có từ 1 đến {MaxLength} ký tự, không có khoảng trắng ở đầu, cuối hay ký tự điều khiển.");
        var organisation = scope.Current.OrganisationId;
        return organisation != 0
            ? organisation
            : throw new ForbiddenException("Chỉ tài khoản thuộc một đơn vị mới gửi dữ liệu theo mã của đơn vị.");
    }

    /// <summary>A new key and its record commit together: a second request racing with the same new key fails on the unique index and is told to send again.</summary>
    private async Task InTransactionAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await work();
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.Entries.Any(e => e.Entity is ExternalKey))
        {
            throw new ConflictException("Một yêu cầu khác với cùng mã đang được ghi cùng lúc. Hãy gửi lại: lần gửi sau sẽ báo không thay đổi hoặc cập nhật.");
        }
    }

    private static string Hash<TPayload>(TPayload payload) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(payload, Json)));
}

public static class ExchangeResults
{
    /// <summary>201 with the record's address when the upsert created it, 200 otherwise; the body says which.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.Results<Microsoft.AspNetCore.Http.HttpResults.Created<UpsertResult>, Microsoft.AspNetCore.Http.HttpResults.Ok<UpsertResult>> Of(
        UpsertResult result, string recordPath) =>
        result.Outcome == UpsertOutcome.Created
            ? TypedResults.Created(recordPath + result.Id, result)
            : TypedResults.Ok(result);
}
