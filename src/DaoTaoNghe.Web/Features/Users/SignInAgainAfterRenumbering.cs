using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Users;

/// <summary>A signed-in user's cookie carries their organisation's old key: a new security stamp makes everyone sign in again.</summary>
public sealed class SignInAgainAfterRenumbering(AppDbContext db) : IAfterKeyRenumbering
{
    public Task AfterRenumberingAsync(CancellationToken cancellationToken)
    {
        var stamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
        return db.Users.IgnoreQueryFilters().ExecuteUpdateAsync(u => u.SetProperty(x => x.SecurityStamp, stamp), cancellationToken);
    }
}
