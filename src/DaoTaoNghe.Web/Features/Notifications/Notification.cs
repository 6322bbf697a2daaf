using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Users;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using System.ComponentModel.DataAnnotations;

namespace DaoTaoNghe.Features.Notifications;

/// <summary>What a notification is about: each user chooses, per kind, how to be told.</summary>
[AreaContract]
public enum NotificationKind
{
    [Display(Name = "Khác")] Other = 0,
    [Display(Name = "Nhắc hạn báo cáo, nhiệm vụ")] Reminder = 1,
    [Display(Name = "Báo cáo bị trả lại hoặc được duyệt")] ReportReview = 2,
    [Display(Name = "Đơn hàng đào tạo được giao")] Order = 3,
    [Display(Name = "Người được giới thiệu, người quan tâm, tuyển dụng")] Hiring = 4,
    [Display(Name = "Kết quả nhập dữ liệu từ tệp")] Import = 5,
    [Display(Name = "Nhiệm vụ được giao")] Task = 6,
    [Display(Name = "Đến kỳ theo dõi việc làm")] FollowUp = 7,
    [Display(Name = "Báo cáo được gửi đến, chờ duyệt")] ReportSubmitted = 8,
}

/// <summary>How a user is told of one kind; in the app and by e-mail unless they choose otherwise.</summary>
public enum NotificationDelivery
{
    [Display(Name = "Trong hệ thống và qua e-mail")] Email = 1,
    [Display(Name = "Chỉ trong hệ thống")] InApp = 2,
    [Display(Name = "Không nhận")] Off = 3,
}

/// <summary>
/// An in-app message to one user: a reminder of a deadline, or an event of their unit's work (an
/// order given, a report returned or approved). <see cref="Key"/> names what it is about, so a
/// reminder run that repeats never tells the same user the same thing twice.
/// Bookkeeping, not data: not audited.
/// </summary>
[TableKind(TableKind.Instance)]
[AreaContract]
public class Notification : IScopeOwned, INotAudited
{
    public long Id { get; set; }
    public int UserId { get; set; }
    public AppUser User { get; set; } = null!;
    [RangedKey] public int OrganisationId { get; set; }
    public string Key { get; set; } = "";
    public NotificationKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";

    /// <summary>A local path in the app the message is about.</summary>
    public string Url { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
    public DateTime? EmailedAt { get; set; }
    public string? EmailError { get; set; }

    public ScopeOwner Owner => ScopeOwner.Organisation(OrganisationId);
}

public class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(n => n.Key).HasMaxLength(100);
        b.Property(n => n.Title).HasMaxLength(300);
        b.Property(n => n.Body).HasMaxLength(2000);
        b.Property(n => n.Url).HasMaxLength(300);
        b.Property(n => n.EmailError).HasMaxLength(500);
        b.HasIndex(n => new { n.UserId, n.Key }).IsUnique();
        b.HasIndex(n => new { n.UserId, n.ReadAt });
        b.HasOne(n => n.User).WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Each user reads only their own notifications and choices.</summary>
public sealed class NotificationsScopeRules : IScopeRules<AppDbContext>
{
    public void Apply(ModelBuilder model, AppDbContext db)
    {
        model.Entity<Notification>().HasQueryFilter(ScopeRules.FilterName, n => db.Scope.IsSystem || n.UserId == db.Scope.UserId);
        model.Entity<NotificationPreference>().HasQueryFilter(ScopeRules.FilterName, p => db.Scope.IsSystem || p.UserId == db.Scope.UserId);
        model.Entity<NotificationDigest>().HasQueryFilter(ScopeRules.FilterName, d => db.Scope.IsSystem || d.UserId == db.Scope.UserId);
    }
}
