using DaoTaoNghe.Features.Catalogues;

namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// The one rule for sensitive personal data on a person's record (Luật Bảo vệ dữ liệu cá nhân
/// 91/2025/QH15): ethnicity, disability and a household's poverty status are recorded only while the
/// person's consent to the processing is in force. The form, the household page and the import all ask it.
/// </summary>
public static class SensitiveData
{
    public const string WithoutConsent =
        "Chưa có sự đồng ý xử lý dữ liệu cá nhân của người học: không được ghi {0} (dữ liệu nhạy cảm theo Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15).";

    /// <summary>Each sensitive value given without consent, as the field it came in and a Vietnamese refusal.</summary>
    public static IEnumerable<(string Field, string Message)> Refusals(bool consented, int? ethnicGroupId,
        IReadOnlyCollection<PriorityCategory> categories, HouseholdStatus? household)
    {
        if (consented) yield break;
        if (ethnicGroupId is not null) yield return (nameof(LearnerFields.EthnicGroupId), string.Format(WithoutConsent, "dân tộc"));
        if (categories.Contains(PriorityCategory.Disabled)) yield return (nameof(LearnerFields.Categories), string.Format(WithoutConsent, "tình trạng khuyết tật"));
        if (household is not null) yield return (HouseholdField, string.Format(WithoutConsent, "tình trạng hộ nghèo, cận nghèo"));
    }

    /// <summary>The name forms and import rows give the household status.</summary>
    public const string HouseholdField = "HouseholdStatus";
}
