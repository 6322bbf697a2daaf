using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Home;

/// <summary>The home page: what waits for the signed-in person ("Việc cần làm"), then their province at a glance.</summary>
public class Index(AppDbContext db, IEnumerable<IWorkSource> work) : PageModel
{
    public IReadOnlyList<WorkItem> Work { get; private set; } = [];
    public string ProvinceName { get; private set; } = "";
    public int CommuneCount { get; private set; }
    public int OrganisationCount { get; private set; }
    public string? CommuneName { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Work = await work.LoadAsync(cancellationToken);
        var scope = db.Scope;
        ProvinceName = await UnitDirectory.Units(db).Where(u => u.Id == scope.ProvinceId).Select(u => u.Name).SingleOrDefaultAsync() ?? "";
        CommuneCount = await UnitDirectory.Units(db).CountAsync(u => u.ProvinceId == scope.ProvinceId && u.Level == UnitLevel.Commune && u.ValidTo == null);
        OrganisationCount = await OrganisationDirectory.Visible(db).CountAsync(o => o.ProvinceId == scope.ProvinceId && o.IsActive);
        if (scope.CommuneId != 0)
            CommuneName = await UnitDirectory.Units(db).Where(u => u.Id == scope.CommuneId).Select(u => u.Name).SingleOrDefaultAsync();
    }
}
