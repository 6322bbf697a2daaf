using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Auth;

namespace DaoTaoNghe.Features.Trainers;

/// <summary>Who may do what in this area; pages, endpoints, imports and the menu name these.</summary>
[AreaContract]
public sealed class TrainerPolicies : IAreaPolicies
{
    public const string Write = "nha-giao.ghi";
    public const string Read = "nha-giao.xem";

    public IEnumerable<Permission> Permissions =>
    [
        new(Write, "Ghi nhà giáo, người dạy nghề", Roles.ProvinceAdmin, Roles.InstitutionStaff),
        new(Read, "Xem nhà giáo, người dạy nghề", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.InstitutionStaff),
    ];
}
