using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Indicators;
using DaoTaoNghe.Features.Learners;

namespace DaoTaoNghe.Features.Courses;

/// <summary>
/// People trained (a person once a year, at their first completion of the year) and completions
/// (each passed course once), dated by the day the result was recognised, so a completion recorded
/// a moment ago is counted at once; and support paid (what was paid out to each learner, on the day
/// it was paid, whenever the course ran or was closed). All where the learner lived when enrolled.
/// </summary>
public sealed class TrainingIndicators : IIndicatorSource
{
    public IEnumerable<IndicatorComputation> Computations =>
    [
        Completions("training.completed", r => FirstOfYear(r.Db), person: true),
        Completions("training.completions", r => TrainingRecords.Completions(r.Db), person: false),
        IndicatorComputation.Over("support.paid", r => r.Db.Enrolments.Where(e => e.SettledOn != null && e.SettledAmount != null))
            .InCommune(e => e.ResidenceCommune).CarriedOutBy(e => e.InstitutionId).On(e => e.SettledOn!.Value)
            .Summing(e => e.SettledAmount!.Value)
            .Person(e => e.LearnerId, r => r.Db.Enrolments)
            .ByPerson(e => e.Learner)
            .BreakdownBy(Dimension.Level, e => e.Course.Level)
            .BreakdownBy(Dimension.Occupation, e => e.Course.OccupationId)
            .BreakdownBy(Dimension.Institution, e => e.InstitutionId),
    ];

    private static IndicatorComputation<Enrolment> Completions(string name, Func<IndicatorFactRequest, IQueryable<Enrolment>> rows, bool person)
    {
        var computation = IndicatorComputation.Over(name, rows)
            .InCommune(e => e.ResidenceCommune).CarriedOutBy(e => e.InstitutionId).On(e => e.ResultOn!.Value)
            .Person(e => e.LearnerId, r => r.Db.Enrolments)
            .ByPerson(e => e.Learner)
            .BreakdownBy(Dimension.Level, e => e.Course.Level)
            .BreakdownBy(Dimension.Occupation, e => e.Course.OccupationId)
            .BreakdownBy(Dimension.Institution, e => e.InstitutionId)
            .Records(q => CompletionsList(q, person));
        // People trained: one person nationally even when two provinces trained them that year.
        return person ? computation.OncePerPersonNationally(e => e.Learner, records: year => $"/Courses/TrainedNationally?nam={year}") : computation;
    }

    /// <summary>
    /// The completion a person counts at in "people trained": their first of the calendar year (by result
    /// date, then by record), wherever and with whomever it was; later ones that year are completions only.
    /// </summary>
    public static IQueryable<Enrolment> FirstOfYear(AppDbContext db) =>
        TrainingRecords.Completions(db).Where(e => !db.Enrolments.Any(p =>
            p.LearnerId == e.LearnerId && p.Status == EnrolmentStatus.Completed && p.ResultOn != null && p.Course.State != CourseState.Cancelled
            && p.ResultOn.Value.Year == e.ResultOn!.Value.Year && (p.ResultOn < e.ResultOn || (p.ResultOn == e.ResultOn && p.Id < e.Id))));

    private static string? CompletionsList(RecordsQuery query, bool person)
    {
        if (!query.ListsShowUnit || !query.IsWholeYear) return null;
        var filter = query.Dimension switch
        {
            null => "",
            Dimension.Institution when !string.IsNullOrEmpty(query.Key) => "&co-so=" + query.Key,
            _ => null,
        };
        return filter is null ? null : $"/Courses/Enrolments?trang-thai=Completed&nam-ket-qua={query.Year}{(person ? "&dem=nguoi" : "")}{query.CommuneParameter("xa")}{filter}";
    }
}
