using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Orders;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Courses;

/// <summary>A learner who completed a course (người được đào tạo), as indicators count them.</summary>
[AreaContract]
public sealed class CompletionFact
{
    public int EnrolmentId { get; init; }
    public int LearnerId { get; init; }
    public int CourseId { get; init; }
    public int? OrderId { get; init; }
    public int InstitutionId { get; init; }
    public int OccupationId { get; init; }
    public TrainingLevel Level { get; init; }

    /// <summary>The venue as recorded (a pre-2025 commune for earlier courses) and today's commune it counts toward.</summary>
    public int VenueCommuneId { get; init; }
    public int VenueCommuneNowId { get; init; }

    /// <summary>The learner's residence when enrolled, and today's commune it counts toward.</summary>
    public int ResidenceCommuneId { get; init; }
    public int ResidenceCommuneNowId { get; init; }
    public DateOnly CompletedOn { get; init; }
}

/// <summary>Any enrolment, whatever became of it, with its course's dates and state and the support owed.</summary>
public sealed class EnrolmentFact
{
    public int EnrolmentId { get; init; }
    public int LearnerId { get; init; }
    public int CourseId { get; init; }
    public int? OrderId { get; init; }
    public int InstitutionId { get; init; }
    public int OccupationId { get; init; }
    public TrainingLevel Level { get; init; }
    public int VenueCommuneId { get; init; }
    public int VenueCommuneNowId { get; init; }
    public int ResidenceCommuneId { get; init; }
    public int ResidenceCommuneNowId { get; init; }
    public DateOnly CourseStart { get; init; }
    public DateOnly CourseEnd { get; init; }
    public CourseState CourseState { get; init; }
    public EnrolmentStatus Status { get; init; }
    public DateOnly EnrolledOn { get; init; }

    /// <summary>Completed or failed: when the result was recognised.</summary>
    public DateOnly? ResultOn { get; init; }
    public DateOnly? DroppedOn { get; init; }
    public long SupportTotal { get; init; }
}

/// <summary>An order's budget beside the support committed on its courses (cancelled ones excluded) and the learners holding a place.</summary>
[AreaContract]
public sealed class OrderBudgetFact
{
    public int OrderId { get; init; }
    public int Year { get; init; }
    public int InstitutionId { get; init; }
    public int OccupationId { get; init; }
    public TrainingLevel Level { get; init; }
    public int Quota { get; init; }
    public long Budget { get; init; }
    public int Enrolled { get; init; }
    public long Committed { get; init; }
}

/// <summary>
/// The courses area's named queries for indicators (issue 5): composable, scoped like every other
/// read (a commune officer gets their residents' records, an institution its own, the province
/// all), projected with object initialisers so callers can filter, group and count in the database.
/// Completions are learners with status completed in a course not cancelled, dated by the result.
/// </summary>
[AreaContract]
public sealed class TrainingFacts(AppDbContext db) : IHandler
{
    /// <summary>Completions whose result date falls in [from, to] (either bound optional).</summary>
    public IQueryable<CompletionFact> Completions(DateOnly? from = null, DateOnly? to = null)
    {
        var enrolments = db.Enrolments.Where(e => e.Status == EnrolmentStatus.Completed && e.ResultOn != null && e.Course.State != CourseState.Cancelled);
        if (from is { } f) enrolments = enrolments.Where(e => e.ResultOn >= f);
        if (to is { } t) enrolments = enrolments.Where(e => e.ResultOn <= t);
        return enrolments.Select(e => new CompletionFact
        {
            EnrolmentId = e.Id, LearnerId = e.LearnerId, CourseId = e.CourseId, OrderId = e.Course.OrderId, InstitutionId = e.InstitutionId,
            OccupationId = e.Course.OccupationId, Level = e.Course.Level, VenueCommuneId = e.Course.VenueCommuneId,
            VenueCommuneNowId = e.Course.VenueCommune.RollUpUnitId ?? e.Course.VenueCommuneId, ResidenceCommuneId = e.ResidenceCommuneId,
            ResidenceCommuneNowId = e.ResidenceCommune.RollUpUnitId ?? e.ResidenceCommuneId, CompletedOn = e.ResultOn!.Value,
        });
    }

    /// <summary>Enrolments in courses starting in [from, to] (either bound optional), cancelled courses included: filter on <see cref="EnrolmentFact.CourseState"/>.</summary>
    public IQueryable<EnrolmentFact> Enrolments(DateOnly? from = null, DateOnly? to = null)
    {
        var enrolments = db.Enrolments.AsQueryable();
        if (from is { } f) enrolments = enrolments.Where(e => e.Course.StartDate >= f);
        if (to is { } t) enrolments = enrolments.Where(e => e.Course.StartDate <= t);
        return enrolments.Select(e => new EnrolmentFact
        {
            EnrolmentId = e.Id, LearnerId = e.LearnerId, CourseId = e.CourseId, OrderId = e.Course.OrderId, InstitutionId = e.InstitutionId,
            OccupationId = e.Course.OccupationId, Level = e.Course.Level, VenueCommuneId = e.Course.VenueCommuneId,
            VenueCommuneNowId = e.Course.VenueCommune.RollUpUnitId ?? e.Course.VenueCommuneId, ResidenceCommuneId = e.ResidenceCommuneId,
            ResidenceCommuneNowId = e.ResidenceCommune.RollUpUnitId ?? e.ResidenceCommuneId, CourseStart = e.Course.StartDate,
            CourseEnd = e.Course.EndDate, CourseState = e.Course.State, Status = e.Status, EnrolledOn = e.EnrolledOn, ResultOn = e.ResultOn,
            DroppedOn = e.DroppedOn, SupportTotal = e.SupportTotal,
        });
    }

    /// <summary>
    /// Orders of a year (or all) with support committed against their budget: the "support paid vs
    /// budget" indicator. Cancelled orders neither train nor spend; planned ones are part of the plan.
    /// </summary>
    public IQueryable<OrderBudgetFact> OrderBudgets(int? year = null)
    {
        var orders = OrderDirectory.Visible(db).Where(o => o.State != OrderState.Cancelled);
        if (year is { } y) orders = orders.Where(o => o.Year == y);
        return orders.Select(o => new OrderBudgetFact
        {
            OrderId = o.Id, Year = o.Year, InstitutionId = o.InstitutionId, OccupationId = o.OccupationId, Level = o.Level, Quota = o.Quota,
            Budget = o.Budget,
            Enrolled = db.Enrolments.Count(e => e.Course.OrderId == o.Id && e.Course.State != CourseState.Cancelled && e.Status != EnrolmentStatus.DroppedOut),
            Committed = db.Enrolments.Where(e => e.Course.OrderId == o.Id && e.Course.State != CourseState.Cancelled).Sum(e => e.SupportTotal),
        });
    }
}
