using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Institutions;

/// <summary>How much of a course a learner must attend before "Đạt" stands without a reason, as courses ask it.</summary>
[AreaContract]
public static class InstitutionAttendance
{
    /// <summary>
    /// No regulation text available here fixes the share for sơ cấp and short courses; 80 % is the
    /// province's decision, the share most sơ cấp programmes set for sitting the final assessment.
    /// The province admin sets another share for an institution on its registry record.
    /// </summary>
    public const int DefaultMinimumPercent = 80;

    public const int LowestPercent = 50;

    public static async Task<int> MinimumPercentAsync(AppDbContext db, int institutionId, CancellationToken cancellationToken) =>
        (await MinimumPercentsAsync(db, [institutionId], cancellationToken))[institutionId];

    /// <summary>Each institution's share, the default where its record sets none.</summary>
    public static async Task<IReadOnlyDictionary<int, int>> MinimumPercentsAsync(AppDbContext db, IReadOnlyCollection<int> institutionIds, CancellationToken cancellationToken)
    {
        var set = await db.InstitutionProfiles.AsNoTracking()
            .Where(p => institutionIds.Contains(p.OrganisationId) && p.MinimumAttendancePercent != null)
            .ToDictionaryAsync(p => p.OrganisationId, p => p.MinimumAttendancePercent!.Value, cancellationToken);
        return institutionIds.Distinct().ToDictionary(id => id, id => set.GetValueOrDefault(id, DefaultMinimumPercent));
    }
}
