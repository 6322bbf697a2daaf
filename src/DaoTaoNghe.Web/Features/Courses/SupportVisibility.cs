using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Scoping;

namespace DaoTaoNghe.Features.Courses;

/// <summary>How much of an enrolment's support a caller sees (the matrix in docs/personal-data.md).</summary>
public enum SupportView
{
    /// <summary>No amount: the amounts of one person name their group (meals go only to the two top groups, 6,000,000 đ only to the disabled).</summary>
    None = 0,

    /// <summary>The amounts, which the caller computes and pays, without the group or the reasoning that names it.</summary>
    Amounts = 1,

    /// <summary>Amounts, group and the calculator's reasoning.</summary>
    Full = 2,
}

/// <summary>
/// A person's support follows the visibility of the sensitive group it reveals. Holders of
/// <see cref="CommonPolicies.SensitivePersonalData"/> (the commune that collects the data, the province
/// admin who approves support, the inspectors) see everything; a training institution computes and pays
/// the money, signs the payment list with each learner and so sees the amounts, but not the group's name
/// nor the reasoning ("Thuộc 3 nhóm: Người khuyết tật…"); every other role (department officers, the
/// employment centre) sees no per-person amount at all. Totals of a course or an order stay visible:
/// budgets are followed on them.
/// </summary>
[AreaContract]
public static class SupportVisibility
{
    public static SupportView For(DataScope scope) =>
        scope.Holds(CommonPolicies.SensitivePersonalData) ? SupportView.Full
        : scope.Level == ScopeLevel.Institution ? SupportView.Amounts
        : SupportView.None;

    public static bool SeesAmounts(DataScope scope) => For(scope) != SupportView.None;

    public static bool SeesGroup(DataScope scope) => For(scope) == SupportView.Full;

    /// <summary>A person's amount as this caller may see it: the amount, or null.</summary>
    public static long? Amount(DataScope scope, long? amount) => SeesAmounts(scope) ? amount : null;
}
