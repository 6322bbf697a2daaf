using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Expressions;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Certificates;

/// <summary>
/// A certificate (chứng chỉ sơ cấp, chứng nhận) issued to a learner who completed a course. The
/// number is the institution's own, per year, without gaps or reuse; the verification code is
/// random and printed as a QR code that opens the public verification page. What is printed is
/// copied at issue, so a later change to the learner's record or the programme never alters a
/// certificate already handed out. Revoked, never deleted; one valid certificate per enrolment.
/// </summary>
public class Certificate : IScopeOwned
{
    public int Id { get; set; }
    public int EnrolmentId { get; set; }
    public Enrolment Enrolment { get; set; } = null!;
    public int InstitutionId { get; set; }
    public Organisation Institution { get; set; } = null!;
    public int ProvinceId { get; set; }

    public int Year { get; set; }
    public int Sequence { get; set; }

    /// <summary>As printed: "&lt;institution code&gt;/&lt;year&gt;/&lt;sequence&gt;", e.g. "CĐLC/2026/0042".</summary>
    public string Number { get; set; } = "";

    /// <summary>Random, unguessable, in the QR code's address: /xac-minh/&lt;code&gt;.</summary>
    public string VerificationCode { get; set; } = "";
    public DateOnly IssuedOn { get; set; }
    public string IssuedBy { get; set; } = "";

    public string HolderName { get; set; } = "";
    public DateOnly HolderBirthDate { get; set; }
    public string OccupationName { get; set; } = "";
    public TrainingLevel Level { get; set; }
    public string InstitutionName { get; set; } = "";
    public DateOnly CourseStart { get; set; }
    public DateOnly CourseEnd { get; set; }

    public DateOnly? RevokedOn { get; set; }
    public string? RevocationReason { get; set; }
    public string? RevokedBy { get; set; }
    public DateTime CreatedAt { get; set; }

    public ScopeOwner Owner => new(null, InstitutionId, ProvinceId);

    public bool IsRevoked => RevokedOn is not null;
}

/// <summary>
/// The last number an institution gave in a year. Issuing increments it in the same transaction
/// as the certificate's insert (one UPDATE … RETURNING, which locks the row), so concurrent
/// issuers wait for each other, a rolled-back issue gives its number back, and no number is used twice.
/// </summary>
public class CertificateCounter : INotAudited
{
    public int InstitutionId { get; set; }
    public int Year { get; set; }
    public int LastNumber { get; set; }
}

public class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> b)
    {
        b.Property(c => c.Number).HasMaxLength(60);
        b.Property(c => c.VerificationCode).HasMaxLength(20);
        b.Property(c => c.IssuedBy).HasMaxLength(256);
        b.Property(c => c.HolderName).HasMaxLength(100);
        b.Property(c => c.OccupationName).HasMaxLength(300);
        b.Property(c => c.InstitutionName).HasMaxLength(300);
        b.Property(c => c.RevocationReason).HasMaxLength(500);
        b.Property(c => c.RevokedBy).HasMaxLength(256);
        b.HasIndex(c => c.VerificationCode).IsUnique();
        b.HasIndex(c => new { c.InstitutionId, c.Year, c.Sequence }).IsUnique();
        b.HasIndex(c => c.EnrolmentId).IsUnique().HasFilter("revoked_on IS NULL");
        b.HasIndex(c => new { c.ProvinceId, c.IssuedOn });
        b.HasOne(c => c.Enrolment).WithMany().HasForeignKey(c => c.EnrolmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Institution).WithMany().HasForeignKey(c => c.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class CertificateCounterConfiguration : IEntityTypeConfiguration<CertificateCounter>
{
    public void Configure(EntityTypeBuilder<CertificateCounter> b)
    {
        b.HasKey(c => new { c.InstitutionId, c.Year });
        b.HasOne<Organisation>().WithMany().HasForeignKey(c => c.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A certificate is seen by whoever sees its enrolment; the public page reads past the filter and shows only what is printed.</summary>
public sealed class CertificateScopeRules : IScopeRules<AppDbContext>
{
    public void Apply(ModelBuilder model, AppDbContext db) =>
        model.Entity<Certificate>().HasQueryFilter(ScopeRules.FilterName,
            CourseScopeRules.EnrolmentVisible(db).Through((Certificate c) => c.Enrolment));
}
