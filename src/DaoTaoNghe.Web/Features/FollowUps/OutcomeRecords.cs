using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.FollowUps;

/// <summary>Employment outcomes as other areas read them (untracked, through the caller's scope); they record theirs through <see cref="EmploymentOutcomes"/>.</summary>
[AreaContract]
public static class OutcomeRecords
{
    public static IQueryable<EmploymentOutcome> Visible(AppDbContext db) => db.EmploymentOutcomes.AsNoTracking();
}
