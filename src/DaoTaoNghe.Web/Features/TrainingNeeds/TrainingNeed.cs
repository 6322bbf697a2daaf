using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.TrainingNeeds;

/// <summary>When in the year the person would like to study.</summary>
public enum PreferredTime
{
    [Display(Name = "Quý I")] Quarter1 = 1,
    [Display(Name = "Quý II")] Quarter2 = 2,
    [Display(Name = "Quý III")] Quarter3 = 3,
    [Display(Name = "Quý IV")] Quarter4 = 4,
    [Display(Name = "Lúc nông nhàn")] OffSeason = 5,
    [Display(Name = "Bất kỳ lúc nào")] Any = 9,
}

/// <summary>
/// A training need (nhu cầu học nghề) a commune collected for a year: one person's wish (a
/// registered learner, an occupation, when), or a count of people wanting an occupation when the
/// survey was kept as tallies. One count per commune, occupation and year; one wish per person,
/// occupation and year. The commune is the one valid on the survey date, so 2024 surveys stay on
/// the communes of the time and roll up to today's.
/// </summary>
public class TrainingNeed : IScopeOwned
{
    public int Id { get; set; }
    public int CommuneId { get; set; }
    public AdministrativeUnit Commune { get; set; } = null!;
    public int ProvinceId { get; set; }
    public int Year { get; set; }
    public int OccupationId { get; set; }
    public Occupation Occupation { get; set; } = null!;

    /// <summary>The person, for a per-person wish; null for a count.</summary>
    public int? LearnerId { get; set; }
    public Learner? Learner { get; set; }

    /// <summary>People wanting the occupation: 1 for a per-person wish.</summary>
    public int Count { get; set; }
    public PreferredTime? PreferredTime { get; set; }
    public DateOnly SurveyedOn { get; set; }
    public string? Notes { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    public ScopeOwner Owner => new(CommuneId, null, ProvinceId);

    public bool IsPerPerson => LearnerId is not null;
}

public class TrainingNeedConfiguration : IEntityTypeConfiguration<TrainingNeed>
{
    public void Configure(EntityTypeBuilder<TrainingNeed> b)
    {
        b.Property(n => n.Notes).HasMaxLength(1000);
        b.Property(n => n.RecordedBy).HasMaxLength(256);
        b.HasIndex(n => new { n.LearnerId, n.OccupationId, n.Year }).IsUnique().HasFilter("learner_id IS NOT NULL");
        b.HasIndex(n => new { n.CommuneId, n.OccupationId, n.Year }).IsUnique().HasFilter("learner_id IS NULL");
        b.HasIndex(n => new { n.ProvinceId, n.Year });
        b.HasOne(n => n.Commune).WithMany().HasForeignKey(n => n.CommuneId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(n => n.Occupation).WithMany().HasForeignKey(n => n.OccupationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(n => n.Learner).WithMany().HasForeignKey(n => n.LearnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Needs belong to their commune: its officers and the province-wide roles see them.</summary>
public sealed class TrainingNeedScopeRules : IScopeRules<AppDbContext>
{
    public void Apply(ModelBuilder model, AppDbContext db) =>
        model.Entity<TrainingNeed>().HasQueryFilter(ScopeRules.FilterName, ScopeFilter.Commune<TrainingNeed>(db, n => n.Commune));
}
