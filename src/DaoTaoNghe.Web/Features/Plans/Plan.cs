using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Plans;

/// <summary>
/// A provincial plan (kế hoạch) as issued: number and date, title, legal basis, the plan it
/// replaces, and the appendix of tasks. The plan and its tasks are a published document, read by
/// everyone in the province; who is working on what (assignments, updates) is scoped separately.
/// </summary>
[AreaContract]
public class Plan : IScopeOwned
{
    public int Id { get; set; }
    public int ProvinceId { get; set; }
    public AdministrativeUnit Province { get; set; } = null!;

    /// <summary>Number and symbol, e.g. "4656/KH-UBND"; empty while the document has no number yet.</summary>
    public string? Number { get; set; }
    public DateOnly IssuedOn { get; set; }
    public string Title { get; set; } = "";
    public string? LegalBasis { get; set; }

    public int? IssuedById { get; set; }
    public Organisation? IssuedBy { get; set; }

    public int? ReplacesId { get; set; }
    public Plan? Replaces { get; set; }

    public string? Notes { get; set; }
    public string SearchText { get; set; } = "";

    public List<PlanSection> Sections { get; set; } = [];
    public List<PlanTask> Tasks { get; set; } = [];

    public ScopeOwner Owner => new(null, null, ProvinceId);

    public void SetTitle(string? number, string title)
    {
        Number = string.IsNullOrWhiteSpace(number) ? null : number.Trim();
        Title = title.Trim();
        SearchText = TextSearch.Normalize($"{Number} {Title}");
    }
}

/// <summary>A heading of the appendix (I, II, …) grouping its tasks.</summary>
[AreaContract]
public class PlanSection : IScopeOwned
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public Plan Plan { get; set; } = null!;
    public int ProvinceId { get; set; }
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public int Order { get; set; }

    public ScopeOwner Owner => new(null, null, ProvinceId);
}

[AreaContract]
public enum TimeFrameKind
{
    [Display(Name = "Hằng năm")] Yearly = 1,
    [Display(Name = "Trong năm")] Year = 2,
    [Display(Name = "Giai đoạn")] Period = 3,
}

/// <summary>A task (nhiệm vụ) of a plan's appendix: what, by whom (its parties), by when.</summary>
[AreaContract]
public class PlanTask : IScopeOwned
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public Plan Plan { get; set; } = null!;
    public int? SectionId { get; set; }
    public PlanSection? Section { get; set; }
    public int ProvinceId { get; set; }

    /// <summary>The number within its section as printed ("1", "2a").</summary>
    public string Number { get; set; } = "";
    public int Order { get; set; }
    public string Content { get; set; } = "";
    public TimeFrameKind TimeFrame { get; set; }

    /// <summary>First and last year of a <see cref="TimeFrameKind.Year"/> or <see cref="TimeFrameKind.Period"/> task.</summary>
    public int? FromYear { get; set; }
    public int? ToYear { get; set; }
    public string? Note { get; set; }
    public string SearchText { get; set; } = "";

    public List<TaskParty> Parties { get; set; } = [];
    public List<TaskAssignment> Assignments { get; set; } = [];

    public ScopeOwner Owner => new(null, null, ProvinceId);

    public void SetContent(string content)
    {
        Content = content.Trim();
        SearchText = TextSearch.Normalize(content);
    }

    public static string TimeFrameLabel(TimeFrameKind kind, int? from, int? to) => kind switch
    {
        TimeFrameKind.Yearly => "Hằng năm",
        TimeFrameKind.Year => $"Năm {from}",
        _ => $"Giai đoạn {from}-{to}",
    };

    /// <summary>
    /// The deadline that matters on <paramref name="today"/>: a yearly task is due by 31/12 of each
    /// year; a task of one year or of a period by 31/12 of its last year.
    /// </summary>
    public static DateOnly DeadlineOn(TimeFrameKind kind, int? toYear, DateOnly today) =>
        kind == TimeFrameKind.Yearly ? new DateOnly(today.Year, 12, 31) : new DateOnly(toYear ?? today.Year, 12, 31);
}

[AreaContract]
public enum PartyRole
{
    [Display(Name = "Chủ trì")] Lead = 1,
    [Display(Name = "Phối hợp")] Coordinating = 2,
}

/// <summary>The collective names the plans use for many bodies at once.</summary>
[AreaContract]
public enum PartyGroup
{
    [Display(Name = "Các sở, ban, ngành")] Departments = 1,
    [Display(Name = "UBND các xã, phường")] CommuneGovernments = 2,
    [Display(Name = "Các cơ sở đào tạo")] TrainingInstitutions = 3,
}

