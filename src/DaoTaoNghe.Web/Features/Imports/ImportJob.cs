using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Users;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Imports;

public enum ImportStatus
{
    [Display(Name = "Đang chờ kiểm tra")] Queued = 1,
    [Display(Name = "Đang kiểm tra")] Checking = 2,
    [Display(Name = "Cần ghép cột")] NeedsMapping = 3,
    [Display(Name = "Đã kiểm tra, chờ ghi")] Checked = 4,
    [Display(Name = "Đang chờ ghi")] CommitQueued = 5,
    [Display(Name = "Đang ghi dữ liệu")] Committing = 6,
    [Display(Name = "Đã ghi dữ liệu")] Committed = 7,
    [Display(Name = "Ghi không thành công")] Failed = 8,
    [Display(Name = "Tệp bị từ chối")] Refused = 9,
}

/// <summary>
/// One uploaded file on its way in: the template, the original file (in the file store), how its
/// columns were mapped, the counts of the last dry run or commit, and who brought it in. The job
/// runs with its uploader's scope, so the rows it may write are exactly those the uploader may.
/// Bookkeeping, not audited itself: the records it writes are, row by row, plus one import line.
/// </summary>
[TableKind(TableKind.Instance)]
public class ImportJob : IScopeOwned, INotAudited
{
    public int Id { get; set; }
    public string TemplateCode { get; set; } = "";
    public ImportStatus Status { get; set; }

    public string FileKey { get; set; } = "";
    public string FileName { get; set; } = "";
    public long FileSize { get; set; }
    public string FileSha256 { get; set; } = "";

    public string? SheetName { get; set; }
    public int? HeaderRow { get; set; }

    /// <summary>The header row as found: JSON array of {index, text}.</summary>
    public string? HeadersJson { get; set; }

    /// <summary>Template column key → file column index, as used by the last run (and by the commit).</summary>
    public string? MappingJson { get; set; }

    /// <summary>What the user should know about how the file was read, one note per line.</summary>
    public string? Notes { get; set; }

    /// <summary>Why the file was refused or the commit failed.</summary>
    public string? Error { get; set; }

