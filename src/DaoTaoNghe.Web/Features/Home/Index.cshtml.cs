using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Home;

/// <summary>
/// The home page: what waits for the signed-in person ("Việc cần làm"); those who watch the whole
/// province (<see cref="CommonPolicies.ReadProvince"/>) also get the province at a glance, which says nothing to a
/// commune, a school, an enterprise or the bank.
/// </summary>
public class Index(AppDbContext db, IEnumerable<IWorkSource> work, Menu menu) : PageModel
{
    /// <summary>The national tier's pages, shown to a ministry user instead of a province at a glance (each to whoever its page lets in).</summary>
    private static readonly IReadOnlyList<MenuItem> NationalPages =
    [
        new("So sánh các tỉnh", "/Indicators/Provinces"),
        new("Liên thông dữ liệu các tỉnh", "/Federation"),
        new("Tài khoản người dùng", "/Users"),
    ];

    public bool IsNational { get; private set; }
    public IReadOnlyList<MenuItem> National { get; private set; } = [];

    public IReadOnlyList<WorkItem> Work { get; private set; } = [];
    public string ProvinceName { get; private set; } = "";
    public int CommuneCount { get; private set; }
    public int OrganisationCount { get; private set; }
    public string? CommuneName { get; private set; }
    public bool ShowsProvince { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Work = await work.LoadAsync(cancellationToken);
        var scope = db.Scope;
        IsNational = scope.Level == ScopeLevel.National;
        if (IsNational)
        {
            National = NationalPages.Where(p => menu.Allows(User, p.Url)).ToList();
            return;
        }
        ProvinceName = await UnitDirectory.Units(db).Where(u => u.Id == scope.ProvinceId).Select(u => u.Name).SingleOrDefaultAsync() ?? "";
        if (scope.CommuneId != 0)
            CommuneName = await UnitDirectory.Units(db).Where(u => u.Id == scope.CommuneId).Select(u => u.Name).SingleOrDefaultAsync();
        ShowsProvince = User.Holds(CommonPolicies.ReadProvince);
        if (!ShowsProvince) return;
        CommuneCount = await UnitDirectory.Units(db).CountAsync(u => u.ProvinceId == scope.ProvinceId && u.Level == UnitLevel.Commune && u.ValidTo == null);
        OrganisationCount = await OrganisationDirectory.Visible(db).CountAsync(o => o.ProvinceId == scope.ProvinceId && o.IsActive);
    }
}
