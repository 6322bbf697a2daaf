using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Jobs;

/// <summary>
/// A job posting (tin tuyển dụng) of an enterprise: what, how many, for how much, where and until when.
/// Kept by the enterprise; the province admin may keep it too.
/// </summary>
public class Vacancy : IScopeOwned
{
    public int Id { get; set; }
    public int EnterpriseId { get; set; }
    public Organisation Enterprise { get; set; } = null!;
    public int ProvinceId { get; set; }
    public string Title { get; set; } = "";
    public string SearchText { get; set; } = "";
    public int OccupationId { get; set; }
    public Occupation Occupation { get; set; } = null!;
    public int Quantity { get; set; }

    /// <summary>Monthly wage range in whole đồng; either end may be open ("thỏa thuận").</summary>
    public long? WageFrom { get; set; }
    public long? WageTo { get; set; }

    /// <summary>Where the work is: a commune valid when posted.</summary>
    public int PlaceCommuneId { get; set; }
    public AdministrativeUnit PlaceCommune { get; set; } = null!;
    public string? Requirements { get; set; }
    public DateOnly PostedOn { get; set; }
    public DateOnly Deadline { get; set; }
    public DateTime CreatedAt { get; set; }

    public ScopeOwner Owner => new(null, EnterpriseId, ProvinceId);

    public void SetTitle(string title, string occupationName)
    {
        Title = title.Trim();
        SearchText = TextSearch.Normalize(Title + " " + occupationName);
    }
}

/// <summary>
/// An enterprise's labour-demand return (báo cáo nhu cầu tuyển dụng): how many workers of an
/// occupation and level it expects to need, where, from when. Feeds "demand vs plan".
/// </summary>
public class LabourDemand : IScopeOwned
{
    public int Id { get; set; }
    public int EnterpriseId { get; set; }
    public Organisation Enterprise { get; set; } = null!;
    public int ProvinceId { get; set; }
    public int OccupationId { get; set; }
    public Occupation Occupation { get; set; } = null!;
    public TrainingLevel Level { get; set; }
    public int Workers { get; set; }
    public int PlaceCommuneId { get; set; }
    public AdministrativeUnit PlaceCommune { get; set; } = null!;

    /// <summary>The first day of the month the workers are needed from.</summary>
    public DateOnly NeededFrom { get; set; }
    public string? Notes { get; set; }
    public DateTime CreatedAt { get; set; }

    public ScopeOwner Owner => new(null, EnterpriseId, ProvinceId);
}

public enum LeadKind
{
    [Display(Name = "Lớp học nghề")] Course = 1,
    [Display(Name = "Tin tuyển dụng")] Vacancy = 2,
}

/// <summary>
/// Interest someone registered on the public site, without signing in: a name, a phone number, the
/// commune they say they live in, and the consent text they agreed to, stored word for word. A
/// vacancy's lead reaches its enterprise; a course's lead reaches the person's commune.
/// </summary>
public class InterestLead : IScopeOwned, IPersonalData
{
    public int Id { get; set; }
    public LeadKind Kind { get; set; }
    public int? VacancyId { get; set; }
    public Vacancy? Vacancy { get; set; }
    public int? CourseId { get; set; }
    public Course? Course { get; set; }

    /// <summary>The vacancy's title or the course's name as the person saw it, so the lead reads alone (its reader may not see the course).</summary>
    public string Subject { get; set; } = "";

    /// <summary>The vacancy's enterprise, copied so the lead's scope needs no join.</summary>
    public int? EnterpriseId { get; set; }
    public int CommuneId { get; set; }
    public AdministrativeUnit Commune { get; set; } = null!;
    public int ProvinceId { get; set; }
    public string FullName { get; set; } = "";
    public string SearchName { get; set; } = "";
    public string Phone { get; set; } = "";
    public string ConsentText { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    public ScopeOwner Owner => new(Kind == LeadKind.Course ? CommuneId : null, EnterpriseId, ProvinceId);
}

public class VacancyConfiguration : IEntityTypeConfiguration<Vacancy>
{
    public void Configure(EntityTypeBuilder<Vacancy> b)
    {
        b.Property(v => v.Title).HasMaxLength(200);
        b.Property(v => v.SearchText).HasMaxLength(500);
        b.Property(v => v.Requirements).HasMaxLength(2000);
        b.HasIndex(v => new { v.ProvinceId, v.Deadline });
        b.HasIndex(v => v.EnterpriseId);
        b.HasOne(v => v.Enterprise).WithMany().HasForeignKey(v => v.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(v => v.Occupation).WithMany().HasForeignKey(v => v.OccupationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(v => v.PlaceCommune).WithMany().HasForeignKey(v => v.PlaceCommuneId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class LabourDemandConfiguration : IEntityTypeConfiguration<LabourDemand>
{
    public void Configure(EntityTypeBuilder<LabourDemand> b)
    {
        b.Property(d => d.Notes).HasMaxLength(1000);
        b.HasIndex(d => new { d.ProvinceId, d.NeededFrom });
        b.HasIndex(d => d.EnterpriseId);
        b.HasOne(d => d.Enterprise).WithMany().HasForeignKey(d => d.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(d => d.Occupation).WithMany().HasForeignKey(d => d.OccupationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(d => d.PlaceCommune).WithMany().HasForeignKey(d => d.PlaceCommuneId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class InterestLeadConfiguration : IEntityTypeConfiguration<InterestLead>
{
    public void Configure(EntityTypeBuilder<InterestLead> b)
    {
        b.Property(l => l.Subject).HasMaxLength(300);
        b.Property(l => l.FullName).HasMaxLength(100);
        b.Property(l => l.SearchName).HasMaxLength(100);
        b.Property(l => l.Phone).HasMaxLength(15);
        b.Property(l => l.ConsentText).HasMaxLength(1000);
        b.HasIndex(l => new { l.EnterpriseId, l.CreatedAt });
        b.HasIndex(l => new { l.CommuneId, l.CreatedAt });
        b.HasOne(l => l.Vacancy).WithMany().HasForeignKey(l => l.VacancyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(l => l.Course).WithMany().HasForeignKey(l => l.CourseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(l => l.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(l => l.Commune).WithMany().HasForeignKey(l => l.CommuneId).OnDelete(DeleteBehavior.Restrict);
    }
}
