using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Users;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Notifications;

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

/// <summary>Each user reads only their own notifications.</summary>
public sealed class NotificationsScopeRules : IScopeRules<AppDbContext>
{
    public void Apply(ModelBuilder model, AppDbContext db) =>
        model.Entity<Notification>().HasQueryFilter(ScopeRules.FilterName, n => db.Scope.IsSystem || n.UserId == db.Scope.UserId);
}
