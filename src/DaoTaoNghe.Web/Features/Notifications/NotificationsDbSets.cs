using DaoTaoNghe.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Infrastructure.Data;

public partial class AppDbContext
{
    public DbSet<Notification> Notifications => Set<Notification>();
}