/// <summary>
/// One party named by a task, as the plan prints it: a body of the system, a group of bodies
/// (expanded to one assignment per member), or a party the system does not hold (e.g. "Hiệp hội
/// doanh nghiệp tỉnh"), kept as text only.
/// </summary>
[AreaContract]
public class TaskParty : IScopeOwned
{
    public int Id { get; set; }
    public int TaskId { get; set; }
    public PlanTask Task { get; set; } = null!;
    public int ProvinceId { get; set; }
    public PartyRole Role { get; set; }
    public int Order { get; set; }

    /// <summary>The wording of the plan, e.g. "UBND các xã, phường".</summary>
    public string Label { get; set; } = "";
    public int? OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public PartyGroup? Group { get; set; }

    public ScopeOwner Owner => new(null, null, ProvinceId);
}

[AreaContract]
public enum AssignmentStatus
{
    [Display(Name = "Chưa triển khai")] NotStarted = 1,
    [Display(Name = "Đang thực hiện")] InProgress = 2,
    [Display(Name = "Chậm tiến độ")] Behind = 3,
    [Display(Name = "Đã hoàn thành")] Completed = 4,
}

/// <summary>
/// A task as one organisation carries it out: each body named by the task, directly or through a
/// group, has its own assignment, status and updates, so each commune sees and reports its own part.
/// </summary>
[AreaContract]
public class TaskAssignment : IScopeOwned
{
    public int Id { get; set; }
    public int TaskId { get; set; }
    public PlanTask Task { get; set; } = null!;
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;
    public int ProvinceId { get; set; }
    public PartyRole Role { get; set; }
    public AssignmentStatus Status { get; set; } = AssignmentStatus.NotStarted;

    /// <summary>When the latest update was posted (UTC); null before the first.</summary>
    public DateTime? UpdatedAt { get; set; }

    public List<TaskUpdate> Updates { get; set; } = [];

    public ScopeOwner Owner => new(null, OrganisationId, ProvinceId);
}

/// <summary>A status update (báo cáo tiến độ) an organisation posts on its assignment, with evidence files. Never edited.</summary>
[AreaContract]
public class TaskUpdate : IScopeOwned
{
    public int Id { get; set; }
    public int AssignmentId { get; set; }
    public TaskAssignment Assignment { get; set; } = null!;
    [RangedKey] public int OrganisationId { get; set; }
    public int ProvinceId { get; set; }
    public AssignmentStatus Status { get; set; }
    public string Note { get; set; } = "";
    public DateTime At { get; set; }
    [RangedKey] public int? UserId { get; set; }
    public string? UserName { get; set; }

    public List<TaskEvidence> Evidence { get; set; } = [];

    public ScopeOwner Owner => new(null, OrganisationId, ProvinceId);
}

/// <summary>A file attached to an update (minutes, photos, a report), kept by the file store and only ever downloaded.</summary>
public class TaskEvidence : IScopeOwned
{
    public int Id { get; set; }
    public int UpdateId { get; set; }
    public TaskUpdate Update { get; set; } = null!;
    [RangedKey] public int OrganisationId { get; set; }
    public int ProvinceId { get; set; }
    public string FileKey { get; set; } = "";
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";

    public ScopeOwner Owner => new(null, OrganisationId, ProvinceId);
}

