using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Enterprises;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Partnerships;

/// <summary>An enterprise's page lists its training agreements, for province-wide roles and the enterprise itself.</summary>
public sealed class EnterprisePartnerships(AppDbContext db, TimeProvider clock) : IRecordPart<EnterpriseProfile>
{
    public sealed record Row(int Id, string InstitutionName, string OccupationName, DateOnly StartsOn, DateOnly? EndsOn, bool InForce);

    public int Order => 10;

    public async Task<RecordPartView?> LoadAsync(int enterpriseId, CancellationToken cancellationToken)
    {
        if (!db.Scope.OpensListsOf(enterpriseId)) return null;
        var today = VietnamTime.Today(clock);
        var rows = await db.Partnerships.AsNoTracking().Where(x => x.EnterpriseId == enterpriseId)
            .OrderByDescending(x => x.StartsOn)
            .Select(x => new Row(x.Id, x.Institution.Name, x.Occupation.Name, x.StartsOn, x.EndsOn,
                x.IsActive && x.StartsOn <= today && (x.EndsOn == null || x.EndsOn >= today)))
            .ToListAsync(cancellationToken);
        return new RecordPartView("/Features/Partnerships/_EnterprisePartnerships.cshtml", rows);
    }
}
