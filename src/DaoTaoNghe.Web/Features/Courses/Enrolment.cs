using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Support;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Exchange;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Courses;

[AreaContract]
public enum EnrolmentStatus
{
    [Display(Name = "Đang học")] Enrolled = 1,
    [Display(Name = "Bỏ học")] DroppedOut = 2,
    [Display(Name = "Hoàn thành")] Completed = 3,
    [Display(Name = "Không đạt")] Failed = 4,
}

/// <summary>
/// A learner in a course (ghi danh): status, days studied, result, dropout, and the support money
/// owed. The support is a copy of what the calculator gave from the rule set in force on the
/// course's start date (rule set, group, amounts, derivation), so later rule sets never change
/// it; a manual override keeps the computed amounts beside it with a reason and who set it.
/// <see cref="SupportTotal"/> is the amount owed either way, kept for sums.
/// </summary>
[AreaContract]
[ChangeFeed("enrolments")]
public class Enrolment : IScopeOwned
{
    public int Id { get; set; }
    public int CourseId { get; set; }
    public Course Course { get; set; } = null!;
    public int LearnerId { get; set; }
    public Learner Learner { get; set; } = null!;

    /// <summary>The course's institution and province, copied for scoping without a join.</summary>
    [RangedKey] public int InstitutionId { get; set; }
    public int ProvinceId { get; set; }

    /// <summary>
    /// Where the learner lived when enrolled: the commune whose officers follow them, and which
    /// indicators by residence count the training toward even if the person moves later.
    /// </summary>
    public int ResidenceCommuneId { get; set; }
    public AdministrativeUnit ResidenceCommune { get; set; } = null!;

    public DateOnly EnrolledOn { get; set; }
    public EnrolmentStatus Status { get; set; }

    /// <summary>Distance from home to the venue and the public-transport fare for the course: travel support.</summary>
    public double? DistanceKm { get; set; }
    public long? TravelFare { get; set; }

    /// <summary>Another state policy already paid this person's training: no support under this one.</summary>
    public bool OtherPolicyPaid { get; set; }

    /// <summary>Days actually studied: counted from the daily register, or entered as a summary.</summary>
    public int DaysAttended { get; set; }

    /// <summary>Completed or failed: the assessment's date and optional score (0–10).</summary>
    public DateOnly? ResultOn { get; set; }
    public double? Score { get; set; }

    /// <summary>Why the learner was passed while attending under the minimum share of the planned days (required then).</summary>
    public string? PassReason { get; set; }

    public DateOnly? DroppedOn { get; set; }
    public string? DropReason { get; set; }

    public int? SupportRuleSetId { get; set; }
    public SupportRuleSet? SupportRuleSet { get; set; }
    public string? SupportRuleSetCode { get; set; }
    public SupportGroup? SupportGroup { get; set; }
    public long SupportTuition { get; set; }
    public long SupportMeals { get; set; }
    public long SupportTravel { get; set; }

    /// <summary>The calculator's derivation, one Vietnamese line per step.</summary>
    public string SupportDerivation { get; set; } = "";

    /// <summary>
    /// The derivation's lines that the calculator marked as naming no group (<see cref="SupportLine.NamesNoGroup"/>):
    /// the reasoning shown to those who see the amounts but not the group.
    /// </summary>
    public string SupportDerivationWithoutGroup { get; set; } = "";
    public DateTime? SupportComputedAt { get; set; }

    public long? OverrideTuition { get; set; }
    public long? OverrideMeals { get; set; }
    public long? OverrideTravel { get; set; }
    public string? OverrideReason { get; set; }
    public string? OverrideBy { get; set; }
    public DateTime? OverrideAt { get; set; }

    /// <summary>Support owed: the override when there is one, else the computed amounts.</summary>
    public long SupportTotal { get; set; }

    /// <summary>
    /// When the support was paid out (quyết toán), how much, and the payment list it was on; null until
    /// paid. A settled enrolment keeps its amounts: a later rule set or recompute no longer changes it.
    /// "Support paid" counts it on this date.
    /// </summary>
    public DateOnly? SettledOn { get; set; }
    public long? SettledAmount { get; set; }
    public string? SettlementList { get; set; }

    public bool IsSettled => SettledOn is not null;

    public DateTime CreatedAt { get; set; }

