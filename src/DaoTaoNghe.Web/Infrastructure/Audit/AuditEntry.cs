using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Infrastructure.Audit;

public enum AuditAction
{
    [Display(Name = "Thêm mới")] Create = 1,
    [Display(Name = "Sửa")] Update = 2,
    [Display(Name = "Xóa")] Delete = 3,
    [Display(Name = "Xem hồ sơ")] View = 4,
    [Display(Name = "Xuất dữ liệu")] Export = 5,
    [Display(Name = "Đăng nhập")] SignIn = 6,
    [Display(Name = "Đăng nhập thất bại")] SignInFailed = 7,
    [Display(Name = "Đăng xuất")] SignOut = 8,
    [Display(Name = "Nhập dữ liệu từ tệp")] Import = 9,
    [Display(Name = "Tra cứu theo số định danh")] Lookup = 10,
}

/// <summary>One line of the audit trail: who did what to which record, when, with the values before and after.</summary>
/// <summary>
/// An entity holding a person's data (identity, contact, household, consent, priority group): its
/// change lines are marked as personal data, so the audit page and the law's registers can find them.
/// </summary>
public interface IPersonalData;

[TableKind(TableKind.Instance)]
public class AuditEntry : INotAudited
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    [RangedKey] public int? UserId { get; set; }
    public string? UserName { get; set; }
    [RangedKey] public int? OrganisationId { get; set; }

    /// <summary>The actor's province, so a province's auditors see their own trail only.</summary>
    public int? ProvinceId { get; set; }
    public AuditAction Action { get; set; }
    public string EntityType { get; set; } = "";
    public string? EntityId { get; set; }
    public string? Summary { get; set; }

    /// <summary>JSON of the changed properties before the change (updates, deletes).</summary>
    public string? Before { get; set; }

    /// <summary>JSON of the properties after the change (creates, updates).</summary>
    public string? After { get; set; }
    public string? IpAddress { get; set; }
    public bool ContainsPersonalData { get; set; }
}

public class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.UserName).HasMaxLength(256);
        b.Property(a => a.EntityType).HasMaxLength(100);
        b.Property(a => a.EntityId).HasMaxLength(100);
        b.Property(a => a.Summary).HasMaxLength(500);
        b.Property(a => a.IpAddress).HasMaxLength(64);
        b.HasIndex(a => a.At);
        b.HasIndex(a => new { a.EntityType, a.EntityId });
        b.HasIndex(a => new { a.UserId, a.At });
        b.HasIndex(a => new { a.ProvinceId, a.At });
    }
}

/// <summary>Entities whose changes are not worth an audit line (the trail itself, caches, counters).</summary>
public interface INotAudited;

/// <summary>Marks a property whose value never goes into the trail (secrets).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotAuditedAttribute : Attribute;
