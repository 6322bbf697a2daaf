using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Expressions;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Partnerships;

/// <summary>
/// A partnership agreement (thỏa thuận liên kết) between an enterprise and an institution for one
/// occupation: from when to when, and what the enterprise provides – practice places, trainers,
/// hiring of graduates. Kept by the enterprise (and the province admin); the institution reads it.
/// </summary>
[AreaContract]
public class Partnership : IScopeOwned
{
    public int Id { get; set; }
    public int EnterpriseId { get; set; }
    public Organisation Enterprise { get; set; } = null!;
    public int InstitutionId { get; set; }
    public Organisation Institution { get; set; } = null!;
    public int OccupationId { get; set; }
    public Occupation Occupation { get; set; } = null!;
    public string? AgreementNumber { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }

    /// <summary>Practice or internship places a year (chỗ thực hành, thực tập).</summary>
    public int? PracticePlaces { get; set; }
    public bool ProvidesTrainers { get; set; }

    /// <summary>Graduates the enterprise commits to hire (cam kết tuyển dụng).</summary>
    public int? HiringCommitment { get; set; }
    public string? OtherSupport { get; set; }
    public string? Notes { get; set; }
    public bool IsActive { get; set; } = true;

    public ScopeOwner Owner => ScopeOwner.Organisation(EnterpriseId);

    public bool IsInForceOn(DateOnly date) => IsActive && StartsOn <= date && (EndsOn is null || EndsOn >= date);
}

public class PartnershipConfiguration : IEntityTypeConfiguration<Partnership>
{
    public void Configure(EntityTypeBuilder<Partnership> b)
    {
        b.Property(p => p.AgreementNumber).HasMaxLength(100);
        b.Property(p => p.OtherSupport).HasMaxLength(500);
        b.Property(p => p.Notes).HasMaxLength(2000);
        b.HasIndex(p => p.EnterpriseId);
        b.HasIndex(p => new { p.InstitutionId, p.OccupationId });
        b.HasOne(p => p.Enterprise).WithMany().HasForeignKey(p => p.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Institution).WithMany().HasForeignKey(p => p.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Occupation).WithMany().HasForeignKey(p => p.OccupationId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Agreements are read by province-wide roles and by the two parties; nobody else.</summary>
public sealed class PartnershipScopeRules : IScopeRules<AppDbContext>
{
    public void Apply(ModelBuilder model, AppDbContext db) =>
        model.Entity<Partnership>().HasQueryFilter(ScopeRules.FilterName,
            ScopeFilter.Organisation<Partnership>(db, p => p.Enterprise)
                .Or(p => p.InstitutionId == db.Scope.OrganisationId));
}
