using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Users;

/// <summary>
/// A key a machine client (an institution's own software) sends as "Authorization: Bearer …" or
/// "X-Api-Key". It acts as its user, with that user's role and scope, narrowed by its own scope
/// (read only, or read and write) and its expiry; it stops working while the user is locked out or
/// disabled, and disabling the user revokes it for good. Only a hash is stored.
/// </summary>
[TableKind(TableKind.Instance)]
[AreaContract]
public class ApiKey
{
    public const string Prefix = "dtn_";

    public int Id { get; set; }
    public int UserId { get; set; }
    public AppUser User { get; set; } = null!;
    public string Name { get; set; } = "";

    /// <summary>First characters of the key, shown in lists so a user can tell keys apart.</summary>
    public string KeyStart { get; set; } = "";
    [Infrastructure.Audit.NotAudited]
    public string KeyHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    /// <summary>Keys made before scopes existed could write; new keys say what they may do.</summary>
    public ApiKeyScope Scope { get; set; } = ApiKeyScope.ReadWrite;

    /// <summary>The instant the key stops working (UTC); keys made before expiries existed have none.</summary>
    public DateTime? ExpiresAt { get; set; }

    public DateTime? FirstUsedAt { get; set; }
    public string? FirstUsedFrom { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public string? LastUsedFrom { get; set; }
    public DateTime? RevokedAt { get; set; }

    public static string NewSecret() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

/// <summary>What a key may do: read (GET) only, or also write. ReadWrite is first: keys made before scopes existed keep writing.</summary>
[AreaContract]
public enum ApiKeyScope
{
    [Display(Name = "Đọc và ghi")] ReadWrite,
    [Display(Name = "Chỉ đọc")] ReadOnly,
}

public class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.Property(k => k.Name).HasMaxLength(100);
        b.Property(k => k.KeyStart).HasMaxLength(12);
        b.Property(k => k.KeyHash).HasMaxLength(64);
        b.Property(k => k.Scope).HasDefaultValue(ApiKeyScope.ReadWrite);
        b.Property(k => k.FirstUsedFrom).HasMaxLength(45);
        b.Property(k => k.LastUsedFrom).HasMaxLength(45);
        b.HasIndex(k => k.KeyHash).IsUnique();
        b.HasOne(k => k.User).WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
