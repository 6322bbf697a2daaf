using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Plans;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Reports;

public enum PeriodKind
{
    [Display(Name = "Năm")] Year = 1,
    [Display(Name = "Quý")] Quarter = 2,
    [Display(Name = "Tháng")] Month = 3,
    [Display(Name = "Đột xuất")] AdHoc = 9,
}

/// <summary>
/// A reporting obligation (yêu cầu báo cáo): which organisations report to whom, on which template,
/// for which period, by which local date. Creating one creates a <see cref="Report"/> per reporting
/// organisation. An obligation with sources is an aggregate: its reports sum the approved reports of
/// the source obligations.
/// </summary>
public class ReportingObligation : IScopeOwned
{
    public int Id { get; set; }
    public int ProvinceId { get; set; }
    public AdministrativeUnit Province { get; set; } = null!;
    public string Title { get; set; } = "";
    public string TemplateCode { get; set; } = "";

    /// <summary>The plan whose tasks the reports account for; none for a report without a task section.</summary>
    public int? PlanId { get; set; }
    public Plan? Plan { get; set; }

    public PeriodKind PeriodKind { get; set; }
    public int PeriodYear { get; set; }

    /// <summary>Quarter (1–4) or month (1–12); null for a year or an ad hoc request.</summary>
    public int? PeriodNumber { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }

    /// <summary>The last day to submit, a local date in Asia/Ho_Chi_Minh: on time means before that day ends there.</summary>
    public DateOnly DueOn { get; set; }

    public int? ReceiverOrganisationId { get; set; }
    public Organisation? ReceiverOrganisation { get; set; }

    /// <summary>Who receives the reports as printed; for bodies outside the system (a ministry) the only record of it.</summary>
    public string ReceiverName { get; set; } = "";

    public int RemindDaysBefore { get; set; }
    public int RemindDaysAfter { get; set; }
    public DateTime CreatedAt { get; set; }
    public string SearchText { get; set; } = "";

    public List<ObligationSource> Sources { get; set; } = [];
    public List<Report> Reports { get; set; } = [];

    public ScopeOwner Owner => new(null, null, ProvinceId);

    public void SetTitle(string title)
    {
        Title = title.Trim();
        SearchText = TextSearch.Normalize(title);
    }
}

/// <summary>An obligation whose approved reports an aggregate obligation sums.</summary>
public class ObligationSource : IScopeOwned
{
    public int ObligationId { get; set; }
    public ReportingObligation Obligation { get; set; } = null!;
    public int SourceId { get; set; }
    public ReportingObligation Source { get; set; } = null!;
    public int ProvinceId { get; set; }

    public ScopeOwner Owner => new(null, null, ProvinceId);
}

public enum ReportState
{
    [Display(Name = "Đang soạn")] Draft = 1,
    [Display(Name = "Đã gửi, chờ duyệt")] Submitted = 2,
    [Display(Name = "Bị trả lại")] Returned = 3,
    [Display(Name = "Đã duyệt")] Approved = 4,
}

/// <summary>
/// One organisation's report for one obligation: its document fields, the figures and task
/// statuses it was filled with, its narrative sections, and its history. Submission times are kept
/// so timeliness is computed, never declared.
/// </summary>
public class Report : IScopeOwned
{
    public int Id { get; set; }
    public int ObligationId { get; set; }
    public ReportingObligation Obligation { get; set; } = null!;
    public int ProvinceId { get; set; }
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;

    public ReportState State { get; set; } = ReportState.Draft;

    public string Title { get; set; } = "";

    /// <summary>The number part of "Số: 15/BC-UBND", given when the document is registered; empty on drafts.</summary>
    public string? Number { get; set; }
    public string Symbol { get; set; } = "";
    public string Place { get; set; } = "";

    /// <summary>The date printed on the document; set to the local date of first submission when left empty.</summary>
    public DateOnly? ReportDate { get; set; }
    public string SignerAuthority { get; set; } = "";
    public string? SignerName { get; set; }
    public string Recipients { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public DateTime? FiguresAt { get; set; }
    public DateTime? FirstSubmittedAt { get; set; }
    public DateTime? LastSubmittedAt { get; set; }
    public DateTime? ReturnedAt { get; set; }
    public DateTime? ApprovedAt { get; set; }

    public List<ReportSection> Sections { get; set; } = [];
    public List<ReportFigure> Figures { get; set; } = [];
    public List<ReportTaskLine> TaskLines { get; set; } = [];
    public List<ReportEvent> Events { get; set; } = [];

    /// <summary>The reporting organisation writes its report; the province admin may write any of the province's.</summary>
    public ScopeOwner Owner => new(null, OrganisationId, ProvinceId);

    public bool IsEditable => State is ReportState.Draft or ReportState.Returned;
}

public enum SectionKind
{
    [Display(Name = "Nội dung")] Narrative = 1,
    [Display(Name = "Chỉ tiêu")] Indicators = 2,
    [Display(Name = "Nhiệm vụ")] Tasks = 3,
}

public enum Breakdown
{
    [Display(Name = "Tổng số")] None = 0,
    [Display(Name = "Theo đơn vị báo cáo")] ByReportingUnit = 1,
}

/// <summary>A section of a report, copied from its template when the report is created so later template changes leave it as it was.</summary>
public class ReportSection : IScopeOwned
{
    public int Id { get; set; }
    public int ReportId { get; set; }
    public Report Report { get; set; } = null!;
    public int ProvinceId { get; set; }
    [RangedKey] public int OrganisationId { get; set; }
    public int Order { get; set; }
    public SectionKind Kind { get; set; }
    public string Heading { get; set; } = "";
    public string? Prompt { get; set; }

