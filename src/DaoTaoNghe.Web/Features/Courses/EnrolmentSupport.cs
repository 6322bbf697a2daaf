using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Support;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Courses;

/// <summary>
/// Works out an enrolment's support with the support area's calculator and stores a copy on the
/// enrolment: the rule set in force on the course's start date, the learner's facts as of then,
/// whether the person was already supported under the same policy (another enrolment, on a
/// course not cancelled, whose training support is above zero), the course's actual unit cost,
/// and the days studied: the plan's days while the course runs (meals are then an estimate), the
/// days actually studied once it has finished or the learner dropped out. A self-funded course
/// pays nothing from the budget.
/// </summary>
public sealed class EnrolmentSupport(AppDbContext db, SupportQueries support, LearnerSupportFacts facts, TimeProvider clock) : IHandler
{
    public const string SelfFundedLine = "Lớp tự chủ kinh phí, không theo đơn đặt hàng, giao nhiệm vụ hay đấu thầu của tỉnh: không chi hỗ trợ từ ngân sách.";

    /// <summary>
    /// Computes and stores the support of a tracked enrolment; the caller saves. Returns whether the
    /// person got nothing because a once-per-person rule set already supported them elsewhere.
    /// <paramref name="identified"/>: the caller found the person in its view or by their papers, and the
    /// enrolment is not saved yet, so the institution's view (which it opens) cannot be asked.
    /// </summary>
    public async Task<bool> ComputeAsync(Enrolment enrolment, Course course, CancellationToken cancellationToken = default, bool identified = false)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (course.IsSelfFunded)
        {
            Apply(enrolment, course, null, new LearnerFacts(), false, now);
            return false;
        }
        var rules = await support.RulesInForceAsync(course.ProvinceId, course.StartDate, cancellationToken);
        var learner = identified
            ? (await facts.ForIdentifiedAsync([enrolment.LearnerId], course.StartDate, cancellationToken))[enrolment.LearnerId]
            : await facts.ForAsync(enrolment.LearnerId, course.StartDate, cancellationToken);
        var already = rules is { OncePerPerson: true } && await AlreadySupportedAsync(enrolment, rules.SamePolicy, cancellationToken);
        Apply(enrolment, course, rules, learner, already, now);
        return already && !enrolment.OtherPolicyPaid;
    }

    /// <summary>Recomputes every enrolment of a tracked course (with its enrolments loaded); the caller saves.</summary>
    public async Task ComputeAllAsync(Course course, CancellationToken cancellationToken = default)
    {
        if (course.IsSelfFunded || course.Enrolments.Count == 0)
        {
            foreach (var enrolment in course.Enrolments) await ComputeAsync(enrolment, course, cancellationToken);
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var rules = await support.RulesInForceAsync(course.ProvinceId, course.StartDate, cancellationToken);
        var learners = await facts.ForManyAsync(course.Enrolments.Select(e => e.LearnerId).ToList(), course.StartDate, cancellationToken);
        foreach (var enrolment in course.Enrolments)
        {
            var already = rules is { OncePerPerson: true } && await AlreadySupportedAsync(enrolment, rules.SamePolicy, cancellationToken);
            Apply(enrolment, course, rules, learners[enrolment.LearnerId], already, now);
        }
    }

    /// <summary>
    /// Computes the support of tracked enrolments of many courses at once (an import's batch) with
    /// the same calculation as <see cref="ComputeAsync"/>, its facts read once per course start
    /// date. The learners were identified by their papers. <paramref name="givenInRun"/> holds the
    /// (learner, rule set) pairs this run already supported without saving them yet, so a second
    /// course under a once-per-person rule set is refused support in a dry run as in the commit.
    /// </summary>
    public async Task ComputeManyAsync(IReadOnlyList<(Enrolment Enrolment, Course Course)> items, ISet<(int LearnerId, int PolicyKey)> givenInRun,
        CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var funded = items.Where(i => !i.Course.IsSelfFunded).ToList();
        foreach (var (enrolment, course) in items.Where(i => i.Course.IsSelfFunded)) Apply(enrolment, course, null, new LearnerFacts(), false, now);
        if (funded.Count == 0) return;

        var rules = new Dictionary<(int, DateOnly), SupportRules?>();
        var byStart = new Dictionary<DateOnly, Dictionary<int, LearnerFacts>>();
        foreach (var group in funded.GroupBy(i => i.Course.StartDate))
        {
            byStart[group.Key] = await facts.ForIdentifiedAsync(group.Select(i => i.Enrolment.LearnerId).ToList(), group.Key, cancellationToken);
            foreach (var province in group.Select(i => i.Course.ProvinceId).Distinct())
                rules[(province, group.Key)] = await support.RulesInForceAsync(province, group.Key, cancellationToken);
        }
        var onceIds = rules.Values.Where(r => r is { OncePerPerson: true }).SelectMany(r => r!.SamePolicy).Distinct().ToList();
        var learnerIds = funded.Select(i => i.Enrolment.LearnerId).Distinct().ToList();
        var supported = onceIds.Count == 0 ? [] : await db.Enrolments.IgnoreQueryFilters().AsNoTracking()
            .Where(e => learnerIds.Contains(e.LearnerId) && e.SupportRuleSetId != null && onceIds.Contains(e.SupportRuleSetId.Value)
                        && (e.OverrideTuition ?? e.SupportTuition) > 0 && e.Course.State != CourseState.Cancelled)
            .Select(e => new { e.Id, e.LearnerId, RuleSetId = e.SupportRuleSetId!.Value })
            .ToListAsync(cancellationToken);
        foreach (var (enrolment, course) in funded)
        {
            var inForce = rules[(course.ProvinceId, course.StartDate)];
            var already = inForce is { OncePerPerson: true }
                          && (givenInRun.Contains((enrolment.LearnerId, inForce.PolicyKey))
                              || supported.Any(s => s.LearnerId == enrolment.LearnerId && inForce.SamePolicy.Contains(s.RuleSetId) && s.Id != enrolment.Id));
            Apply(enrolment, course, inForce, byStart[course.StartDate][enrolment.LearnerId], already, now);
            if (inForce is { OncePerPerson: true } && enrolment.Tuition > 0) givenInRun.Add((enrolment.LearnerId, inForce.PolicyKey));
        }
    }

    /// <summary>
    /// The calculation itself, from facts already gathered: for callers that hold them in bulk
    /// (demo seeding), so every amount still comes from the one calculator.
    /// </summary>
    public static void Apply(Enrolment enrolment, Course course, SupportRules? rules, LearnerFacts learner, bool alreadySupported, DateTime now)
    {
        // Paid out is paid out: what the learner signed for stays as it was.
        if (enrolment.IsSettled) return;
        if (course.IsSelfFunded)
        {
            enrolment.SetSupport(new SupportResult(null, null, null, 0, 0, 0, [SupportLine.WithoutGroup(SelfFundedLine), new("Tổng hỗ trợ: 0 đ.")]), now);
            return;
        }
        var (days, note) = DaysStudied(enrolment, course);
        var result = SupportCalculator.Calculate(rules, learner,
            new CourseFacts(course.StartDate, course.ActualUnitCost, days, enrolment.DistanceKm, enrolment.TravelFare, course.Level),
            new SupportHistory(alreadySupported, enrolment.OtherPolicyPaid));
        var lines = result.Reasoning.ToList();
        var meals = lines.FindIndex(l => l.Text.StartsWith("Tiền ăn (", StringComparison.Ordinal));
        if (meals >= 0) lines.Insert(meals + 1, new(note));
        enrolment.SetSupport(result with { Reasoning = lines }, now);
    }

    public static (int Days, string Note) DaysStudied(Enrolment enrolment, Course course) =>
        course.State == CourseState.Finished || enrolment.Status == EnrolmentStatus.DroppedOut
            ? (enrolment.DaysAttended, $"Số ngày thực học tính tiền ăn: {Fmt.Number(enrolment.DaysAttended)} ngày (theo điểm danh khi lớp kết thúc hoặc đến ngày bỏ học).")
            : (course.PlannedDays, $"Tiền ăn đang tạm tính theo {Fmt.Number(course.PlannedDays)} ngày học theo kế hoạch; tính lại theo số ngày thực học khi lớp kết thúc.");

    /// <summary>Read past the caller's scope: support given by any institution, under any rule set of the same policy, counts.</summary>
    private Task<bool> AlreadySupportedAsync(Enrolment enrolment, IReadOnlyList<int> samePolicy, CancellationToken cancellationToken) =>
        db.Enrolments.IgnoreQueryFilters().AnyAsync(e =>
            e.LearnerId == enrolment.LearnerId && e.Id != enrolment.Id && e.SupportRuleSetId != null && samePolicy.Contains(e.SupportRuleSetId.Value)
            && (e.OverrideTuition ?? e.SupportTuition) > 0 && e.Course.State != CourseState.Cancelled, cancellationToken);
}
