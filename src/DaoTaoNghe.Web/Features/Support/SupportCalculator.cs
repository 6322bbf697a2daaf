using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Support;

/// <summary>A rule set as the calculator reads it.</summary>
[AreaContract]
public sealed record SupportRules(
    int Id, string Code, DateOnly EffectiveFrom, DateOnly? EffectiveTo, bool OncePerPerson, long MealPerDay,
    IReadOnlyList<SupportGroupLevel> Groups, IReadOnlyList<SupportTravelLevel> Travel,
    string? Policy = null, IReadOnlyList<TrainingLevel>? Levels = null, IReadOnlyList<int>? PolicyRuleSetIds = null)
{
    public bool IsInForceOn(DateOnly date) => EffectiveFrom <= date && (EffectiveTo is null || EffectiveTo >= date);

    /// <summary>The policy the set implements; a set that names none is its own policy.</summary>
    public string PolicyName => string.IsNullOrWhiteSpace(Policy) ? Code : Policy;

    /// <summary>Every rule set of the same policy in the province (this one included): "once per person" holds across them.</summary>
    public IReadOnlyList<int> SamePolicy => PolicyRuleSetIds is { Count: > 0 } ids ? ids : [Id];

    /// <summary>One id standing for the policy, for run-wide counters that key on it.</summary>
    public int PolicyKey => SamePolicy.Min();

    public bool Covers(TrainingLevel level) => Levels is not { Count: > 0 } covered || covered.Contains(level);

    public static string LevelsText(IEnumerable<TrainingLevel> levels) => string.Join(", ", levels.Select(l => Fmt.Enum(l).ToLowerInvariant()));

    /// <summary>The stored level names; a name no level has any more is left out rather than failing a page.</summary>
    public static IReadOnlyList<TrainingLevel>? ParseLevels(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => Enum.TryParse<TrainingLevel>(name, out var level) && Enum.IsDefined(level) ? level : (TrainingLevel?)null)
            .OfType<TrainingLevel>().ToList() is { Count: > 0 } levels ? levels : null;

    public static string? FormatLevels(IEnumerable<TrainingLevel>? levels) =>
        levels?.Distinct().Order().ToList() is { Count: > 0 } list ? string.Join(",", list) : null;
}

[AreaContract]
public sealed record SupportGroupLevel(SupportGroup Group, long MaxPerCourse, bool GetsMeals, bool GetsTravel);

public sealed record SupportTravelLevel(int MinDistanceKm, long MaxAmount, TravelCondition Condition);

/// <summary>
/// What the rules ask about the learner, as of the course: household status for the course's
/// year, residence commune's classification on its start date.
/// </summary>
[AreaContract]
public sealed record LearnerFacts(
    bool Disabled = false, bool EthnicMinority = false, bool PoorHousehold = false, bool NearPoorHousehold = false,
    bool PersonWithMerit = false, bool LandRecovered = false, bool WomanLostJob = false, bool Fisher = false,
    CommuneDifficulty? ResidenceDifficulty = null);

/// <summary>The course as the rules see it: when it starts, what one learner's training actually costs, days actually studied, the way home.</summary>
[AreaContract]
public sealed record CourseFacts(DateOnly StartDate, long ActualUnitCost, int DaysStudied, double? DistanceKm = null, long? TravelFare = null,
    TrainingLevel? Level = null);

/// <summary>Earlier support: under the same policy, by any of its rule sets (for "once per person"), or from another state policy.</summary>
[AreaContract]
public sealed record SupportHistory(bool AlreadySupportedUnderRuleSet = false, bool OtherPolicyPaid = false)
{
    public static SupportHistory None { get; } = new();
}

/// <summary>
/// One step of the reasoning. <see cref="NamesNoGroup"/> is set by the line's writer, which knows what
/// the line depends on: a line that names no group and follows from no group (a course outside the
/// policy's levels, support paid before) may be shown to those who see amounts but not groups (the
/// institution); every other line reveals the group, if only by being reached.
/// </summary>
[AreaContract]
public sealed record SupportLine(string Text, bool NamesNoGroup = false)
{
    public static SupportLine WithoutGroup(string text) => new(text, NamesNoGroup: true);
}

/// <summary>The amounts and, line by line in Vietnamese, how they were derived.</summary>
[AreaContract]
public sealed record SupportResult(
    int? RuleSetId, string? RuleSetCode, SupportGroup? Group, long Tuition, long Meals, long Travel, IReadOnlyList<SupportLine> Reasoning)
{
    public long Total => Tuition + Meals + Travel;

    public IReadOnlyList<string> Lines => Reasoning.Select(l => l.Text).ToList();

    /// <summary>The lines that name no group, for those who see amounts but not groups.</summary>
    public IReadOnlyList<string> LinesWithoutGroup => Reasoning.Where(l => l.NamesNoGroup).Select(l => l.Text).ToList();
}

