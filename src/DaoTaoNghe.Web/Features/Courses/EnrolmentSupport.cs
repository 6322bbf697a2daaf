using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Support;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Courses;

/// <summary>
/// Works out an enrolment's support with the support area's calculator and stores a copy on the
/// enrolment: the rule set in force on the course's start date, the learner's facts as of then,
/// whether the person was already supported under the same rule set (another enrolment, on a
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
    /// </summary>
    public async Task<bool> ComputeAsync(Enrolment enrolment, Course course, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (course.IsSelfFunded)
        {
            Apply(enrolment, course, null, new LearnerFacts(), false, now);
            return false;
        }
        var rules = await support.RulesInForceAsync(course.ProvinceId, course.StartDate, cancellationToken);
        var learner = await facts.ForAsync(enrolment.LearnerId, course.StartDate, cancellationToken);
        var already = rules is { OncePerPerson: true } && await AlreadySupportedAsync(enrolment, rules.Id, cancellationToken);
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
            var already = rules is { OncePerPerson: true } && await AlreadySupportedAsync(enrolment, rules.Id, cancellationToken);
            Apply(enrolment, course, rules, learners[enrolment.LearnerId], already, now);
        }
    }

    /// <summary>
    /// The calculation itself, from facts already gathered: for callers that hold them in bulk
    /// (demo seeding), so every amount still comes from the one calculator.
    /// </summary>
    public static void Apply(Enrolment enrolment, Course course, SupportRules? rules, LearnerFacts learner, bool alreadySupported, DateTime now)
    {
        if (course.IsSelfFunded)
        {
            enrolment.SetSupport(new SupportResult(null, null, null, 0, 0, 0, [SelfFundedLine, "Tổng hỗ trợ: 0 đ."]), now);
            return;
        }
        var (days, note) = DaysStudied(enrolment, course);
        var result = SupportCalculator.Calculate(rules, learner,
            new CourseFacts(course.StartDate, course.ActualUnitCost, days, enrolment.DistanceKm, enrolment.TravelFare),
            new SupportHistory(alreadySupported, enrolment.OtherPolicyPaid));
        var lines = result.Lines.ToList();
        var meals = lines.FindIndex(l => l.StartsWith("Tiền ăn ("));
        if (meals >= 0) lines.Insert(meals + 1, note);
        enrolment.SetSupport(result with { Lines = lines }, now);
    }

    public static (int Days, string Note) DaysStudied(Enrolment enrolment, Course course) =>
        course.State == CourseState.Finished || enrolment.Status == EnrolmentStatus.DroppedOut
            ? (enrolment.DaysAttended, $"Số ngày thực học tính tiền ăn: {Fmt.Number(enrolment.DaysAttended)} ngày (theo điểm danh khi lớp kết thúc hoặc đến ngày bỏ học).")
            : (course.PlannedDays, $"Tiền ăn đang tạm tính theo {Fmt.Number(course.PlannedDays)} ngày học theo kế hoạch; tính lại theo số ngày thực học khi lớp kết thúc.");

    /// <summary>Read past the caller's scope: support given by any institution counts.</summary>
    private Task<bool> AlreadySupportedAsync(Enrolment enrolment, int ruleSetId, CancellationToken cancellationToken) =>
        db.Enrolments.IgnoreQueryFilters().AnyAsync(e =>
            e.LearnerId == enrolment.LearnerId && e.Id != enrolment.Id && e.SupportRuleSetId == ruleSetId
            && (e.OverrideTuition ?? e.SupportTuition) > 0 && e.Course.State != CourseState.Cancelled, cancellationToken);
}
