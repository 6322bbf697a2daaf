using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Scoping;

namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// Who may do what with a person's record, beyond which records they see (that is
/// <see cref="LearnerScopeRules"/>). Ethnicity, disability and household poverty are sensitive
/// personal data (Law 91/2025/QH15): shown to the commune officers who collect them, the province
/// admin who approves support and the inspectors who check it. Department officers and the
/// employment centre read records province-wide without them and with the CCCD masked; training
/// institutions see the full CCCD of the learners enrolled with them (identity at enrolment,
/// certificate register) but no sensitive field. Enterprises and the bank see no learner.
/// </summary>
public static class LearnerAccess
{
    public const string Readers = Roles.ProvinceAdmin + "," + Roles.DepartmentOfficer + "," + Roles.Inspector + ","
        + Roles.CommuneOfficer + "," + Roles.EmploymentCentre + "," + Roles.InstitutionStaff;

    public const string Writers = Roles.ProvinceAdmin + "," + Roles.CommuneOfficer;

    public static bool SeesSensitive(DataScope scope) =>
        scope.IsSystem || scope.Role is Roles.ProvinceAdmin or Roles.CommuneOfficer or Roles.Inspector;

    public static bool SeesFullCccd(DataScope scope) => SeesSensitive(scope) || scope.Role == Roles.InstitutionStaff;

    public static bool MayWrite(DataScope scope) => scope.Role is Roles.ProvinceAdmin or Roles.CommuneOfficer;

    /// <summary>The CCCD as this caller may see it: whole, or masked (012******345).</summary>
    public static string? ShowCccd(DataScope scope, string? cccd) => SeesFullCccd(scope) ? cccd : Cccd.Mask(cccd);
}