    /// <summary>Indicator codes the section shows, comma-separated, in order.</summary>
    public string? IndicatorCodes { get; set; }
    public Breakdown Breakdown { get; set; }
    public string? Text { get; set; }

    public ScopeOwner Owner => new(null, OrganisationId, ProvinceId);

    public IReadOnlyList<string> Codes => IndicatorCodes?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}

/// <summary>
/// An indicator value of a report: its own (<see cref="SourceReportId"/> null) or, in an aggregate,
/// the value one approved source report contributed.
/// </summary>
public class ReportFigure : IScopeOwned
{
    public int Id { get; set; }
    public int ReportId { get; set; }
    public Report Report { get; set; } = null!;
    public int ProvinceId { get; set; }
    [RangedKey] public int OrganisationId { get; set; }
    public int? SourceReportId { get; set; }
    public Report? SourceReport { get; set; }
    public int Order { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Unit { get; set; } = "";
    public long Value { get; set; }

    public ScopeOwner Owner => new(null, OrganisationId, ProvinceId);
}

/// <summary>A task line of a report: the reporter's own assignment status, or in an aggregate how many bodies have done it.</summary>
public class ReportTaskLine : IScopeOwned
{
    public int Id { get; set; }
    public int ReportId { get; set; }
    public Report Report { get; set; } = null!;
    public int ProvinceId { get; set; }
    [RangedKey] public int OrganisationId { get; set; }
    public int Order { get; set; }

    /// <summary>"II.6": section code and number.</summary>
    public string Number { get; set; } = "";
    public string Content { get; set; } = "";
    public PartyRole? Role { get; set; }
    public AssignmentStatus? Status { get; set; }
    public string? Note { get; set; }

    public ScopeOwner Owner => new(null, OrganisationId, ProvinceId);
}

public enum ReportAction
{
    [Display(Name = "Tạo báo cáo")] Created = 1,
    [Display(Name = "Gửi báo cáo")] Submitted = 2,
    [Display(Name = "Trả lại")] Returned = 3,
    [Display(Name = "Gửi lại")] Resubmitted = 4,
    [Display(Name = "Duyệt")] Approved = 5,
}

/// <summary>One step of a report's history, with who took it and their comment. Never changed.</summary>
public class ReportEvent : IScopeOwned
{
    public int Id { get; set; }
    public int ReportId { get; set; }
    public Report Report { get; set; } = null!;
    public int ProvinceId { get; set; }
    [RangedKey] public int OrganisationId { get; set; }
    public DateTime At { get; set; }
    public ReportAction Action { get; set; }
    [RangedKey] public int? UserId { get; set; }
    public string ActorName { get; set; } = "";
    public string? Comment { get; set; }

