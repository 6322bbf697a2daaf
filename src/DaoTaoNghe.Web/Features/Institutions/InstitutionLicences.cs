using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Institutions;

/// <summary>What an institution is licensed to teach (giấy chứng nhận đăng ký hoạt động GDNN), as other areas ask it.</summary>
[AreaContract]
public static class InstitutionLicences
{
    /// <summary>Whether the institution's licence covers the occupation at the level.</summary>
    public static Task<bool> CoverAsync(AppDbContext db, int institutionId, int occupationId, TrainingLevel level, CancellationToken cancellationToken) =>
        db.LicensedOccupations.AnyAsync(l => l.InstitutionId == institutionId && l.OccupationId == occupationId && l.Level == level, cancellationToken);
}
