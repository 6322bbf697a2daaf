using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Orders;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Programmes;
using DaoTaoNghe.Features.Trainers;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Courses;

/// <summary>A course's life: planned → open (enrolling) → running → finished, or cancelled with a reason before it finishes.</summary>
[AreaContract]
public enum CourseState
{
    [Display(Name = "Dự kiến")] Planned = 1,
    [Display(Name = "Đang tuyển sinh")] Open = 2,
    [Display(Name = "Đang học")] Running = 3,
    [Display(Name = "Đã kết thúc")] Finished = 4,
    [Display(Name = "Đã hủy")] Cancelled = 5,
}

/// <summary>How the institution keeps attendance: a register per day, or the days each learner studied, entered once.</summary>
public enum AttendanceMode
{
    [Display(Name = "Điểm danh theo ngày")] Daily = 1,
    [Display(Name = "Tổng hợp số ngày học")] Summary = 2,
}

/// <summary>
/// A course (lớp) an institution runs: a programme of its own, taught at a venue commune between
/// two dates to at most <see cref="Capacity"/> learners, under a province order (whose unit cost
/// caps <see cref="ActualUnitCost"/>) or self-funded (no order, no support from the budget).
/// 2024 courses sit in the communes of the time; their numbers roll up to today's communes.
/// Kept by the institution; the province admin may keep it too.
/// </summary>
[AreaContract]
public class Course : IScopeOwned
{
    public int Id { get; set; }
    public int InstitutionId { get; set; }
    public Organisation Institution { get; set; } = null!;
    public int ProvinceId { get; set; }
    public int? OrderId { get; set; }
    public TrainingOrder? Order { get; set; }
    public int ProgrammeId { get; set; }
    public Programme Programme { get; set; } = null!;

    /// <summary>The programme's occupation and level, copied so lists, indicators and certificates need no join.</summary>
    public int OccupationId { get; set; }
    public Occupation Occupation { get; set; } = null!;
    public TrainingLevel Level { get; set; }

    public string Name { get; set; } = "";
    public string SearchText { get; set; } = "";

    /// <summary>Where it is taught: a commune valid on the start date (pre-2025 communes for earlier courses).</summary>
    public int VenueCommuneId { get; set; }
    public AdministrativeUnit VenueCommune { get; set; } = null!;

    /// <summary>Hamlet, cultural house or workshop (địa điểm cụ thể).</summary>
    public string? VenueAddress { get; set; }

    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }

    /// <summary>Study days in the plan: meals are estimated on them until the course finishes.</summary>
    public int PlannedDays { get; set; }
    public int Capacity { get; set; }

    /// <summary>What one learner's training actually costs (đồng/người); support for training never exceeds it.</summary>
    public long ActualUnitCost { get; set; }
    public AttendanceMode AttendanceMode { get; set; }
    public CourseState State { get; set; }
    public DateOnly? StartedOn { get; set; }
    public DateOnly? FinishedOn { get; set; }
    public DateOnly? CancelledOn { get; set; }
    public string? CancelReason { get; set; }
    public string? Notes { get; set; }
    public DateTime CreatedAt { get; set; }

    public List<CourseTrainer> Trainers { get; set; } = [];
    public List<Enrolment> Enrolments { get; set; } = [];

    public ScopeOwner Owner => new(null, InstitutionId, ProvinceId);

    public bool IsSelfFunded => OrderId is null;

    public void SetName(string name)
    {
        Name = name.Trim();
        SearchText = TextSearch.Normalize(Name);
    }

    public bool Overlaps(DateOnly start, DateOnly end) => StartDate <= end && start <= EndDate;
}

/// <summary>A trainer teaching the course; the course's institution keeps the assignment.</summary>
public class CourseTrainer : IScopeOwned
{
    public int CourseId { get; set; }
    public Course Course { get; set; } = null!;
    public int TrainerId { get; set; }
    public Trainer Trainer { get; set; } = null!;
    [RangedKey] public int InstitutionId { get; set; }

    public ScopeOwner Owner => ScopeOwner.Organisation(InstitutionId);
}

public class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> b)
    {
        b.Property(c => c.Name).HasMaxLength(300);
        b.Property(c => c.SearchText).HasMaxLength(300);
        b.Property(c => c.VenueAddress).HasMaxLength(300);
        b.Property(c => c.CancelReason).HasMaxLength(500);
        b.Property(c => c.Notes).HasMaxLength(2000);
        b.HasIndex(c => new { c.InstitutionId, c.StartDate });
        b.HasIndex(c => new { c.ProvinceId, c.StartDate });
        b.HasIndex(c => c.OrderId);
        b.HasIndex(c => c.VenueCommuneId);
        b.HasIndex(c => new { c.OccupationId, c.Level });
        b.HasOne(c => c.Institution).WithMany().HasForeignKey(c => c.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Order).WithMany().HasForeignKey(c => c.OrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Programme).WithMany().HasForeignKey(c => c.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Occupation).WithMany().HasForeignKey(c => c.OccupationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.VenueCommune).WithMany().HasForeignKey(c => c.VenueCommuneId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class CourseTrainerConfiguration : IEntityTypeConfiguration<CourseTrainer>
{
    public void Configure(EntityTypeBuilder<CourseTrainer> b)
    {
        b.HasKey(t => new { t.CourseId, t.TrainerId });
        b.HasIndex(t => t.TrainerId);
        b.HasOne(t => t.Course).WithMany(c => c.Trainers).HasForeignKey(t => t.CourseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(t => t.Trainer).WithMany().HasForeignKey(t => t.TrainerId).OnDelete(DeleteBehavior.Restrict);
    }
}
