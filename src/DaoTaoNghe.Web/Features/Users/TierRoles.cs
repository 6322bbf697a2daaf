using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Federation;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Users;

/// <summary>
/// The accounts an admin manages on this tier: a province's admin the accounts of the province's organisations with
/// province roles; the national admin the national roles' accounts, in the organisations that hold them (the
/// ministry's), never a province's organisation replicated into the national database.
/// </summary>
public sealed class TierRoles(AppDbContext db, TierSettings tier) : IHandler
{
    public IReadOnlyList<string> Offered => Of(tier);

    /// <summary>The role an admin may not take from themselves.</summary>
    public string AdminRole => tier.IsNational ? Roles.NationalAdmin : Roles.ProvinceAdmin;

    public static IReadOnlyList<string> Of(TierSettings tier) => tier.IsNational ? Roles.National : Roles.All;

    /// <summary>Accounts this admin manages.</summary>
    public IQueryable<AppUser> Accounts()
    {
        if (!tier.IsNational)
        {
            var provinceId = db.Scope.ProvinceId;
            return db.Users.Where(u => u.Organisation.ProvinceId == provinceId);
        }
        var national = NationalRoleIds();
        return db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && national.Contains(ur.RoleId)));
    }

    /// <summary>Organisations an account of this tier may belong to.</summary>
    public IQueryable<int> OrganisationIds()
    {
        if (!tier.IsNational)
        {
            var provinceId = db.Scope.ProvinceId;
            return Organisations.OrganisationDirectory.Visible(db).Where(o => o.ProvinceId == provinceId).Select(o => o.Id);
        }
        return Accounts().Select(u => u.OrganisationId).Distinct();
    }

    private IQueryable<int> NationalRoleIds() => db.Roles.Where(r => Roles.National.Contains(r.Name!)).Select(r => r.Id);
}
