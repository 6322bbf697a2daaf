using System.Security.Cryptography;
using System.Text;
using DaoTaoNghe.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Users;

/// <summary>
/// A key a machine client (an institution's own software) sends as "Authorization: Bearer …" or
/// "X-Api-Key". It acts as its user, with that user's role and scope. Only a hash is stored.
/// </summary>
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
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    public static string NewSecret() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

public class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.Property(k => k.Name).HasMaxLength(100);
        b.Property(k => k.KeyStart).HasMaxLength(12);
        b.Property(k => k.KeyHash).HasMaxLength(64);
        b.HasIndex(k => k.KeyHash).IsUnique();
        b.HasOne(k => k.User).WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
