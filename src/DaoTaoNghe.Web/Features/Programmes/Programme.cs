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

namespace DaoTaoNghe.Features.Programmes;

/// <summary>
/// A training programme (chương trình đào tạo) an institution teaches: an occupation at a level,
/// its hours and modules, its accreditations, its economic-technical norms and its learning
/// materials. Kept by the institution; the province admin may keep it too.
/// </summary>
[AreaContract]
public class Programme : IScopeOwned
{
    public int Id { get; set; }
    public int InstitutionId { get; set; }
    public Organisation Institution { get; set; } = null!;
    public int OccupationId { get; set; }
    public Occupation Occupation { get; set; } = null!;
    public TrainingLevel Level { get; set; }
    public string Name { get; set; } = "";
    public string? Code { get; set; }
    public int DurationHours { get; set; }

    /// <summary>Chương trình ngành, nghề trọng điểm: counted by the "key programmes accredited" indicator.</summary>
    public bool IsKey { get; set; }
    public DateOnly? ApprovedOn { get; set; }
    public string? Description { get; set; }
    public bool IsActive { get; set; } = true;
    public string SearchText { get; set; } = "";

    public List<ProgrammeModule> Modules { get; set; } = [];
    public List<ProgrammeAccreditation> Accreditations { get; set; } = [];
    public List<ProgrammeNorm> Norms { get; set; } = [];
    public List<LearningMaterial> Materials { get; set; } = [];

    public ScopeOwner Owner => ScopeOwner.Organisation(InstitutionId);

    public void SetName(string name, string? code)
    {
        Name = name.Trim();
        Code = string.IsNullOrWhiteSpace(code) ? null : code.Trim();
        SearchText = TextSearch.Normalize(Name + " " + Code);
    }
}

/// <summary>A part of a programme (mô-đun, môn học) with its theory and practice hours.</summary>
public class ProgrammeModule : IScopeOwned
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public Programme Programme { get; set; } = null!;

    /// <summary>The programme's institution, copied so the write guard knows the owner without loading the programme.</summary>
    public int InstitutionId { get; set; }
    public Organisation Institution { get; set; } = null!;
    public int Position { get; set; }
    public string Name { get; set; } = "";
    public int TheoryHours { get; set; }
    public int PracticeHours { get; set; }

    public ScopeOwner Owner => ScopeOwner.Organisation(InstitutionId);
}

[AreaContract]
public enum AccreditationResult
{
    [Display(Name = "Đạt tiêu chuẩn kiểm định")] Passed = 1,
    [Display(Name = "Không đạt")] Failed = 2,
}

/// <summary>
/// One accreditation decision (kiểm định chất lượng chương trình): kept as a history so the
/// indicator can be drawn for any date, a renewed certificate never erasing the earlier one.
/// </summary>
[AreaContract]
public class ProgrammeAccreditation : IScopeOwned
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public Programme Programme { get; set; } = null!;
    public int InstitutionId { get; set; }
    public Organisation Institution { get; set; } = null!;
    public AccreditationResult Result { get; set; }
    public DateOnly DecidedOn { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public string Body { get; set; } = "";
    public string? CertificateNumber { get; set; }

    public ScopeOwner Owner => ScopeOwner.Organisation(InstitutionId);

    public bool IsValidOn(DateOnly date) => Result == AccreditationResult.Passed && DecidedOn <= date && (ExpiresOn is null || ExpiresOn >= date);
}

/// <summary>An economic-technical norm (định mức kinh tế – kỹ thuật): cost per learner from a date on, until the next one.</summary>
[AreaContract]
public class ProgrammeNorm : IScopeOwned
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public Programme Programme { get; set; } = null!;
    public int InstitutionId { get; set; }
    public Organisation Institution { get; set; } = null!;
    public DateOnly EffectiveFrom { get; set; }
    public long CostPerLearner { get; set; }
    public string? Basis { get; set; }

    public ScopeOwner Owner => ScopeOwner.Organisation(InstitutionId);
}

public enum MaterialKind
{
    [Display(Name = "Tệp tải lên")] File = 1,
    [Display(Name = "Liên kết")] Link = 2,
}

/// <summary>
/// A digitised learning material (học liệu số) of a programme: an uploaded file kept by the file
/// store, or a link. Public ones are listed for self-study without signing in.
/// </summary>
public class LearningMaterial : IScopeOwned
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public Programme Programme { get; set; } = null!;
    public int InstitutionId { get; set; }
    public Organisation Institution { get; set; } = null!;
    public string Title { get; set; } = "";
    public MaterialKind Kind { get; set; }
    public string? FileKey { get; set; }
    public string? FileName { get; set; }
    public string? ContentType { get; set; }
    public long? FileSize { get; set; }
    public string? Sha256 { get; set; }
    public string? Url { get; set; }
    public bool IsPublic { get; set; } = true;
    public bool IsActive { get; set; } = true;
    public DateTime AddedAt { get; set; }
    public string SearchText { get; set; } = "";

    public ScopeOwner Owner => ScopeOwner.Organisation(InstitutionId);

    public void SetTitle(string title)
    {
        Title = title.Trim();
        SearchText = TextSearch.Normalize(title);
    }
}

