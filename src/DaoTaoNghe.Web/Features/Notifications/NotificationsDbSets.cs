using DaoTaoNghe.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Data;

public partial class AppDbContext
{
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<NotificationDigest> NotificationDigests => Set<NotificationDigest>();
}