/// <summary>
/// Support money for one learner in one course, from the rule set in force on the course's start
/// date: training cost at the highest single group level that applies, never above the actual
/// cost; meals per day actually studied and travel at the public-transport fare, both only for
/// groups the rule set gives them to; nothing when the person was already supported under a
/// once-per-person rule set or another state policy paid. Pure: all facts come in as arguments.
/// </summary>
[AreaContract]
public static class SupportCalculator
{
    public static SupportRules? InForceOn(IEnumerable<SupportRules> ruleSets, DateOnly date) =>
        ruleSets.Where(r => r.IsInForceOn(date)).OrderByDescending(r => r.EffectiveFrom).FirstOrDefault();

    /// <summary>Every group the learner belongs to, in the decision's order; everyone is at least a rural worker.</summary>
    public static IReadOnlyList<SupportGroup> EligibleGroups(LearnerFacts learner)
    {
        var groups = new List<SupportGroup>();
        if (learner.Disabled) groups.Add(SupportGroup.Disabled);
        if (learner.EthnicMinority && learner.PoorHousehold) groups.Add(SupportGroup.EthnicMinorityPoorHousehold);
        if (learner.PoorHousehold && learner.ResidenceDifficulty == CommuneDifficulty.EspeciallyDifficult)
            groups.Add(SupportGroup.PoorHouseholdEspeciallyDifficultCommune);
        if (learner.EthnicMinority) groups.Add(SupportGroup.EthnicMinority);
        if (learner.PersonWithMerit) groups.Add(SupportGroup.PersonWithMerit);
        if (learner.PoorHousehold) groups.Add(SupportGroup.PoorHousehold);
        if (learner.LandRecovered) groups.Add(SupportGroup.LandRecovered);
        if (learner.WomanLostJob) groups.Add(SupportGroup.WomanLostJob);
        if (learner.Fisher) groups.Add(SupportGroup.Fisher);
        if (learner.NearPoorHousehold) groups.Add(SupportGroup.NearPoorHousehold);
        groups.Add(SupportGroup.RuralWorker);
        return groups;
    }

    /// <summary>
    /// The rule set's levels for every group the learner belongs to, in the decision's order; the
    /// residual "other rural workers" level only when no named group of the rule set applies.
    /// </summary>
    public static List<SupportGroupLevel> Levels(SupportRules rules, LearnerFacts learner)
    {
        var levels = EligibleGroups(learner).Select(g => rules.Groups.FirstOrDefault(r => r.Group == g)).OfType<SupportGroupLevel>().ToList();
        return levels.Count > 1 ? levels.Where(l => l.Group != SupportGroup.RuralWorker).ToList() : levels;
    }

    /// <summary>The single level paid: the highest maximum, the decision's order breaking ties.</summary>
    public static SupportGroupLevel? Highest(IEnumerable<SupportGroupLevel> levels) =>
        levels.OrderByDescending(g => g.MaxPerCourse).ThenBy(g => g.Group).FirstOrDefault();

    public static SupportResult Calculate(IEnumerable<SupportRules> ruleSets, LearnerFacts learner, CourseFacts course, SupportHistory history) =>
        Calculate(InForceOn(ruleSets, course.StartDate), learner, course, history);

    public static SupportResult Calculate(SupportRules? rules, LearnerFacts learner, CourseFacts course, SupportHistory history)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(course.ActualUnitCost);
        ArgumentOutOfRangeException.ThrowIfNegative(course.DaysStudied);
        if (course.DistanceKm is < 0) throw new ArgumentOutOfRangeException(nameof(course), "Distance cannot be negative.");
        if (course.TravelFare is < 0) throw new ArgumentOutOfRangeException(nameof(course), "Fare cannot be negative.");

        if (rules is null)
            return Nothing(null, [SupportLine.WithoutGroup($"Không có chính sách hỗ trợ nào có hiệu lực vào ngày khai giảng {Fmt.Date(course.StartDate)}: không hỗ trợ.")]);
        if (!rules.IsInForceOn(course.StartDate))
            throw new ArgumentException($"{rules.Code} is not in force on {course.StartDate:yyyy-MM-dd}.", nameof(rules));

        var lines = new List<SupportLine>
        {
            new($"Áp dụng {rules.Code} (hiệu lực {Period(rules)}) theo ngày khai giảng {Fmt.Date(course.StartDate)}."),
        };
        if (course.Level is { } level && !rules.Covers(level))
        {
            lines.Add(SupportLine.WithoutGroup($"Khóa học trình độ {Fmt.Enum(level).ToLowerInvariant()}: {rules.PolicyName} chỉ hỗ trợ đào tạo {SupportRules.LevelsText(rules.Levels!)}: không hỗ trợ."));
            return Nothing(rules, lines);
        }
        if (history.OtherPolicyPaid)
        {
            lines.Add(SupportLine.WithoutGroup($"Người học đã được hỗ trợ đào tạo theo chính sách khác của Nhà nước: không hỗ trợ theo {rules.Code}."));
            return Nothing(rules, lines);
        }
        if (rules.OncePerPerson && history.AlreadySupportedUnderRuleSet)
        {
            lines.Add(SupportLine.WithoutGroup($"Người học đã được hỗ trợ theo {rules.PolicyName} ở khóa học khác; mỗi người chỉ được hỗ trợ một lần theo chính sách này: không hỗ trợ."));
            return Nothing(rules, lines);
        }