public class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> b)
    {
        b.Property(p => p.Number).HasMaxLength(50);
        b.Property(p => p.Title).HasMaxLength(1000);
        b.Property(p => p.SearchText).HasMaxLength(1100);
        b.Property(p => p.LegalBasis).HasMaxLength(4000);
        b.Property(p => p.Notes).HasMaxLength(2000);
        b.HasIndex(p => new { p.ProvinceId, p.IssuedOn });
        b.HasOne(p => p.Province).WithMany().HasForeignKey(p => p.ProvinceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.IssuedBy).WithMany().HasForeignKey(p => p.IssuedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Replaces).WithMany().HasForeignKey(p => p.ReplacesId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class PlanSectionConfiguration : IEntityTypeConfiguration<PlanSection>
{
    public void Configure(EntityTypeBuilder<PlanSection> b)
    {
        b.Property(s => s.Code).HasMaxLength(10);
        b.Property(s => s.Title).HasMaxLength(1000);
        b.HasIndex(s => new { s.PlanId, s.Order });
        b.HasOne(s => s.Plan).WithMany(p => p.Sections).HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class PlanTaskConfiguration : IEntityTypeConfiguration<PlanTask>
{
    public void Configure(EntityTypeBuilder<PlanTask> b)
    {
        b.Property(t => t.Number).HasMaxLength(10);
        b.Property(t => t.Content).HasMaxLength(4000);
        b.Property(t => t.SearchText).HasMaxLength(4000);
        b.Property(t => t.Note).HasMaxLength(1000);
        b.HasIndex(t => new { t.PlanId, t.Order });
        b.HasOne(t => t.Plan).WithMany(p => p.Tasks).HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.Section).WithMany().HasForeignKey(t => t.SectionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class TaskPartyConfiguration : IEntityTypeConfiguration<TaskParty>
{
    public void Configure(EntityTypeBuilder<TaskParty> b)
    {
        b.Property(p => p.Label).HasMaxLength(300);
        b.HasIndex(p => new { p.TaskId, p.Role, p.Order });
        b.HasIndex(p => p.OrganisationId);
        b.HasOne(p => p.Task).WithMany(t => t.Parties).HasForeignKey(p => p.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(p => p.Organisation).WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class TaskAssignmentConfiguration : IEntityTypeConfiguration<TaskAssignment>
{
    public void Configure(EntityTypeBuilder<TaskAssignment> b)
    {
        b.HasIndex(a => new { a.TaskId, a.OrganisationId }).IsUnique();
        b.HasIndex(a => new { a.OrganisationId, a.Status });
        b.HasOne(a => a.Task).WithMany(t => t.Assignments).HasForeignKey(a => a.TaskId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Organisation).WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class TaskUpdateConfiguration : IEntityTypeConfiguration<TaskUpdate>
{
    public void Configure(EntityTypeBuilder<TaskUpdate> b)
    {
        b.Property(u => u.Note).HasMaxLength(4000);
        b.Property(u => u.UserName).HasMaxLength(256);
        b.HasIndex(u => new { u.AssignmentId, u.At });
        b.HasOne(u => u.Assignment).WithMany(a => a.Updates).HasForeignKey(u => u.AssignmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class TaskEvidenceConfiguration : IEntityTypeConfiguration<TaskEvidence>
{
    public void Configure(EntityTypeBuilder<TaskEvidence> b)
    {
        b.Property(e => e.FileKey).HasMaxLength(200);
        b.Property(e => e.FileName).HasMaxLength(200);
        b.Property(e => e.ContentType).HasMaxLength(120);
        b.Property(e => e.Sha256).HasMaxLength(64);
        b.HasIndex(e => e.UpdateId);
        b.HasOne(e => e.Update).WithMany(u => u.Evidence).HasForeignKey(e => e.UpdateId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// The plan document (plans, sections, tasks, parties) is read by everyone of its province; an
/// assignment, its updates and evidence by its own organisation and the province-wide roles.
/// </summary>
public sealed class PlansScopeRules : IScopeRules<AppDbContext>
{
    public void Apply(ModelBuilder model, AppDbContext db)
    {
        model.Entity<Plan>().HasQueryFilter(ScopeRules.FilterName, p => db.Scope.SeesEverything || p.ProvinceId == db.Scope.ProvinceId);
        model.Entity<PlanSection>().HasQueryFilter(ScopeRules.FilterName, s => db.Scope.SeesEverything || s.ProvinceId == db.Scope.ProvinceId);
        model.Entity<PlanTask>().HasQueryFilter(ScopeRules.FilterName, t => db.Scope.SeesEverything || t.ProvinceId == db.Scope.ProvinceId);
        model.Entity<TaskParty>().HasQueryFilter(ScopeRules.FilterName, p => db.Scope.SeesEverything || p.ProvinceId == db.Scope.ProvinceId);
        model.Entity<TaskAssignment>().HasQueryFilter(ScopeRules.FilterName, a => db.Scope.SeesEverything
            || (db.Scope.SeesWholeProvince && a.ProvinceId == db.Scope.ProvinceId) || a.OrganisationId == db.Scope.OrganisationId);
        model.Entity<TaskUpdate>().HasQueryFilter(ScopeRules.FilterName, u => db.Scope.SeesEverything
            || (db.Scope.SeesWholeProvince && u.ProvinceId == db.Scope.ProvinceId) || u.OrganisationId == db.Scope.OrganisationId);
        model.Entity<TaskEvidence>().HasQueryFilter(ScopeRules.FilterName, e => db.Scope.SeesEverything
            || (db.Scope.SeesWholeProvince && e.ProvinceId == db.Scope.ProvinceId) || e.OrganisationId == db.Scope.OrganisationId);
    }
}
