using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Institutions;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Trainers;

/// <summary>An institution's page says how many trainers teach there, for those who may open the list of trainers.</summary>
public sealed class InstitutionTrainers(AppDbContext db) : IRecordPart<InstitutionProfile>
{
    public sealed record Section(int InstitutionId, int Count);

    public int Order => 20;

    public async Task<RecordPartView?> LoadAsync(int institutionId, CancellationToken cancellationToken)
    {
        if (!db.Scope.OpensListsOf(institutionId)) return null;
        var count = await db.Trainers.CountAsync(t => t.IsActive && (t.InstitutionId == institutionId || t.OtherInstitutions.Any(i => i.InstitutionId == institutionId)),
            cancellationToken);
        return new RecordPartView("/Features/Trainers/_InstitutionTrainers.cshtml", new Section(institutionId, count));
    }
}
