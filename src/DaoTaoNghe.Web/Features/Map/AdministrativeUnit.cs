using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Map;

[AreaContract]
public enum UnitLevel
{
    [Display(Name = "Tỉnh, thành phố")] Province = 1,
    [Display(Name = "Huyện (trước 2025)")] District = 2,
    [Display(Name = "Xã, phường")] Commune = 3,
}

[AreaContract]
public enum UnitType
{
    [Display(Name = "Tỉnh")] Province,
    [Display(Name = "Thành phố trực thuộc trung ương")] Municipality,
    [Display(Name = "Huyện")] District,
    [Display(Name = "Quận")] UrbanDistrict,
    [Display(Name = "Thị xã")] Town,
    [Display(Name = "Thành phố thuộc tỉnh")] ProvincialCity,
    [Display(Name = "Xã")] Commune,
    [Display(Name = "Phường")] Ward,
    [Display(Name = "Thị trấn")] Township,
    [Display(Name = "Đặc khu")] SpecialZone,
}

/// <summary>
/// A province, a pre-2025 district or a commune/ward (đơn vị hành chính). Units are never deleted:
/// each has a validity period, and a unit that ceased on the 2025 merger links to its successor so
/// old records roll up to today's map while old reports can still be drawn on the old one.
/// </summary>
[TableKind(TableKind.Reference)]
[AreaContract]
public class AdministrativeUnit : IScopeUnit
{
    public int Id { get; set; }

    /// <summary>Statistics-office code: 2 digits for provinces, 3 for districts, 5 for communes.</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public UnitLevel Level { get; set; }
    public UnitType Type { get; set; }

    public int? ParentId { get; set; }
    public AdministrativeUnit? Parent { get; set; }

    /// <summary>The province a district or commune belongs to; null on provinces themselves.</summary>
    public int? ProvinceId { get; set; }
    public AdministrativeUnit? Province { get; set; }

    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }

    /// <summary>
    /// The unit valid today that this one's records count toward; null for units valid today.
    /// Derived from the successions when a mapping is imported, so reports join once instead of
    /// walking the chain.
    /// </summary>
    public int? RollUpUnitId { get; set; }
    public AdministrativeUnit? RollUpUnit { get; set; }

    public string SearchName { get; set; } = "";

    public bool IsValidOn(DateOnly date) =>
        (ValidFrom is null || ValidFrom <= date) && (ValidTo is null || ValidTo >= date);

    public void SetName(string name)
    {
        Name = name;
        SearchName = TextSearch.Normalize(name);
    }
}

/// <summary>Old unit → new unit on a date (a merger, a split or a rename).</summary>
[TableKind(TableKind.Reference)]
[AreaContract]
public class UnitSuccession
{
    public int Id { get; set; }
    public int PredecessorId { get; set; }
    public AdministrativeUnit Predecessor { get; set; } = null!;
    public int SuccessorId { get; set; }
    public AdministrativeUnit Successor { get; set; } = null!;
    public DateOnly EffectiveOn { get; set; }
    public string? LegalBasis { get; set; }
}

public class AdministrativeUnitConfiguration : IEntityTypeConfiguration<AdministrativeUnit>
{
    public void Configure(EntityTypeBuilder<AdministrativeUnit> b)
    {
        b.Property(u => u.Code).HasMaxLength(10);
        b.Property(u => u.Name).HasMaxLength(200);
        b.Property(u => u.SearchName).HasMaxLength(200);
        b.HasIndex(u => new { u.Level, u.Code });
        b.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(u => u.Province).WithMany().HasForeignKey(u => u.ProvinceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(u => u.RollUpUnit).WithMany().HasForeignKey(u => u.RollUpUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class UnitSuccessionConfiguration : IEntityTypeConfiguration<UnitSuccession>
{
    public void Configure(EntityTypeBuilder<UnitSuccession> b)
    {
        b.Property(s => s.LegalBasis).HasMaxLength(200);
        b.HasIndex(s => new { s.PredecessorId, s.SuccessorId }).IsUnique();
        b.HasIndex(s => s.SuccessorId);
        b.HasOne(s => s.Predecessor).WithMany().HasForeignKey(s => s.PredecessorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.Successor).WithMany().HasForeignKey(s => s.SuccessorId).OnDelete(DeleteBehavior.Restrict);
    }
}
