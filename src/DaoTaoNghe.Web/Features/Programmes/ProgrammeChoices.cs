using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Programmes;

/// <summary>A programme as courses and orders use it: what it teaches, how long, and the norm cost per learner on a date.</summary>
[AreaContract]
public sealed record ProgrammeChoice(
    int Id, int InstitutionId, string Name, int OccupationId, string OccupationCode, string OccupationName, TrainingLevel Level,
    int DurationHours, bool IsKey, long? CostPerLearner)
{
    public string Label => $"{Name} – {Fmt.Enum(Level)}, {Fmt.Number(DurationHours)} giờ";
}

/// <summary>The programme registry's small, named queries other features use to fill their forms and check their input.</summary>
[AreaContract]
public sealed class ProgrammeChoices(AppDbContext db) : IHandler
{
    /// <summary>An institution's programmes in use, each with the norm in force on <paramref name="at"/> (null when none applies yet).</summary>
    public Task<List<ProgrammeChoice>> OfInstitutionAsync(int institutionId, DateOnly at, CancellationToken cancellationToken = default) =>
        Project(db.Programmes.AsNoTracking().Where(p => p.InstitutionId == institutionId && p.IsActive).OrderBy(p => p.Name), at)
            .ToListAsync(cancellationToken);

    /// <summary>One programme the caller may see, active or not, with the norm in force on <paramref name="at"/>; null when not found.</summary>
    public Task<ProgrammeChoice?> FindAsync(int programmeId, DateOnly at, CancellationToken cancellationToken = default) =>
        Project(db.Programmes.AsNoTracking().Where(p => p.Id == programmeId), at).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The cost per learner in force on <paramref name="at"/>: the latest norm starting on or before that day.</summary>
    public Task<long?> NormAtAsync(int programmeId, DateOnly at, CancellationToken cancellationToken = default) =>
        db.ProgrammeNorms.AsNoTracking().Where(n => n.ProgrammeId == programmeId && n.EffectiveFrom <= at)
            .OrderByDescending(n => n.EffectiveFrom).Select(n => (long?)n.CostPerLearner).FirstOrDefaultAsync(cancellationToken);

    private static IQueryable<ProgrammeChoice> Project(IQueryable<Programme> programmes, DateOnly at) =>
        programmes.Select(p => new ProgrammeChoice(p.Id, p.InstitutionId, p.Name, p.OccupationId, p.Occupation.Code, p.Occupation.Name, p.Level,
            p.DurationHours, p.IsKey,
            p.Norms.Where(n => n.EffectiveFrom <= at).OrderByDescending(n => n.EffectiveFrom).Select(n => (long?)n.CostPerLearner).FirstOrDefault()));
}