    public ScopeOwner Owner => new(null, OrganisationId, ProvinceId);
}

public class ReportingObligationConfiguration : IEntityTypeConfiguration<ReportingObligation>
{
    public void Configure(EntityTypeBuilder<ReportingObligation> b)
    {
        b.Property(o => o.Title).HasMaxLength(500);
        b.Property(o => o.SearchText).HasMaxLength(500);
        b.Property(o => o.TemplateCode).HasMaxLength(100);
        b.Property(o => o.ReceiverName).HasMaxLength(300);
        b.HasIndex(o => new { o.ProvinceId, o.DueOn });
        b.HasOne(o => o.Province).WithMany().HasForeignKey(o => o.ProvinceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(o => o.Plan).WithMany().HasForeignKey(o => o.PlanId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(o => o.ReceiverOrganisation).WithMany().HasForeignKey(o => o.ReceiverOrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class ObligationSourceConfiguration : IEntityTypeConfiguration<ObligationSource>
{
    public void Configure(EntityTypeBuilder<ObligationSource> b)
    {
        b.HasKey(s => new { s.ObligationId, s.SourceId });
        b.HasIndex(s => s.SourceId);
        b.HasOne(s => s.Obligation).WithMany(o => o.Sources).HasForeignKey(s => s.ObligationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(s => s.Source).WithMany().HasForeignKey(s => s.SourceId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> b)
    {
        b.Property(r => r.Title).HasMaxLength(500);
        b.Property(r => r.Number).HasMaxLength(20);
        b.Property(r => r.Symbol).HasMaxLength(50);
        b.Property(r => r.Place).HasMaxLength(100);
        b.Property(r => r.SignerAuthority).HasMaxLength(300);
        b.Property(r => r.SignerName).HasMaxLength(200);
        b.Property(r => r.Recipients).HasMaxLength(2000);
        b.HasIndex(r => new { r.ObligationId, r.OrganisationId }).IsUnique();
        b.HasIndex(r => new { r.OrganisationId, r.State });
        b.HasOne(r => r.Obligation).WithMany(o => o.Reports).HasForeignKey(r => r.ObligationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Organisation).WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class ReportSectionConfiguration : IEntityTypeConfiguration<ReportSection>
{
    public void Configure(EntityTypeBuilder<ReportSection> b)
    {
        b.Property(s => s.Heading).HasMaxLength(300);
        b.Property(s => s.Prompt).HasMaxLength(1000);
        b.Property(s => s.IndicatorCodes).HasMaxLength(1000);
        b.Property(s => s.Text).HasMaxLength(20000);
        b.HasIndex(s => new { s.ReportId, s.Order });
        b.HasOne(s => s.Report).WithMany(r => r.Sections).HasForeignKey(s => s.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ReportFigureConfiguration : IEntityTypeConfiguration<ReportFigure>
{
    public void Configure(EntityTypeBuilder<ReportFigure> b)
    {
        b.Property(f => f.Code).HasMaxLength(100);
        b.Property(f => f.Name).HasMaxLength(300);
        b.Property(f => f.Unit).HasMaxLength(50);
        b.HasIndex(f => new { f.ReportId, f.SourceReportId, f.Order });
        b.HasIndex(f => f.SourceReportId);
        b.HasOne(f => f.Report).WithMany(r => r.Figures).HasForeignKey(f => f.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(f => f.SourceReport).WithMany().HasForeignKey(f => f.SourceReportId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class ReportTaskLineConfiguration : IEntityTypeConfiguration<ReportTaskLine>
{
    public void Configure(EntityTypeBuilder<ReportTaskLine> b)
    {
        b.Property(l => l.Number).HasMaxLength(20);
        b.Property(l => l.Content).HasMaxLength(4000);
        b.Property(l => l.Note).HasMaxLength(4000);
        b.HasIndex(l => new { l.ReportId, l.Order });
        b.HasOne(l => l.Report).WithMany(r => r.TaskLines).HasForeignKey(l => l.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ReportEventConfiguration : IEntityTypeConfiguration<ReportEvent>
{
    public void Configure(EntityTypeBuilder<ReportEvent> b)
    {
        b.Property(e => e.ActorName).HasMaxLength(256);
        b.Property(e => e.Comment).HasMaxLength(4000);
        b.HasIndex(e => new { e.ReportId, e.At });
        b.HasOne(e => e.Report).WithMany(r => r.Events).HasForeignKey(e => e.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Obligations are the province's published requests, read by everyone of the province. A report
/// (with its sections, figures, task lines and history) is read by its reporting organisation and
/// the province-wide roles, among them the standing agency that receives and reviews it.
/// </summary>
public sealed class ReportsScopeRules : IScopeRules<AppDbContext>
{
    public void Apply(ModelBuilder model, AppDbContext db)
    {
        model.Entity<ReportingObligation>().HasQueryFilter(ScopeRules.FilterName, o => db.Scope.SeesEverything || o.ProvinceId == db.Scope.ProvinceId);
        model.Entity<ObligationSource>().HasQueryFilter(ScopeRules.FilterName, s => db.Scope.SeesEverything || s.ProvinceId == db.Scope.ProvinceId);
        model.Entity<Report>().HasQueryFilter(ScopeRules.FilterName, r => db.Scope.SeesEverything
            || (db.Scope.SeesWholeProvince && r.ProvinceId == db.Scope.ProvinceId) || r.OrganisationId == db.Scope.OrganisationId);
        model.Entity<ReportSection>().HasQueryFilter(ScopeRules.FilterName, s => db.Scope.SeesEverything
            || (db.Scope.SeesWholeProvince && s.ProvinceId == db.Scope.ProvinceId) || s.OrganisationId == db.Scope.OrganisationId);
        model.Entity<ReportFigure>().HasQueryFilter(ScopeRules.FilterName, f => db.Scope.SeesEverything
            || (db.Scope.SeesWholeProvince && f.ProvinceId == db.Scope.ProvinceId) || f.OrganisationId == db.Scope.OrganisationId);
        model.Entity<ReportTaskLine>().HasQueryFilter(ScopeRules.FilterName, l => db.Scope.SeesEverything
            || (db.Scope.SeesWholeProvince && l.ProvinceId == db.Scope.ProvinceId) || l.OrganisationId == db.Scope.OrganisationId);
        model.Entity<ReportEvent>().HasQueryFilter(ScopeRules.FilterName, e => db.Scope.SeesEverything
            || (db.Scope.SeesWholeProvince && e.ProvinceId == db.Scope.ProvinceId) || e.OrganisationId == db.Scope.OrganisationId);
    }
}
