using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Auth;

namespace DaoTaoNghe.Features.Enterprises;

/// <summary>Who may do what in this area; pages, endpoints, imports and the menu name these.</summary>
[AreaContract]
public sealed class EnterprisePolicies : IAreaPolicies
{
    public const string Write = "doanh-nghiep.ghi";

    public IEnumerable<Permission> Permissions =>
    [
        new(Write, "Sửa hồ sơ doanh nghiệp", Roles.ProvinceAdmin, Roles.Enterprise),
    ];
}
