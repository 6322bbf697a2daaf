using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Notifications;

/// <summary>The shell's one question to this area: how many unread notifications the signed-in user has.</summary>
[AreaContract]
public sealed class UnreadNotifications(AppDbContext db) : IHandler
{
    public async Task<int> CountAsync(CancellationToken cancellationToken = default) =>
        db.Scope.UserId == 0 ? 0 : await db.Notifications.CountAsync(n => n.ReadAt == null, cancellationToken);
}
