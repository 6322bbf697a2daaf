using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Learners;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.TrainingNeeds;

/// <summary>A merged person's training wishes move, except for an occupation and year the survivor has already stated.</summary>
public sealed class TrainingNeedPersonReferences(AppDbContext db) : IPersonReferences
{
    public int Order => 30;

    public IReadOnlyCollection<Type> Entities { get; } = [typeof(TrainingNeed)];

    public async Task RepointAsync(int mergedId, int survivorId, CancellationToken cancellationToken)
    {
        var survivorWishes = await db.TrainingNeeds.IgnoreQueryFilters().Where(n => n.LearnerId == survivorId)
            .Select(n => new { n.OccupationId, n.Year }).ToListAsync(cancellationToken);
        foreach (var need in await db.TrainingNeeds.IgnoreQueryFilters().Where(n => n.LearnerId == mergedId).ToListAsync(cancellationToken))
            if (!survivorWishes.Any(w => w.OccupationId == need.OccupationId && w.Year == need.Year))
                need.LearnerId = survivorId;
    }
}
