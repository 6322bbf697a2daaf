using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Auth;

namespace DaoTaoNghe.Features.Programmes;

/// <summary>Who may do what in this area; pages, endpoints, imports and the menu name these.</summary>
[AreaContract]
public sealed class ProgrammePolicies : IAreaPolicies
{
    public const string Write = "chuong-trinh.ghi";

    public IEnumerable<Permission> Permissions =>
    [
        new(Write, "Ghi chương trình đào tạo, học liệu", Roles.ProvinceAdmin, Roles.InstitutionStaff),
    ];
}