public class ProgrammeConfiguration : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> b)
    {
        b.Property(p => p.Name).HasMaxLength(300);
        b.Property(p => p.Code).HasMaxLength(50);
        b.Property(p => p.SearchText).HasMaxLength(360);
        b.Property(p => p.Description).HasMaxLength(2000);
        b.HasIndex(p => new { p.InstitutionId, p.IsActive });
        b.HasIndex(p => new { p.OccupationId, p.Level });
        b.HasOne(p => p.Institution).WithMany().HasForeignKey(p => p.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Occupation).WithMany().HasForeignKey(p => p.OccupationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class ProgrammeModuleConfiguration : IEntityTypeConfiguration<ProgrammeModule>
{
    public void Configure(EntityTypeBuilder<ProgrammeModule> b)
    {
        b.Property(m => m.Name).HasMaxLength(300);
        b.HasIndex(m => new { m.ProgrammeId, m.Position });
        b.HasOne(m => m.Programme).WithMany(p => p.Modules).HasForeignKey(m => m.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Institution).WithMany().HasForeignKey(m => m.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class ProgrammeAccreditationConfiguration : IEntityTypeConfiguration<ProgrammeAccreditation>
{
    public void Configure(EntityTypeBuilder<ProgrammeAccreditation> b)
    {
        b.Property(a => a.Body).HasMaxLength(300);
        b.Property(a => a.CertificateNumber).HasMaxLength(100);
        b.HasIndex(a => new { a.ProgrammeId, a.DecidedOn });
        b.HasOne(a => a.Programme).WithMany(p => p.Accreditations).HasForeignKey(a => a.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(a => a.Institution).WithMany().HasForeignKey(a => a.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class ProgrammeNormConfiguration : IEntityTypeConfiguration<ProgrammeNorm>
{
    public void Configure(EntityTypeBuilder<ProgrammeNorm> b)
    {
        b.Property(n => n.Basis).HasMaxLength(300);
        b.HasIndex(n => new { n.ProgrammeId, n.EffectiveFrom }).IsUnique();
        b.HasOne(n => n.Programme).WithMany(p => p.Norms).HasForeignKey(n => n.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(n => n.Institution).WithMany().HasForeignKey(n => n.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class LearningMaterialConfiguration : IEntityTypeConfiguration<LearningMaterial>
{
    public void Configure(EntityTypeBuilder<LearningMaterial> b)
    {
        b.Property(m => m.Title).HasMaxLength(300);
        b.Property(m => m.SearchText).HasMaxLength(300);
        b.Property(m => m.FileKey).HasMaxLength(100);
        b.Property(m => m.FileName).HasMaxLength(200);
        b.Property(m => m.ContentType).HasMaxLength(120);
        b.Property(m => m.Sha256).HasMaxLength(64);
        b.Property(m => m.Url).HasMaxLength(1000);
        b.HasIndex(m => new { m.ProgrammeId, m.IsActive });
        b.HasOne(m => m.Programme).WithMany(p => p.Materials).HasForeignKey(m => m.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Institution).WithMany().HasForeignKey(m => m.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Programmes and their parts are a catalogue: everyone signed in to the institution's province reads them.</summary>
public sealed class ProgrammeScopeRules : IScopeRules<AppDbContext>
{
    public void Apply(ModelBuilder model, AppDbContext db)
    {
        model.Entity<Programme>().HasQueryFilter(ScopeRules.FilterName,
            p => db.Scope.SeesEverything || p.Institution.ProvinceId == db.Scope.ProvinceId);
        model.Entity<ProgrammeModule>().HasQueryFilter(ScopeRules.FilterName,
            m => db.Scope.SeesEverything || m.Institution.ProvinceId == db.Scope.ProvinceId);
        model.Entity<ProgrammeAccreditation>().HasQueryFilter(ScopeRules.FilterName,
            a => db.Scope.SeesEverything || a.Institution.ProvinceId == db.Scope.ProvinceId);
        model.Entity<ProgrammeNorm>().HasQueryFilter(ScopeRules.FilterName,
            n => db.Scope.SeesEverything || n.Institution.ProvinceId == db.Scope.ProvinceId);
        // Internal materials (an exam bank, say) stay with their institution and the province-wide roles.
        model.Entity<LearningMaterial>().HasQueryFilter(ScopeRules.FilterName,
            m => db.Scope.SeesEverything
                 || (m.Institution.ProvinceId == db.Scope.ProvinceId
                     && (m.IsPublic || db.Scope.SeesWholeProvince || m.InstitutionId == db.Scope.OrganisationId)));
    }
}
