using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Auth;

namespace DaoTaoNghe.Features.Learners;

/// <summary>Who may do what in this area; pages, endpoints, imports and the menu name these.</summary>
[AreaContract]
public sealed class LearnerPolicies : IAreaPolicies
{
    public const string Read = "nguoi-hoc.xem";
    public const string Write = "nguoi-hoc.ghi";

    /// <summary>The national tier's shared-person cases: the ministry, and each province's reconciliation account for its own.</summary>
    public const string ReadSharedPersonCases = "nguoi-hoc.doi-soat";

    public IEnumerable<Permission> Permissions =>
    [
        new(Read, "Xem hồ sơ người học", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.CommuneOfficer, Roles.EmploymentCentre, Roles.InstitutionStaff,
            Roles.MinistryOfficer, Roles.NationalInspector),
        new(Write, "Đăng ký, sửa, gộp hồ sơ người học", Roles.ProvinceAdmin, Roles.CommuneOfficer),
        new(ReadSharedPersonCases, "Đọc các trường hợp một người có hồ sơ ở nhiều tỉnh (cấp quốc gia báo lại để các tỉnh đối soát)",
            Roles.MinistryOfficer, Roles.NationalInspector, Roles.ProvinceReconciliation),
    ];
}
