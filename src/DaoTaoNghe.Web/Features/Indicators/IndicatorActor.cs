using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>Who entered a value, as the pages show it beside the value: "Nguyễn Thị Hạnh (Sở Giáo dục và Đào tạo tỉnh Lai Châu)".</summary>
public sealed class IndicatorActor(AppDbContext db) : IHandler
{
    public async Task<string> NameAsync(CancellationToken cancellationToken = default)
    {
        var scope = db.Scope;
        if (scope.UserId == 0) return scope.UserName ?? "hệ thống";
        var user = await db.Users.AsNoTracking().Where(u => u.Id == scope.UserId)
            .Select(u => new { u.FullName, Organisation = u.Organisation.Name }).SingleOrDefaultAsync(cancellationToken);
        return user is null ? scope.UserName ?? "" : $"{user.FullName} ({user.Organisation})";
    }
}
