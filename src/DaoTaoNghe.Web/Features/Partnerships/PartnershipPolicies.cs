using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Auth;

namespace DaoTaoNghe.Features.Partnerships;

/// <summary>Who may do what in this area; pages, endpoints, imports and the menu name these.</summary>
[AreaContract]
public sealed class PartnershipPolicies : IAreaPolicies
{
    public const string Write = "lien-ket.ghi";
    public const string Read = "lien-ket.xem";

    public IEnumerable<Permission> Permissions =>
    [
        new(Write, "Ghi thỏa thuận liên kết", Roles.ProvinceAdmin, Roles.Enterprise),
        new(Read, "Xem thỏa thuận liên kết", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.InstitutionStaff, Roles.Enterprise),
    ];
}
