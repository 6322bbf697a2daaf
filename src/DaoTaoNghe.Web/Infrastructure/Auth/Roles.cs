namespace DaoTaoNghe.Infrastructure.Auth;

/// <summary>The roles of domain.md. A user holds exactly one.</summary>
public static class Roles
{
    public const string ProvinceAdmin = "ProvinceAdmin";
    public const string DepartmentOfficer = "DepartmentOfficer";
    public const string CommuneOfficer = "CommuneOfficer";
    public const string InstitutionStaff = "InstitutionStaff";
    public const string Enterprise = "Enterprise";
    public const string EmploymentCentre = "EmploymentCentre";
    public const string SocialPolicyBank = "SocialPolicyBank";
    public const string Inspector = "Inspector";

    /// <summary>Roles whose view covers the whole province.</summary>
    public const string ProvinceWide = ProvinceAdmin + "," + DepartmentOfficer + "," + Inspector;

    /// <summary>Admins and inspectors: the audit trail.</summary>
    public const string Auditors = ProvinceAdmin + "," + Inspector;

    public static readonly IReadOnlyList<string> All =
    [
        ProvinceAdmin, DepartmentOfficer, CommuneOfficer, InstitutionStaff,
        Enterprise, EmploymentCentre, SocialPolicyBank, Inspector,
    ];

    public static string DisplayName(string? role) => role switch
    {
        ProvinceAdmin => "Quản trị cấp tỉnh (Sở GD&ĐT)",
        DepartmentOfficer => "Cán bộ sở, ngành",
        CommuneOfficer => "Cán bộ UBND xã, phường",
        InstitutionStaff => "Cán bộ cơ sở đào tạo",
        Enterprise => "Doanh nghiệp",
        EmploymentCentre => "Trung tâm Dịch vụ việc làm",
        SocialPolicyBank => "Ngân hàng Chính sách xã hội",
        Inspector => "Thanh tra",
        _ => "Khách",
    };
}

/// <summary>Claims carried by the sign-in cookie and the API-key principal.</summary>
public static class AppClaims
{
    public const string OrganisationId = "dtn:org";
    public const string OrganisationName = "dtn:org_name";
    public const string ProvinceId = "dtn:province";
    public const string CommuneId = "dtn:commune";
    public const string FullName = "dtn:full_name";

    /// <summary>The API key a machine client signed in with: what its Idempotency-Keys belong to.</summary>
    public const string ApiKeyId = "dtn:api-key";
}
