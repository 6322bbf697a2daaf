using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Learners;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.PersonalData;

/// <summary>A person's requests are theirs: a merge of duplicates moves them to the record kept.</summary>
public sealed class SubjectRequestReferences(AppDbContext db) : IPersonReferences
{
    public int Order => 50;

    public IReadOnlyCollection<Type> Entities { get; } = [typeof(SubjectRequest)];

    public async Task RepointAsync(int mergedId, int survivorId, CancellationToken cancellationToken)
    {
        foreach (var request in await db.SubjectRequests.IgnoreQueryFilters().Where(r => r.LearnerId == mergedId).ToListAsync(cancellationToken))
            request.LearnerId = survivorId;
    }
}
