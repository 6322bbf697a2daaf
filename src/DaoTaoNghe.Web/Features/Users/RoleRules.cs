using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Auth;

namespace DaoTaoNghe.Features.Users;

/// <summary>Which kind of organisation each role belongs to: a commune officer works for a UBND xã, and so on.</summary>
public static class RoleRules
{
    public static IReadOnlyList<OrganisationKind> KindsFor(string role) => role switch
    {
        Roles.ProvinceAdmin => [OrganisationKind.Department, OrganisationKind.ProvincialGovernment],
        // Thanh tra tỉnh is also a department that reports and carries out plan tasks (domain.md), besides its read-only inspectors.
        Roles.DepartmentOfficer => [OrganisationKind.Department, OrganisationKind.ProvincialGovernment, OrganisationKind.Inspectorate, OrganisationKind.Other],
        Roles.Inspector => [OrganisationKind.Inspectorate, OrganisationKind.Department],
        Roles.CommuneOfficer => [OrganisationKind.CommuneGovernment],
        Roles.InstitutionStaff => [OrganisationKind.TrainingInstitution],
        Roles.Enterprise => [OrganisationKind.Enterprise],
        Roles.EmploymentCentre => [OrganisationKind.EmploymentCentre],
        Roles.SocialPolicyBank => [OrganisationKind.SocialPolicyBank],
        // The national tier's accounts work for the ministry (the Cục, a department) or its inspectorate.
        Roles.NationalAdmin or Roles.MinistryOfficer => [OrganisationKind.Department],
        Roles.NationalInspector => [OrganisationKind.Department, OrganisationKind.Inspectorate],
        // A province's reconciliation account belongs to the province's Sở (replicated), which binds it to the province.
        Roles.ProvinceReconciliation => [OrganisationKind.Department, OrganisationKind.ProvincialGovernment],
        _ => [],
    };

    public static bool Fits(string role, OrganisationKind kind) => KindsFor(role).Contains(kind);
}
