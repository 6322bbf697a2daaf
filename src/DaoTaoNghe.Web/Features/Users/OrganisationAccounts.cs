using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Users;

/// <summary>An organisation's page shows the province admin how many accounts it has, with a link to them.</summary>
public sealed class OrganisationAccounts(AppDbContext db) : IRecordPart<Organisation>
{
    public sealed record Section(int OrganisationId, int Count);

    public int Order => 10;

    public async Task<RecordPartView?> LoadAsync(int organisationId, CancellationToken cancellationToken)
    {
        if (!db.Scope.IsProvinceAdmin) return null;
        var count = await db.Users.CountAsync(u => u.OrganisationId == organisationId && !u.IsDisabled, cancellationToken);
        return new RecordPartView("/Features/Users/_OrganisationAccounts.cshtml", new Section(organisationId, count));
    }
}
