using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Jobs;

public enum SessionKind
{
    [Display(Name = "Phiên giao dịch việc làm")] Session = 1,
    [Display(Name = "Ngày hội việc làm")] Fair = 2,
}

/// <summary>
/// A job-exchange session or fair (phiên giao dịch việc làm, ngày hội việc làm): when, where (a
/// commune, or online), who organised it. Kept by its organiser (the employment centre).
/// </summary>
public class JobSession : IScopeOwned
{
    public int Id { get; set; }
    public int ProvinceId { get; set; }
    public int OrganiserId { get; set; }
    public Organisation Organiser { get; set; } = null!;
    public SessionKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string SearchText { get; set; } = "";
    public DateOnly HeldOn { get; set; }

    /// <summary>Where it is held, or for an online session the commune it is run from: where it counts on the map.</summary>
    public int VenueCommuneId { get; set; }
    public AdministrativeUnit VenueCommune { get; set; } = null!;
    public bool IsOnline { get; set; }
    public string? Notes { get; set; }
    public DateTime CreatedAt { get; set; }

    public List<SessionEnterprise> Enterprises { get; set; } = [];
    public List<SessionSeeker> Seekers { get; set; } = [];

    public ScopeOwner Owner => new(null, OrganiserId, ProvinceId);

    public void SetTitle(string title)
    {
        Title = title.Trim();
        SearchText = TextSearch.Normalize(Title);
    }
}

/// <summary>An enterprise taking part in a session; kept by the session's organiser.</summary>
public class SessionEnterprise : IScopeOwned
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public JobSession Session { get; set; } = null!;
    public int EnterpriseId { get; set; }
    public Organisation Enterprise { get; set; } = null!;
    [RangedKey] public int OrganiserId { get; set; }
    public int ProvinceId { get; set; }

    public ScopeOwner Owner => new(null, OrganiserId, ProvinceId);
}

/// <summary>A job seeker who came to a session; kept by the session's organiser.</summary>
public class SessionSeeker : IScopeOwned
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public JobSession Session { get; set; } = null!;
    [PersonReference] public int LearnerId { get; set; }
    public Learner Learner { get; set; } = null!;
    [RangedKey] public int OrganiserId { get; set; }
    public int ProvinceId { get; set; }

    public ScopeOwner Owner => new(null, OrganiserId, ProvinceId);
}

/// <summary>An application moves proposed → interviewed → hired or rejected; hired and rejected are final.</summary>
public enum ApplicationStatus
{
    [Display(Name = "Đã giới thiệu")] Proposed = 1,
    [Display(Name = "Đã phỏng vấn")] Interviewed = 2,
    [Display(Name = "Đã tuyển")] Hired = 3,
    [Display(Name = "Không tuyển")] Rejected = 4,
}

/// <summary>
/// A person put forward for a vacancy (at a session or not) by the employment centre, which keeps
/// it; the vacancy's enterprise reads the applications to it. A hire becomes the person's
/// employment outcome through the follow-ups area, in the same save.
/// </summary>
public class JobApplication : IScopeOwned
{
    public int Id { get; set; }
    public int VacancyId { get; set; }
    public Vacancy Vacancy { get; set; } = null!;
    public int? SessionId { get; set; }
    public JobSession? Session { get; set; }
    [PersonReference] public int LearnerId { get; set; }
    public Learner Learner { get; set; } = null!;

    /// <summary>The applicant's name, copied: the enterprise reads who applied to it but not the learners' register.</summary>
    public string ApplicantName { get; set; } = "";

    /// <summary>The vacancy's enterprise, copied so the application's scope needs no join.</summary>
    public int EnterpriseId { get; set; }
    public int RecordedByOrganisationId { get; set; }
    public int ProvinceId { get; set; }
    public ApplicationStatus Status { get; set; }
    public DateOnly ProposedOn { get; set; }
    public DateOnly? InterviewedOn { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public string? Notes { get; set; }

    public ScopeOwner Owner => new(null, RecordedByOrganisationId, ProvinceId);
}

public class JobSessionConfiguration : IEntityTypeConfiguration<JobSession>
{
    public void Configure(EntityTypeBuilder<JobSession> b)
    {
        b.Property(s => s.Title).HasMaxLength(200);
        b.Property(s => s.SearchText).HasMaxLength(200);
        b.Property(s => s.Notes).HasMaxLength(2000);
        b.HasIndex(s => new { s.ProvinceId, s.HeldOn });
        b.HasOne(s => s.Organiser).WithMany().HasForeignKey(s => s.OrganiserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.VenueCommune).WithMany().HasForeignKey(s => s.VenueCommuneId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class SessionEnterpriseConfiguration : IEntityTypeConfiguration<SessionEnterprise>
{
    public void Configure(EntityTypeBuilder<SessionEnterprise> b)
    {
        b.HasIndex(e => new { e.SessionId, e.EnterpriseId }).IsUnique();
        b.HasIndex(e => e.EnterpriseId);
        b.HasOne(e => e.Session).WithMany(s => s.Enterprises).HasForeignKey(e => e.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(e => e.Enterprise).WithMany().HasForeignKey(e => e.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class SessionSeekerConfiguration : IEntityTypeConfiguration<SessionSeeker>
{
    public void Configure(EntityTypeBuilder<SessionSeeker> b)
    {
        b.HasIndex(s => new { s.SessionId, s.LearnerId }).IsUnique();
        b.HasIndex(s => s.LearnerId);
        b.HasOne(s => s.Session).WithMany(s => s.Seekers).HasForeignKey(s => s.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(s => s.Learner).WithMany().HasForeignKey(s => s.LearnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class JobApplicationConfiguration : IEntityTypeConfiguration<JobApplication>
{
    public void Configure(EntityTypeBuilder<JobApplication> b)
    {
        b.Property(a => a.Notes).HasMaxLength(1000);
        b.Property(a => a.ApplicantName).HasMaxLength(100);
        b.HasIndex(a => new { a.VacancyId, a.LearnerId }).IsUnique();
        b.HasIndex(a => a.LearnerId);
        b.HasIndex(a => new { a.EnterpriseId, a.Status });
        b.HasIndex(a => a.SessionId);
        b.HasOne(a => a.Vacancy).WithMany().HasForeignKey(a => a.VacancyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Session).WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Learner).WithMany().HasForeignKey(a => a.LearnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(a => a.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(a => a.RecordedByOrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
