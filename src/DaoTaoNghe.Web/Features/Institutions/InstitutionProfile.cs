using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Institutions;

[AreaContract]
public enum InstitutionType
{
    [Display(Name = "Trường cao đẳng")] College = 1,
    [Display(Name = "Trường trung cấp")] IntermediateSchool = 2,
    [Display(Name = "Trung tâm GDNN – GDTX")] VocationalContinuingCentre = 3,
    [Display(Name = "Cơ sở GDNN tư thục")] Private = 4,
    [Display(Name = "Doanh nghiệp có hoạt động GDNN")] EnterpriseBased = 5,
    [Display(Name = "Cơ sở khác (hợp tác xã, hội, đoàn thể)")] Other = 9,
}

/// <summary>
/// The registry details of a training institution (cơ sở GDNN). The institution itself is its
/// <see cref="Organisation"/> (users belong to it, scoping uses its id); this row adds what the
/// province's licence says about it. An institution organisation may not have one yet.
/// </summary>
[AreaContract]
public class InstitutionProfile : IScopeOwned
{
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;

    /// <summary>The organisation's province, kept here so the write guard needs no lookup.</summary>
    public int ProvinceId { get; set; }

    public InstitutionType Type { get; set; }

    /// <summary>Giấy chứng nhận đăng ký hoạt động giáo dục nghề nghiệp: number and date.</summary>
    public string? LicenceNumber { get; set; }
    public DateOnly? LicensedOn { get; set; }

    /// <summary>Learners a year it can take (quy mô đào tạo).</summary>
    public int? Capacity { get; set; }
    public string? Head { get; set; }
    public string? Facilities { get; set; }

    /// <summary>
    /// The share of a course's planned days below which this institution's "Đạt" needs a recorded
    /// reason; empty means <see cref="InstitutionAttendance.DefaultMinimumPercent"/>.
    /// </summary>
    public int? MinimumAttendancePercent { get; set; }

    /// <summary>The licence is the province's to keep: only its admin writes it.</summary>
    public ScopeOwner Owner => new(null, null, ProvinceId);
}

/// <summary>An occupation and level the institution's licence allows it to teach, with the yearly quota.</summary>
[AreaContract]
public class LicensedOccupation : IScopeOwned
{
    public int Id { get; set; }
    public int InstitutionId { get; set; }
    public Organisation Institution { get; set; } = null!;
    public int ProvinceId { get; set; }
    public int OccupationId { get; set; }
    public Occupation Occupation { get; set; } = null!;
    public TrainingLevel Level { get; set; }
    public int? AnnualQuota { get; set; }

    public ScopeOwner Owner => new(null, null, ProvinceId);
}

public class InstitutionProfileConfiguration : IEntityTypeConfiguration<InstitutionProfile>
{
    public void Configure(EntityTypeBuilder<InstitutionProfile> b)
    {
        b.HasKey(p => p.OrganisationId);
        b.Property(p => p.OrganisationId).ValueGeneratedNever();
        b.Property(p => p.LicenceNumber).HasMaxLength(100);
        b.Property(p => p.Head).HasMaxLength(200);
        b.Property(p => p.Facilities).HasMaxLength(2000);
        b.HasIndex(p => new { p.ProvinceId, p.Type });
        b.HasOne(p => p.Organisation).WithOne().HasForeignKey<InstitutionProfile>(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class LicensedOccupationConfiguration : IEntityTypeConfiguration<LicensedOccupation>
{
    public void Configure(EntityTypeBuilder<LicensedOccupation> b)
    {
        b.HasIndex(l => new { l.InstitutionId, l.OccupationId, l.Level }).IsUnique();
        b.HasIndex(l => l.OccupationId);
        b.HasOne(l => l.Institution).WithMany().HasForeignKey(l => l.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(l => l.Occupation).WithMany().HasForeignKey(l => l.OccupationId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Institutions are a catalogue: everyone signed in to the province reads them.</summary>
public sealed class InstitutionScopeRules : IScopeRules<AppDbContext>
{
    public void Apply(ModelBuilder model, AppDbContext db)
    {
        model.Entity<InstitutionProfile>().HasQueryFilter(ScopeRules.FilterName,
            p => db.Scope.SeesEverything || p.ProvinceId == db.Scope.ProvinceId);
        model.Entity<LicensedOccupation>().HasQueryFilter(ScopeRules.FilterName,
            l => db.Scope.SeesEverything || l.ProvinceId == db.Scope.ProvinceId);
    }
}
