using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Auth;

namespace DaoTaoNghe.Features.Registries;

/// <summary>Who may do what in this area; pages, endpoints, imports and the menu name these.</summary>
[AreaContract]
public sealed class RegistryPolicies : IAreaPolicies
{
    public const string ReadIndicators = "danh-muc.chi-so";

    public IEnumerable<Permission> Permissions =>
    [
        new(ReadIndicators, "Xem chỉ số kiểm định, liên kết", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.InstitutionStaff),
    ];
}
