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

    // The national tier's roles (docs/federation.md): they exist only in the national database.
    public const string NationalAdmin = "NationalAdmin";
    public const string MinistryOfficer = "MinistryOfficer";
    public const string NationalInspector = "NationalInspector";

    /// <summary>
    /// A province's system reading the national tier: bound to one province (its account's organisation is that
    /// province's), it reads only the cases of people registered both there and elsewhere, and nothing else.
    /// </summary>
    public const string ProvinceReconciliation = "ProvinceReconciliation";

    /// <summary>Roles whose view covers the whole province.</summary>
    public const string ProvinceWide = ProvinceAdmin + "," + DepartmentOfficer + "," + Inspector;

    /// <summary>Admins and inspectors: the audit trail.</summary>
    public const string Auditors = ProvinceAdmin + "," + Inspector;

    public static readonly IReadOnlyList<string> All =
    [
        ProvinceAdmin, DepartmentOfficer, CommuneOfficer, InstitutionStaff,
        Enterprise, EmploymentCentre, SocialPolicyBank, Inspector,
    ];

    /// <summary>The roles of the national tier; a province's accounts hold none of them.</summary>
    public static readonly IReadOnlyList<string> National = [NationalAdmin, MinistryOfficer, NationalInspector, ProvinceReconciliation];

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
        NationalAdmin => "Quản trị cấp quốc gia",
        MinistryOfficer => "Cán bộ Bộ GD&ĐT (Cục Giáo dục nghề nghiệp và Giáo dục thường xuyên)",
        NationalInspector => "Thanh tra cấp quốc gia",
        ProvinceReconciliation => "Tài khoản đối soát của tỉnh (hệ thống của tỉnh đọc các trường hợp một người có hồ sơ ở nhiều tỉnh)",
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
