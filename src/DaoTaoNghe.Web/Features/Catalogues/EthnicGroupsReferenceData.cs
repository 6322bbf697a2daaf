using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Catalogues;

/// <summary>The 54 ethnic groups of QĐ 1019/QĐ-TCTK in every database; adds only what is missing.</summary>
public sealed class EthnicGroupsReferenceData : IStartupData
{
    public int Order => 20;
    public string Title => "Danh mục dân tộc";

    public Task RunAsync(StartupDataContext context, CancellationToken cancellationToken) =>
        LoadEthnicGroupsAsync(context.Services.GetRequiredService<AppDbContext>(), cancellationToken);

    private static async Task LoadEthnicGroupsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var existing = (await db.EthnicGroups.Select(e => e.Code).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var row in ReferenceFiles.ReadCsv("ethnic_groups.csv").Where(r => !existing.Contains(r["code"])))
            db.EthnicGroups.Add(new EthnicGroup { Code = row["code"], Name = row["name"] });
        await db.SaveChangesAsync(cancellationToken);
    }
}
