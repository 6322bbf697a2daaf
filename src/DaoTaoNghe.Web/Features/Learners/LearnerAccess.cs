using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Scoping;

namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// Who may do what with a person's record, beyond which records they see (that is
/// <see cref="LearnerScopeRules"/>) and who holds <see cref="LearnerPolicies"/>. Sensitive fields
/// follow <see cref="CommonPolicies.SensitivePersonalData"/>. Department officers and the employment
/// centre read records province-wide without them and with the CCCD masked; training institutions
/// see the full CCCD of the learners enrolled with them (identity at enrolment, certificate register)
/// but no sensitive field. Enterprises and the bank see no learner.
/// </summary>
[AreaContract]
public static class LearnerAccess
{
    public static bool SeesSensitive(DataScope scope) => scope.Holds(CommonPolicies.SensitivePersonalData);

    public static bool SeesFullCccd(DataScope scope) => SeesSensitive(scope) || scope.Role == Roles.InstitutionStaff;

    public static bool MayWrite(DataScope scope) => scope.Holds(LearnerPolicies.Write);

    /// <summary>The CCCD as this caller may see it: whole, or masked (**********45).</summary>
    public static string? ShowCccd(DataScope scope, string? cccd) => SeesFullCccd(scope) ? cccd : Cccd.Mask(cccd);
}
