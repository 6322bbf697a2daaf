using DaoTaoNghe.Infrastructure.Auth;

namespace DaoTaoNghe.Features.Users;

/// <summary>Who manages accounts: the province admin on a province, the national admin on the national tier (each only its tier's roles).</summary>
public sealed class UserPolicies : IAreaPolicies
{
    public const string ManageAccounts = "tai-khoan.quan-ly";

    public IEnumerable<Permission> Permissions =>
    [
        new(ManageAccounts, "Quản lý tài khoản người dùng của tỉnh (cấp quốc gia: tài khoản cấp quốc gia)", Roles.ProvinceAdmin, Roles.NationalAdmin),
    ];
}
