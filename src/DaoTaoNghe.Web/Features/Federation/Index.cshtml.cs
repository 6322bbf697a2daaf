using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Federation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Federation;

/// <summary>The national admin's view of each province's replication: running or not, the last change received, lag and errors.</summary>
[Authorize(Policy = FederationPolicies.Administer)]
public class Index(AppDbContext db, TierSettings tier, TimeProvider clock) : PageModel
{
    public IReadOnlyList<ProvinceReplication> Provinces { get; private set; } = [];
    public bool IsNational => tier.IsNational;
    public bool OnPostgres { get; private set; }
    public DateTime Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        OnPostgres = db.Database.IsNpgsql();
        if (OnPostgres) Provinces = await FederationStatus.ReadAsync(db.Database.GetDbConnection(), cancellationToken);
    }

    public static string Duration(TimeSpan? span) => span switch
    {
        null => "–",
        { TotalSeconds: < 1 } => "dưới 1 giây",
        { TotalMinutes: < 1 } s => $"{s.TotalSeconds:0} giây",
        { TotalHours: < 1 } s => $"{s.TotalMinutes:0} phút",
        { } s => $"{s.TotalHours:0.#} giờ",
    };
}