    public int Rows { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Rejected { get; set; }

    /// <summary>Problems found beyond those stored.</summary>
    public int ProblemsNotKept { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? CheckedAt { get; set; }
    public DateTime? CommittedAt { get; set; }

    /// <summary>How often a restart interrupted the job and the worker ran it again, and when it last did.</summary>
    public int Resumes { get; set; }
    public DateTime? ResumedAt { get; set; }

    public int UserId { get; set; }
    public AppUser User { get; set; } = null!;
    public string UserName { get; set; } = "";
    public string Role { get; set; } = "";
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;
    public int ProvinceId { get; set; }
    public int? CommuneId { get; set; }

    /// <summary>The uploader's address when they asked for the last run (the upload, or the commit): the worker's audit lines carry it.</summary>
    public string? RequestedFrom { get; set; }

    public ScopeOwner Owner => new(null, OrganisationId, ProvinceId);

    public int Accepted => Created + Updated + Unchanged;

    public bool IsRunning => Status is ImportStatus.Queued or ImportStatus.Checking or ImportStatus.CommitQueued or ImportStatus.Committing;

    public static readonly ImportStatus[] Unfinished = [ImportStatus.Queued, ImportStatus.Checking, ImportStatus.CommitQueued, ImportStatus.Committing];

    /// <summary>A checked file may be written; so may one whose write failed, once the cause is fixed.</summary>
    public bool MayCommit => (Status == ImportStatus.Checked || (Status == ImportStatus.Failed && CheckedAt is not null)) && Accepted > 0;
}

/// <summary>A problem of one row of a job's file, as the last run found it.</summary>
[TableKind(TableKind.Instance)]
public class ImportRowError : INotAudited
{
    public long Id { get; set; }
    public int JobId { get; set; }
    public ImportJob Job { get; set; } = null!;
    public int RowNumber { get; set; }

    /// <summary>The column's letter in the user's file ("C"); empty for a problem of the whole row.</summary>
    public string Column { get; set; } = "";
    public string Header { get; set; } = "";
    public string Value { get; set; } = "";
    public string Message { get; set; } = "";
}

/// <summary>
/// How an organisation's own sheet layout maps onto a template, remembered so colleagues map a
/// layout once: keyed by the set of its headers, template column key → normalised header.
/// </summary>
[TableKind(TableKind.Instance)]
public class ImportColumnMapping : IScopeOwned
{
    public int Id { get; set; }
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;
    public string TemplateCode { get; set; } = "";
    public string HeaderKey { get; set; } = "";
    public string MappingJson { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    [RangedKey] public int UpdatedByUserId { get; set; }

    public ScopeOwner Owner => ScopeOwner.Organisation(OrganisationId);
}

public class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> b)
    {
        b.Property(j => j.TemplateCode).HasMaxLength(60);
        b.Property(j => j.FileKey).HasMaxLength(200);
        b.Property(j => j.FileName).HasMaxLength(200);
        b.Property(j => j.FileSha256).HasMaxLength(64);
        b.Property(j => j.SheetName).HasMaxLength(100);
        b.Property(j => j.Error).HasMaxLength(2000);
        b.Property(j => j.UserName).HasMaxLength(256);
        b.Property(j => j.RequestedFrom).HasMaxLength(64);
        b.Property(j => j.Role).HasMaxLength(40);
        b.Property(j => j.Resumes).HasDefaultValue(0);
        b.HasIndex(j => new { j.UserId, j.CreatedAt });
        b.HasIndex(j => new { j.ProvinceId, j.CreatedAt });
        b.HasIndex(j => j.Status);
        b.HasIndex(j => j.OrganisationId);
        b.HasOne(j => j.User).WithMany().HasForeignKey(j => j.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(j => j.Organisation).WithMany().HasForeignKey(j => j.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(j => j.Accepted);
        b.Ignore(j => j.IsRunning);
        b.Ignore(j => j.MayCommit);
    }
}

public class ImportRowErrorConfiguration : IEntityTypeConfiguration<ImportRowError>
{
    public void Configure(EntityTypeBuilder<ImportRowError> b)
    {
        b.Property(e => e.Column).HasMaxLength(10);
        b.Property(e => e.Header).HasMaxLength(200);
        b.Property(e => e.Value).HasMaxLength(200);
        b.Property(e => e.Message).HasMaxLength(1000);
        b.HasIndex(e => new { e.JobId, e.RowNumber });
        b.HasOne(e => e.Job).WithMany().HasForeignKey(e => e.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ImportColumnMappingConfiguration : IEntityTypeConfiguration<ImportColumnMapping>
{
    public void Configure(EntityTypeBuilder<ImportColumnMapping> b)
    {
        b.Property(m => m.TemplateCode).HasMaxLength(60);
        b.Property(m => m.HeaderKey).HasMaxLength(64);
        b.HasIndex(m => new { m.OrganisationId, m.TemplateCode, m.HeaderKey }).IsUnique();
        b.HasOne(m => m.Organisation).WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A job is seen by its uploader and by the admin of its province; a remembered mapping by its organisation.</summary>
public sealed class ImportsScopeRules : IScopeRules<AppDbContext>
{
    public void Apply(ModelBuilder model, AppDbContext db)
    {
        model.Entity<ImportJob>().HasQueryFilter(ScopeRules.FilterName, j =>
            db.Scope.IsSystem || j.UserId == db.Scope.UserId || (db.Scope.IsProvinceAdmin && j.ProvinceId == db.Scope.ProvinceId));
        model.Entity<ImportRowError>().HasQueryFilter(ScopeRules.FilterName, e =>
            db.Scope.IsSystem || e.Job.UserId == db.Scope.UserId || (db.Scope.IsProvinceAdmin && e.Job.ProvinceId == db.Scope.ProvinceId));
        model.Entity<ImportColumnMapping>().HasQueryFilter(ScopeRules.FilterName, m =>
            db.Scope.IsSystem || m.OrganisationId == db.Scope.OrganisationId);
    }
}
