using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Expressions;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.FollowUps;

[AreaContract]
public enum EmploymentStatus
{
    [Display(Name = "Làm việc cho doanh nghiệp")] EmployedByEnterprise = 1,
    [Display(Name = "Tự tạo việc làm")] SelfEmployed = 2,
    [Display(Name = "Làm việc tại hợp tác xã / tổ hợp tác")] Cooperative = 3,
    [Display(Name = "Đi làm việc ở nước ngoài theo hợp đồng")] WorkingAbroad = 4,
    [Display(Name = "Tiếp tục học")] StudyingFurther = 5,
    [Display(Name = "Chưa có việc làm")] Unemployed = 6,
}

/// <summary>Monthly income bands as the commune follow-up forms ask them.</summary>
public enum IncomeBand
{
    [Display(Name = "Dưới 3 triệu đồng/tháng")] Under3 = 1,
    [Display(Name = "Từ 3 đến dưới 5 triệu đồng/tháng")] From3To5 = 2,
    [Display(Name = "Từ 5 đến dưới 7 triệu đồng/tháng")] From5To7 = 3,
    [Display(Name = "Từ 7 đến dưới 10 triệu đồng/tháng")] From7To10 = 4,
    [Display(Name = "Từ 10 triệu đồng/tháng trở lên")] Over10 = 5,
}

[AreaContract]
public enum OutcomeSource
{
    [Display(Name = "Theo dõi sau đào tạo")] FollowUp = 1,
    [Display(Name = "Tuyển dụng qua phiên giao dịch việc làm")] Hire = 2,
    [Display(Name = "Hợp đồng đi làm việc ở nước ngoài")] AbroadContract = 3,
    [Display(Name = "Vay vốn giải quyết việc làm")] Loan = 4,
}

/// <summary>
/// An employment outcome of one person (kết quả việc làm): a follow-up 3, 6 or 12 months after a
/// completion, or a hire, an abroad contract or a loan-backed start recorded by another area through
/// <see cref="EmploymentOutcomes.RecordAsync"/>. <see cref="IsNewJob"/> is decided when written, so
/// the job indicators count rows without looking at a person's history.
/// </summary>
[AreaContract]
public class EmploymentOutcome : IScopeOwned
{
    /// <summary>The follow-up checkpoints, in months after the completion.</summary>
    public static readonly IReadOnlyList<int> Checkpoints = [3, 6, 12];

    public int Id { get; set; }
    public int LearnerId { get; set; }
    public Learner Learner { get; set; } = null!;

    /// <summary>The completion this follows up, if any, and its institution (copied so the institution sees its learners' outcomes without a join).</summary>
    public int? EnrolmentId { get; set; }
    public Enrolment? Enrolment { get; set; }
    [RangedKey] public int? InstitutionId { get; set; }

    /// <summary>3, 6 or 12 (months after the completion) for follow-ups; null for outcomes recorded elsewhere.</summary>
    public int? Checkpoint { get; set; }

    public DateOnly OutcomeOn { get; set; }
    public EmploymentStatus Status { get; set; }

    /// <summary>The employer: an enterprise of the registry, or a name typed in when it is not registered.</summary>
    public int? EnterpriseId { get; set; }
    public Organisation? Enterprise { get; set; }
    public string? EmployerName { get; set; }

    public IncomeBand? IncomeBand { get; set; }
    public bool LoanHelped { get; set; }

    public OutcomeSource Source { get; set; }

    /// <summary>The hire, contract or loan this outcome came from; null for follow-ups.</summary>
    [RangedKey] public int? SourceId { get; set; }

    /// <summary>A new job (việc làm mới): the first employed follow-up of a completion, or any hire, abroad contract or loan-backed start.</summary>
    public bool IsNewJob { get; set; }

    /// <summary>The person's commune when recorded: whose officers follow them and where the outcome counts on the map.</summary>
    public int ResidenceCommuneId { get; set; }
    public AdministrativeUnit ResidenceCommune { get; set; } = null!;

    public int RecordedByOrganisationId { get; set; }
    public Organisation RecordedByOrganisation { get; set; } = null!;
    public int ProvinceId { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public ScopeOwner Owner => new(ResidenceCommuneId, RecordedByOrganisationId, ProvinceId);

    public static bool IsEmployed(EmploymentStatus status) =>
        status is EmploymentStatus.EmployedByEnterprise or EmploymentStatus.SelfEmployed or EmploymentStatus.Cooperative or EmploymentStatus.WorkingAbroad;
}

public class EmploymentOutcomeConfiguration : IEntityTypeConfiguration<EmploymentOutcome>
{
    public void Configure(EntityTypeBuilder<EmploymentOutcome> b)
    {
        b.Property(o => o.EmployerName).HasMaxLength(300);
        b.HasIndex(o => new { o.EnrolmentId, o.Checkpoint }).IsUnique();
        b.HasIndex(o => new { o.Source, o.SourceId }).IsUnique();
        b.HasIndex(o => new { o.LearnerId, o.OutcomeOn });
        b.HasIndex(o => new { o.ResidenceCommuneId, o.OutcomeOn });
        b.HasIndex(o => new { o.ProvinceId, o.OutcomeOn });
        b.HasIndex(o => o.InstitutionId);
        b.HasIndex(o => o.RecordedByOrganisationId);
        b.HasIndex(o => o.EnterpriseId);
        b.HasOne(o => o.Learner).WithMany().HasForeignKey(o => o.LearnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(o => o.Enrolment).WithMany().HasForeignKey(o => o.EnrolmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(o => o.Enterprise).WithMany().HasForeignKey(o => o.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(o => o.ResidenceCommune).WithMany().HasForeignKey(o => o.ResidenceCommuneId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(o => o.RecordedByOrganisation).WithMany().HasForeignKey(o => o.RecordedByOrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// Who sees employment outcomes: province-wide roles and the employment centre the province's; a
/// commune officer their residents' (pre-2025 communes included); an institution the outcomes of
/// its own completions (the commune does the follow-up, the institution learns how its learners
/// fared); any organisation what it recorded itself.
/// </summary>
public sealed class FollowUpScopeRules : IScopeRules<AppDbContext>
{
    public void Apply(ModelBuilder model, AppDbContext db) =>
        model.Entity<EmploymentOutcome>().HasQueryFilter(ScopeRules.FilterName,
            ScopeFilter.Commune<EmploymentOutcome>(db, o => o.ResidenceCommune)
                .Or(o => db.Scope.Level == ScopeLevel.EmploymentCentre && o.ProvinceId == db.Scope.ProvinceId)
                .Or(o => db.Scope.Level == ScopeLevel.Institution && o.InstitutionId == db.Scope.OrganisationId)
                .Or(o => o.RecordedByOrganisationId == db.Scope.OrganisationId));
}
