using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Auth;

namespace DaoTaoNghe.Features.Outreach;

/// <summary>Who may do what in this area; pages, endpoints, imports and the menu name these.</summary>
[AreaContract]
public sealed class OutreachPolicies : IAreaPolicies
{
    public const string Write = "tuyen-truyen.ghi";

    public IEnumerable<Permission> Permissions =>
    [
        new(Write, "Ghi hoạt động tuyên truyền", Roles.ProvinceAdmin, Roles.CommuneOfficer, Roles.InstitutionStaff, Roles.EmploymentCentre),
    ];
}
