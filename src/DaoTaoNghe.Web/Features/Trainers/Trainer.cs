using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Trainers;

[AreaContract]
public enum TrainerKind
{
    [Display(Name = "Nhà giáo")] Teacher = 1,
    [Display(Name = "Nghệ nhân")] Artisan = 2,
    [Display(Name = "Người lao động có tay nghề cao")] SkilledWorker = 3,
    [Display(Name = "Kỹ sư, cán bộ kỹ thuật")] Engineer = 4,
    [Display(Name = "Người sản xuất giỏi")] ExpertFarmer = 5,
    [Display(Name = "Khác")] Other = 9,
}

/// <summary>
/// A person who teaches rural courses (nhà giáo, người dạy nghề): a teacher, an artisan, a skilled
/// worker. Kept by one institution; may also teach for others, which then see the record too.
/// Personal data: every view is audited.
/// </summary>
[AreaContract]
public class Trainer : IScopeOwned
{
    public int Id { get; set; }

    /// <summary>The institution that keeps the record.</summary>
    public int InstitutionId { get; set; }
    public Organisation Institution { get; set; } = null!;
    public string FullName { get; set; } = "";
    public int? BirthYear { get; set; }
    public TrainerKind Kind { get; set; }

    /// <summary>Trình độ chuyên môn, e.g. "Kỹ sư Nông học", "Nghệ nhân ưu tú".</summary>
    public string? Qualification { get; set; }

    /// <summary>Chứng chỉ nghiệp vụ sư phạm / kỹ năng dạy học.</summary>
    public string? TeachingCertificate { get; set; }
    public string? Phone { get; set; }
    public string? Notes { get; set; }
    public bool IsActive { get; set; } = true;
    public string SearchName { get; set; } = "";

    public List<TrainerOccupation> Occupations { get; set; } = [];
    public List<TrainerInstitution> OtherInstitutions { get; set; } = [];

    public ScopeOwner Owner => ScopeOwner.Organisation(InstitutionId);

    public void SetName(string fullName)
    {
        FullName = fullName.Trim();
        SearchName = TextSearch.Normalize(fullName);
    }
}

/// <summary>An occupation the trainer teaches.</summary>
public class TrainerOccupation : IScopeOwned
{
    public int TrainerId { get; set; }
    public Trainer Trainer { get; set; } = null!;
    public int OccupationId { get; set; }
    public Occupation Occupation { get; set; } = null!;

    /// <summary>The keeping institution, copied so the write guard knows the owner without loading the trainer.</summary>
    [RangedKey] public int OwnerInstitutionId { get; set; }

    public ScopeOwner Owner => ScopeOwner.Organisation(OwnerInstitutionId);
}

/// <summary>Another institution the trainer teaches for (besides the one keeping the record).</summary>
public class TrainerInstitution : IScopeOwned
{
    public int TrainerId { get; set; }
    public Trainer Trainer { get; set; } = null!;
    public int InstitutionId { get; set; }
    public Organisation Institution { get; set; } = null!;
    [RangedKey] public int OwnerInstitutionId { get; set; }

    public ScopeOwner Owner => ScopeOwner.Organisation(OwnerInstitutionId);
}

public class TrainerConfiguration : IEntityTypeConfiguration<Trainer>
{
    public void Configure(EntityTypeBuilder<Trainer> b)
    {
        b.Property(t => t.FullName).HasMaxLength(200);
        b.Property(t => t.SearchName).HasMaxLength(200);
        b.Property(t => t.Qualification).HasMaxLength(300);
        b.Property(t => t.TeachingCertificate).HasMaxLength(300);
        b.Property(t => t.Phone).HasMaxLength(30);
        b.Property(t => t.Notes).HasMaxLength(2000);
        b.HasIndex(t => new { t.InstitutionId, t.IsActive });
        b.HasOne(t => t.Institution).WithMany().HasForeignKey(t => t.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class TrainerOccupationConfiguration : IEntityTypeConfiguration<TrainerOccupation>
{
    public void Configure(EntityTypeBuilder<TrainerOccupation> b)
    {
        b.HasKey(t => new { t.TrainerId, t.OccupationId });
        b.HasIndex(t => t.OccupationId);
        b.HasOne(t => t.Trainer).WithMany(t => t.Occupations).HasForeignKey(t => t.TrainerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(t => t.Occupation).WithMany().HasForeignKey(t => t.OccupationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class TrainerInstitutionConfiguration : IEntityTypeConfiguration<TrainerInstitution>
{
    public void Configure(EntityTypeBuilder<TrainerInstitution> b)
    {
        b.HasKey(t => new { t.TrainerId, t.InstitutionId });
        b.HasIndex(t => t.InstitutionId);
        b.HasOne(t => t.Trainer).WithMany(t => t.OtherInstitutions).HasForeignKey(t => t.TrainerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(t => t.Institution).WithMany().HasForeignKey(t => t.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// Trainers are people: province-wide roles, the keeping institution and the institutions they
/// teach for read them; nobody else. The link rows alone say nothing about a person.
/// </summary>
public sealed class TrainerScopeRules : IScopeRules<AppDbContext>
{
    public void Apply(ModelBuilder model, AppDbContext db)
    {
        model.Entity<Trainer>().HasQueryFilter(ScopeRules.FilterName,
            t => db.Scope.SeesEverything
                 || (db.Scope.SeesWholeProvince && t.Institution.ProvinceId == db.Scope.ProvinceId)
                 || t.InstitutionId == db.Scope.OrganisationId
                 || t.OtherInstitutions.Any(i => i.InstitutionId == db.Scope.OrganisationId));
        model.Entity<TrainerOccupation>().HasQueryFilter(ScopeRules.FilterName,
            t => db.Scope.SeesEverything || t.Occupation.ProvinceId == db.Scope.ProvinceId);
        model.Entity<TrainerInstitution>().HasQueryFilter(ScopeRules.FilterName,
            t => db.Scope.SeesEverything || t.Institution.ProvinceId == db.Scope.ProvinceId);
    }
}
