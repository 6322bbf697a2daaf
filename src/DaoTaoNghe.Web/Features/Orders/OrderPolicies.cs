using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Auth;

namespace DaoTaoNghe.Features.Orders;

/// <summary>Who may do what in this area; pages, endpoints, imports and the menu name these.</summary>
[AreaContract]
public sealed class OrderPolicies : IAreaPolicies
{
    public const string Read = "don-hang.xem";

    public IEnumerable<Permission> Permissions =>
    [
        new(Read, "Xem đơn đặt hàng đào tạo", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.InstitutionStaff),
    ];
}
