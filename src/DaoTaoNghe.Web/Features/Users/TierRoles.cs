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
        // A province's reconciliation account belongs to the province's Sở (replicated), which binds it to the province.
        return Accounts().Select(u => u.OrganisationId)
            .Union(Organisations.OrganisationDirectory.Visible(db).Where(o => ReconciliationKinds.Contains(o.Kind)).Select(o => o.Id));
    }

    private static readonly Organisations.OrganisationKind[] ReconciliationKinds = [.. RoleRules.KindsFor(Roles.ProvinceReconciliation)];

    /// <summary>
    /// Why a national account may not belong to this organisation, or null: a province's reconciliation account to a
    /// province's organisation (which binds it to that province), never the ministry's (the organisations of the other
    /// national accounts); every other national account to the ministry's.
    /// </summary>
    public async Task<string?> MisplacedAsync(string role, int organisationId, CancellationToken cancellationToken)
    {
        if (!tier.IsNational) return null;
        var ministry = NationalRoleIds(Roles.ProvinceReconciliation);
        var ofMinistry = await db.Users.AnyAsync(u => u.OrganisationId == organisationId
            && db.UserRoles.Any(ur => ur.UserId == u.Id && ministry.Contains(ur.RoleId)), cancellationToken);
        if (role == Roles.ProvinceReconciliation && ofMinistry)
            return "Tài khoản đối soát của tỉnh phải thuộc Sở GD&ĐT (hoặc UBND) của tỉnh đó: tài khoản chỉ đọc các trường hợp của tỉnh mình.";
        if (role != Roles.ProvinceReconciliation && !ofMinistry)
            return "Tài khoản cấp quốc gia thuộc cơ quan của Bộ, không thuộc cơ quan của một tỉnh.";
        return null;
    }

    private IQueryable<int> NationalRoleIds(string? except = null) =>
        db.Roles.Where(r => Roles.National.Contains(r.Name!) && r.Name != except).Select(r => r.Id);
}
