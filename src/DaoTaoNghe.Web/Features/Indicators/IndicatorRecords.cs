using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>Which side of the target counts as success.</summary>
public enum TargetDirection
{
    [Display(Name = "Tối thiểu (≥)")] AtLeast = 1,
    [Display(Name = "Tối đa (≤)")] AtMost = 2,
    [Display(Name = "Khoảng (±10%)")] About = 3,
}

/// <summary>
/// A target (chỉ tiêu) for one indicator, one unit (the province or one of today's communes) and one
/// year, set by the province admin from the province's plans. A target for a later year (100% by
/// 2030) also stands for the years before it that have none.
/// </summary>
public class IndicatorTarget : IScopeOwned
{
    public int Id { get; set; }
    public string IndicatorCode { get; set; } = "";
    public int UnitId { get; set; }
    public AdministrativeUnit Unit { get; set; } = null!;
    public int ProvinceId { get; set; }
    public int Year { get; set; }

    /// <summary>In the indicator's own unit: persons, đồng, or percent (80 for 80%).</summary>
    public double Value { get; set; }
    public TargetDirection Direction { get; set; }

    /// <summary>Where the number comes from (căn cứ): the plan or decision that set it.</summary>
    public string? Basis { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }

    /// <summary>Targets are the province's to assign: only its admin writes them.</summary>
    public ScopeOwner Owner => new(null, null, ProvinceId);
}

/// <summary>
/// One aggregate value (số liệu tổng hợp): a data element's number for a unit and a year, with who
/// entered it and when (each change is also in the audit log). Values of pre-2025 communes count
/// toward their successors like any record.
/// </summary>
public class AggregateValue : IScopeOwned
{
    public int Id { get; set; }
    public string ElementCode { get; set; } = "";
    public int UnitId { get; set; }
    public AdministrativeUnit Unit { get; set; } = null!;
    public int ProvinceId { get; set; }
    public int Year { get; set; }

    /// <summary>Scaled by the element's decimals (see <see cref="DataElement.Scale"/>).</summary>
    public long Value { get; set; }
    public string? Note { get; set; }
    public string EnteredBy { get; set; } = "";
    public DateTime EnteredAt { get; set; }

    /// <summary>A commune's officers write their commune's values; the province's own values only its admin.</summary>
    public ScopeOwner Owner => new(UnitId == ProvinceId ? null : UnitId, null, ProvinceId);
}

public class IndicatorTargetConfiguration : IEntityTypeConfiguration<IndicatorTarget>
{
    public void Configure(EntityTypeBuilder<IndicatorTarget> b)
    {
        b.Property(t => t.IndicatorCode).HasMaxLength(100);
        b.Property(t => t.Basis).HasMaxLength(300);
        b.Property(t => t.UpdatedBy).HasMaxLength(256);
        b.HasIndex(t => new { t.UnitId, t.Year, t.IndicatorCode }).IsUnique();
        b.HasIndex(t => new { t.ProvinceId, t.Year });
        b.HasOne(t => t.Unit).WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class AggregateValueConfiguration : IEntityTypeConfiguration<AggregateValue>
{
    public void Configure(EntityTypeBuilder<AggregateValue> b)
    {
        b.Property(v => v.ElementCode).HasMaxLength(100);
        b.Property(v => v.Note).HasMaxLength(500);
        b.Property(v => v.EnteredBy).HasMaxLength(256);
        b.HasIndex(v => new { v.UnitId, v.Year, v.ElementCode }).IsUnique();
        b.HasIndex(v => new { v.ProvinceId, v.Year, v.ElementCode });
        b.HasOne(v => v.Unit).WithMany().HasForeignKey(v => v.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// Targets and aggregate values are read by the province-wide roles of their province and by the
/// officers of the commune they are about (with its pre-2025 communes); nobody else reads them.
/// </summary>
public sealed class IndicatorScopeRules : IScopeRules<AppDbContext>
{
    public void Apply(ModelBuilder model, AppDbContext db)
    {
        model.Entity<IndicatorTarget>().HasQueryFilter(ScopeRules.FilterName, t => db.Scope.SeesEverything
            || (db.Scope.SeesWholeProvince && t.ProvinceId == db.Scope.ProvinceId)
            || (db.Scope.Level == ScopeLevel.Commune && (t.UnitId == db.Scope.CommuneId || t.Unit.RollUpUnitId == db.Scope.CommuneId)));
        model.Entity<AggregateValue>().HasQueryFilter(ScopeRules.FilterName, v => db.Scope.SeesEverything
            || (db.Scope.SeesWholeProvince && v.ProvinceId == db.Scope.ProvinceId)
            || (db.Scope.Level == ScopeLevel.Commune && (v.UnitId == db.Scope.CommuneId || v.Unit.RollUpUnitId == db.Scope.CommuneId)));
    }
}
