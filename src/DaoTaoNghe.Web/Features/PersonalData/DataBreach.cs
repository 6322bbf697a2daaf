using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.PersonalData;

public enum DataBreachStatus
{
    [Display(Name = "Đang xử lý")] Open = 1,
    [Display(Name = "Đã khắc phục xong")] Closed = 2,
}

/// <summary>
/// A personal-data breach the province's system suffered (Nghị định 13/2023/NĐ-CP, Điều 23; Luật
/// 91/2025/QH15): what happened, when it was discovered, which data and how many people, what was done,
/// and the notification to Bộ Công an (A05), due within 72 hours of discovery (<see cref="BreachClock"/>).
/// The province answers for the system, so the record belongs to the province: its admins keep it and
/// its inspectors read it. It holds counts and categories, never the people themselves.
/// </summary>
[TableKind(TableKind.Instance)]
public class DataBreach : IScopeOwned
{
    public int Id { get; set; }
    public int ProvinceId { get; set; }

    public string Description { get; set; } = "";
    public DateTime DiscoveredAt { get; set; }
    public string DataCategories { get; set; } = "";
    public int PeopleAffected { get; set; }
    public string? Measures { get; set; }

    public DateTime? NotifiedAt { get; set; }
    public string? NotificationContent { get; set; }
    /// <summary>Required when the notification was sent after the 72 hours: the decree asks for the reason.</summary>
    public string? LateReason { get; set; }

    public DataBreachStatus Status { get; set; } = DataBreachStatus.Open;
    public DateTime CreatedAt { get; set; }

    public ScopeOwner Owner => new(null, null, ProvinceId);
}

public class DataBreachConfiguration : IEntityTypeConfiguration<DataBreach>
{
    public void Configure(EntityTypeBuilder<DataBreach> b)
    {
        b.Property(r => r.Description).HasMaxLength(2000);
        b.Property(r => r.DataCategories).HasMaxLength(1000);
        b.Property(r => r.Measures).HasMaxLength(2000);
        b.Property(r => r.NotificationContent).HasMaxLength(4000);
        b.Property(r => r.LateReason).HasMaxLength(1000);
        b.HasIndex(r => new { r.ProvinceId, r.DiscoveredAt });
    }
}