    /// <summary>The institution keeps it; the residence commune is an owner too, so that merging two records of a person moves it.</summary>
    public ScopeOwner Owner => new(ResidenceCommuneId, InstitutionId, ProvinceId);

    public bool IsOverridden => OverrideReason is not null;
    public long Tuition => OverrideTuition ?? SupportTuition;
    public long Meals => OverrideMeals ?? SupportMeals;
    public long Travel => OverrideTravel ?? SupportTravel;

    /// <summary>Holds a seat and can still be taught, assessed or certified: everything but a dropout.</summary>
    public bool IsActive => Status != EnrolmentStatus.DroppedOut;

    public IReadOnlyList<string> DerivationLines => SupportDerivation.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public void SetSupport(SupportResult result, DateTime now)
    {
        SupportRuleSetId = result.RuleSetId;
        SupportRuleSetCode = result.RuleSetCode;
        SupportGroup = result.Group;
        SupportTuition = result.Tuition;
        SupportMeals = result.Meals;
        SupportTravel = result.Travel;
        SupportDerivation = string.Join('\n', result.Lines);
        SupportDerivationWithoutGroup = string.Join('\n', result.LinesWithoutGroup);
        SupportComputedAt = now;
        SupportTotal = Tuition + Meals + Travel;
    }

    public void SetOverride(long tuition, long meals, long travel, string reason, string? by, DateTime now)
    {
        OverrideTuition = tuition;
        OverrideMeals = meals;
        OverrideTravel = travel;
        OverrideReason = reason;
        OverrideBy = by;
        OverrideAt = now;
        SupportTotal = Tuition + Meals + Travel;
    }

    public void ClearOverride()
    {
        OverrideTuition = OverrideMeals = OverrideTravel = null;
        OverrideReason = OverrideBy = null;
        OverrideAt = null;
        SupportTotal = Tuition + Meals + Travel;
    }
}

/// <summary>One learner on one study day of a daily register: present or absent. A day with no rows was not recorded.</summary>
public class AttendanceRecord : IScopeOwned
{
    public int EnrolmentId { get; set; }
    public Enrolment Enrolment { get; set; } = null!;
    public DateOnly Date { get; set; }
    public bool Present { get; set; }
    [RangedKey] public int CourseId { get; set; }
    [RangedKey] public int InstitutionId { get; set; }

    public ScopeOwner Owner => ScopeOwner.Organisation(InstitutionId);
}

public class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment> b)
    {
        b.Property(e => e.DropReason).HasMaxLength(500);
        b.Property(e => e.SupportRuleSetCode).HasMaxLength(100);
        b.Property(e => e.SupportDerivation).HasMaxLength(4000);
        // Added to rows already there, which SQLite does only with a default; the migration fills in their marked lines.
        b.Property(e => e.SupportDerivationWithoutGroup).HasMaxLength(4000).HasDefaultValue("");
        b.Property(e => e.OverrideReason).HasMaxLength(500);
        b.Property(e => e.PassReason).HasMaxLength(500);
        b.Property(e => e.OverrideBy).HasMaxLength(256);
        b.Property(e => e.SettlementList).HasMaxLength(100);
        b.HasIndex(e => new { e.ProvinceId, e.SettledOn });
        b.HasIndex(e => new { e.CourseId, e.LearnerId }).IsUnique();
        b.HasIndex(e => new { e.LearnerId, e.SupportRuleSetId });
        b.HasIndex(e => new { e.InstitutionId, e.Status });
        b.HasIndex(e => new { e.ProvinceId, e.Status });
        b.HasIndex(e => new { e.ResidenceCommuneId, e.Status });
        b.HasOne(e => e.Course).WithMany(c => c.Enrolments).HasForeignKey(e => e.CourseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Learner).WithMany().HasForeignKey(e => e.LearnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.ResidenceCommune).WithMany().HasForeignKey(e => e.ResidenceCommuneId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.SupportRuleSet).WithMany().HasForeignKey(e => e.SupportRuleSetId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class AttendanceRecordConfiguration : IEntityTypeConfiguration<AttendanceRecord>
{
    public void Configure(EntityTypeBuilder<AttendanceRecord> b)
    {
        b.HasKey(a => new { a.EnrolmentId, a.Date });
        b.HasIndex(a => new { a.CourseId, a.Date });
        b.HasOne(a => a.Enrolment).WithMany().HasForeignKey(a => a.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
