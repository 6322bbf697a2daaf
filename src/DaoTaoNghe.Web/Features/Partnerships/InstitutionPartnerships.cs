using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Institutions;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Partnerships;

/// <summary>An institution's page says how many agreements with enterprises it keeps, for those who may open the list.</summary>
public sealed class InstitutionPartnerships(AppDbContext db) : IRecordPart<InstitutionProfile>
{
    public sealed record Section(int InstitutionId, int Count);

    public int Order => 30;

    public async Task<RecordPartView?> LoadAsync(int institutionId, CancellationToken cancellationToken)
    {
        if (!db.Scope.OpensListsOf(institutionId)) return null;
        var count = await db.Partnerships.CountAsync(p => p.InstitutionId == institutionId && p.IsActive, cancellationToken);
        return new RecordPartView("/Features/Partnerships/_InstitutionPartnerships.cshtml", new Section(institutionId, count));
    }
}
