using DaoTaoNghe.Features.Users;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Notifications;

/// <summary>A user's choice for one kind of notification; no row means the default (in the app and by e-mail).</summary>
[TableKind(TableKind.Instance)]
public class NotificationPreference : IScopeOwned, INotAudited
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public AppUser User { get; set; } = null!;
    [RangedKey] public int OrganisationId { get; set; }
    public NotificationKind Kind { get; set; }
    public NotificationDelivery Delivery { get; set; }

    public ScopeOwner Owner => ScopeOwner.Organisation(OrganisationId);
}

/// <summary>
/// A user who asked for one e-mail a day instead of one per notification: the day's notifications
/// they chose to get by e-mail go out together. <see cref="LastSentOn"/> keeps a repeated run from
/// sending the same day twice.
/// </summary>
[TableKind(TableKind.Instance)]
public class NotificationDigest : IScopeOwned, INotAudited
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public AppUser User { get; set; } = null!;
    [RangedKey] public int OrganisationId { get; set; }
    public DateOnly? LastSentOn { get; set; }

    public ScopeOwner Owner => ScopeOwner.Organisation(OrganisationId);
}

public class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> b)
    {
        b.HasIndex(p => new { p.UserId, p.Kind }).IsUnique();
        b.HasOne(p => p.User).WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class NotificationDigestConfiguration : IEntityTypeConfiguration<NotificationDigest>
{
    public void Configure(EntityTypeBuilder<NotificationDigest> b)
    {
        b.HasIndex(d => d.UserId).IsUnique();
        b.HasOne(d => d.User).WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