        var eligible = Levels(rules, learner);
        if (eligible.Count == 0)
        {
            lines.Add(new($"Người học không thuộc nhóm đối tượng nào của {rules.Code}: không hỗ trợ."));
            return Nothing(rules, lines);
        }

        var chosen = Highest(eligible)!;
        if (eligible.Count > 1)
            lines.Add(new($"Thuộc {eligible.Count} nhóm: {string.Join("; ", eligible.Select(g => $"{Fmt.Enum(g.Group)} (tối đa {Fmt.Money(g.MaxPerCourse)})"))}. Chỉ áp dụng một mức cao nhất."));
        var tuition = Math.Min(chosen.MaxPerCourse, course.ActualUnitCost);
        lines.Add(new($"Nhóm {Lower(Fmt.Enum(chosen.Group))}: mức tối đa {Fmt.Money(chosen.MaxPerCourse)}; học phí thực tế {Fmt.Money(course.ActualUnitCost)} → hỗ trợ {Fmt.Money(tuition)}"
            + (tuition < chosen.MaxPerCourse ? " (không vượt chi phí thực tế)." : ".")));

        var meals = Meals(rules, eligible, course, lines);
        var travel = Travel(rules, eligible, learner, course, lines);
        lines.Add(new($"Tổng hỗ trợ: {Fmt.Money(tuition + meals + travel)}."));
        return new SupportResult(rules.Id, rules.Code, chosen.Group, tuition, meals, travel, lines);
    }

    private static long Meals(SupportRules rules, List<SupportGroupLevel> eligible, CourseFacts course, List<SupportLine> lines)
    {
        var group = eligible.FirstOrDefault(g => g.GetsMeals);
        if (group is null || rules.MealPerDay == 0)
        {
            lines.Add(new($"Tiền ăn: nhóm của người học không được hỗ trợ tiền ăn theo {rules.Code}."));
            return 0;
        }
        var meals = rules.MealPerDay * course.DaysStudied;
        lines.Add(new($"Tiền ăn ({Lower(Fmt.Enum(group.Group))}): {Fmt.Money(rules.MealPerDay)}/ngày × {Fmt.Number(course.DaysStudied)} ngày thực học = {Fmt.Money(meals)}."));
        return meals;
    }

    private static long Travel(SupportRules rules, List<SupportGroupLevel> eligible, LearnerFacts learner, CourseFacts course, List<SupportLine> lines)
    {
        if (!eligible.Any(g => g.GetsTravel) || rules.Travel.Count == 0)
        {
            lines.Add(new($"Tiền đi lại: nhóm của người học không được hỗ trợ tiền đi lại theo {rules.Code}."));
            return 0;
        }
        if (course.DistanceKm is not { } distance)
        {
            lines.Add(new("Tiền đi lại: chưa có khoảng cách từ nơi ở đến nơi học: chưa tính."));
            return 0;
        }

        var difficult = learner.ResidenceDifficulty is CommuneDifficulty.Difficult or CommuneDifficulty.EspeciallyDifficult;
        var special = learner.Disabled || difficult;
        var levels = rules.Travel.Where(t => t.Condition == TravelCondition.Anyone || special).ToList();
        var reached = levels.Where(t => distance >= t.MinDistanceKm).OrderByDescending(t => t.MaxAmount).FirstOrDefault();
        if (reached is null)
        {
            var threshold = levels.Count == 0 ? 0 : levels.Min(t => t.MinDistanceKm);
            lines.Add(new($"Tiền đi lại: nơi học cách nơi ở {Fmt.Number(distance)} km, dưới ngưỡng {Fmt.Number(threshold)} km: không hỗ trợ."));
            return 0;
        }

        var why = reached.Condition == TravelCondition.Anyone ? ""
            : learner.Disabled ? ", người khuyết tật"
            : $", cư trú ở {Lower(Fmt.Enum(learner.ResidenceDifficulty))}";
        var reach = $"nơi học cách nơi ở {Fmt.Number(distance)} km (từ {Fmt.Number(reached.MinDistanceKm)} km{why})";
        if (course.TravelFare is not { } fare)
        {
            lines.Add(new($"Tiền đi lại: {reach}, tối đa {Fmt.Money(reached.MaxAmount)}; chưa có giá vé phương tiện công cộng: chưa tính."));
            return 0;
        }
        var travel = Math.Min(fare, reached.MaxAmount);
        lines.Add(new($"Tiền đi lại: {reach}: theo giá vé {Fmt.Money(fare)}, tối đa {Fmt.Money(reached.MaxAmount)} → {Fmt.Money(travel)}."));
        return travel;
    }

    private static SupportResult Nothing(SupportRules? rules, List<SupportLine> lines)
    {
        lines.Add(new("Tổng hỗ trợ: 0 đ."));
        return new SupportResult(rules?.Id, rules?.Code, null, 0, 0, 0, lines);
    }

    private static string Period(SupportRules rules) =>
        rules.EffectiveTo is { } to ? $"{Fmt.Date(rules.EffectiveFrom)}–{Fmt.Date(to)}" : $"từ {Fmt.Date(rules.EffectiveFrom)}";

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
