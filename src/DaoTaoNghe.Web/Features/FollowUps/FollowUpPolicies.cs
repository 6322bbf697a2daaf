using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Auth;

namespace DaoTaoNghe.Features.FollowUps;

/// <summary>Who may do what in this area; pages, endpoints, imports and the menu name these.</summary>
[AreaContract]
public sealed class FollowUpPolicies : IAreaPolicies
{
    public const string Read = "theo-doi.xem";
    public const string Write = "theo-doi.ghi";
    public const string ReadNationalPersons = "theo-doi.viec-lam-ca-nuoc";

    public IEnumerable<Permission> Permissions =>
    [
        new(Read, "Xem theo dõi việc làm sau đào tạo", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.CommuneOfficer, Roles.InstitutionStaff, Roles.EmploymentCentre),
        new(Write, "Ghi kết quả theo dõi việc làm", Roles.ProvinceAdmin, Roles.CommuneOfficer),
        new(ReadNationalPersons, "Xem danh sách người được giải quyết việc làm của cả nước (cấp quốc gia)", Roles.MinistryOfficer, Roles.NationalInspector),
    ];
}
