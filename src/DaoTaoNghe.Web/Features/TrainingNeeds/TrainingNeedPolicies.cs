using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Auth;

namespace DaoTaoNghe.Features.TrainingNeeds;

/// <summary>Who may do what in this area; pages, endpoints, imports and the menu name these.</summary>
[AreaContract]
public sealed class TrainingNeedPolicies : IAreaPolicies
{
    public const string Read = "nhu-cau.xem";
    public const string Write = "nhu-cau.ghi";

    public IEnumerable<Permission> Permissions =>
    [
        new(Read, "Xem nhu cầu học nghề", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.CommuneOfficer),
        new(Write, "Ghi nhu cầu học nghề", Roles.ProvinceAdmin, Roles.CommuneOfficer),
    ];
}
