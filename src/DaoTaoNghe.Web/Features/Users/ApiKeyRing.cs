using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Users;

/// <summary>The signed-in user's own API keys: list, create (the secret is shown once) and revoke.</summary>
[AreaContract]
public sealed class ApiKeyRing(AppDbContext db, TimeProvider clock) : IHandler
{
    public sealed record Row(int Id, string Name, string KeyStart, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

    public Task<List<Row>> ListAsync(CancellationToken cancellationToken = default) =>
        db.ApiKeys.AsNoTracking().Where(k => k.UserId == db.Scope.UserId)
            .OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt)
            .Select(k => new Row(k.Id, k.Name, k.KeyStart, k.CreatedAt, k.LastUsedAt, k.RevokedAt))
            .ToListAsync(cancellationToken);

    /// <summary>Creates a key and returns its secret, which is never shown again.</summary>
    public async Task<string> CreateAsync(string? name, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
            throw new ValidationFailedException("Name", "Vui lòng đặt tên cho khóa (tối đa 100 ký tự), vd: \"Phần mềm quản lý đào tạo của trường\".");
        var secret = ApiKey.NewSecret();
        db.ApiKeys.Add(new ApiKey
        {
            UserId = db.Scope.UserId,
            Name = name.Trim(),
            KeyStart = secret[..10],
            KeyHash = ApiKey.Hash(secret),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    public async Task RevokeAsync(int id, CancellationToken cancellationToken = default)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id && k.UserId == db.Scope.UserId, cancellationToken)
            ?? throw new NotFoundException("Không tìm thấy khóa API.");
        key.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }
}
