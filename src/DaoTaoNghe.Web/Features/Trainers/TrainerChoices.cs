using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Trainers;

[AreaContract]
public sealed record TrainerChoice(int Id, string FullName, TrainerKind Kind, string? Qualification);

/// <summary>The trainer registry's small, named query for course forms: who can teach for an institution.</summary>
[AreaContract]
public sealed class TrainerChoices(AppDbContext db) : IHandler
{
    /// <summary>Active trainers kept by or teaching for the institution, optionally only those teaching an occupation; within the caller's scope.</summary>
    public Task<List<TrainerChoice>> OfInstitutionAsync(int institutionId, int? occupationId = null, CancellationToken cancellationToken = default)
    {
        var trainers = db.Trainers.AsNoTracking()
            .Where(t => t.IsActive && (t.InstitutionId == institutionId || t.OtherInstitutions.Any(i => i.InstitutionId == institutionId)));
        if (occupationId is { } id) trainers = trainers.Where(t => t.Occupations.Any(o => o.OccupationId == id));
        return trainers.OrderBy(t => t.FullName)
            .Select(t => new TrainerChoice(t.Id, t.FullName, t.Kind, t.Qualification))
            .ToListAsync(cancellationToken);
    }
}
