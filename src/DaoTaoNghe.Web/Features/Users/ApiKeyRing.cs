using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Users;

/// <summary>
/// The signed-in user's own API keys: list, create (the secret is shown once) and revoke. A key lasts
/// until the end of the day it expires (at most two years); an inspector, who never writes, holds read-only keys.
/// </summary>
[AreaContract]
public sealed class ApiKeyRing(AppDbContext db, TimeProvider clock) : IHandler
{
    public const int MaxYears = 2;

    public sealed record Row(int Id, string Name, string KeyStart, ApiKeyScope Scope, DateTime CreatedAt, DateTime? ExpiresAt,
        DateTime? FirstUsedAt, string? FirstUsedFrom, DateTime? LastUsedAt, string? LastUsedFrom, DateTime? RevokedAt);

    public Task<List<Row>> ListAsync(CancellationToken cancellationToken = default) =>
        db.ApiKeys.AsNoTracking().Where(k => k.UserId == db.Scope.UserId)
            .OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt)
            .Select(k => new Row(k.Id, k.Name, k.KeyStart, k.Scope, k.CreatedAt, k.ExpiresAt, k.FirstUsedAt, k.FirstUsedFrom, k.LastUsedAt,
                k.LastUsedFrom, k.RevokedAt))
            .ToListAsync(cancellationToken);

    /// <summary>Creates a key and returns its secret, which is never shown again.</summary>
    public async Task<string> CreateAsync(string? name, ApiKeyScope scope, DateOnly? expiresOn, CancellationToken cancellationToken = default)
    {
        var today = VietnamTime.Today(clock);
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
            errors.Add(new("Name", "Vui lòng đặt tên cho khóa (tối đa 100 ký tự), vd: \"Phần mềm quản lý đào tạo của trường\"."));
        if (scope == ApiKeyScope.ReadWrite && db.Scope.IsReadOnly)
            errors.Add(new("Scope", "Tài khoản của bạn chỉ được xem dữ liệu: chỉ tạo được khóa chỉ đọc."));
        if (expiresOn is null)
            errors.Add(new("ExpiresOn", "Vui lòng chọn ngày hết hạn của khóa."));
        else if (expiresOn < today || expiresOn > today.AddYears(MaxYears))
            errors.Add(new("ExpiresOn", $"Ngày hết hạn phải từ hôm nay đến {Fmt.Date(today.AddYears(MaxYears))} (tối đa {MaxYears} năm)."));
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        var secret = ApiKey.NewSecret();
        db.ApiKeys.Add(new ApiKey
        {
            UserId = db.Scope.UserId,
            Name = name!.Trim(),
            KeyStart = secret[..10],
            KeyHash = ApiKey.Hash(secret),
            Scope = scope,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            ExpiresAt = VietnamTime.StartOfDayUtc(expiresOn!.Value.AddDays(1)),
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

    /// <summary>
    /// Revokes a user's keys when the account is disabled (re-enabling it does not bring them back), and
    /// its read-write keys when its new role is the inspector's, who never writes (<c>DataScope.IsReadOnly</c>).
    /// </summary>
    public static async Task RevokeForAsync(AppDbContext db, AppUser user, string role, DateTime now, CancellationToken cancellationToken)
    {
        var keys = await db.ApiKeys.Where(k => k.UserId == user.Id && k.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var key in keys)
            if (user.IsDisabled || key.Scope == ApiKeyScope.ReadWrite && role == Roles.Inspector)
                key.RevokedAt = now;
    }
}
