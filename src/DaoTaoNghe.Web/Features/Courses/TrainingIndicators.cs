using DaoTaoNghe.Features.Indicators;
using DaoTaoNghe.Features.Learners;

namespace DaoTaoNghe.Features.Courses;

/// <summary>
/// People trained (completions, dated by the day their result was recognised, so a completion
/// recorded a moment ago is counted at once) and support paid (what the learners of finished courses
/// were settled, dated by the finish), both where the learner lived when enrolled.
/// </summary>
public sealed class TrainingIndicators : IIndicatorSource
{
    public IEnumerable<IndicatorComputation> Computations =>
    [
        IndicatorComputation.Over("training.completed", r => r.Db.Enrolments
                .Where(e => e.Status == EnrolmentStatus.Completed && e.ResultOn != null && e.Course.State != CourseState.Cancelled))
            .InCommune(e => e.ResidenceCommune).CarriedOutBy(e => e.InstitutionId).On(e => e.ResultOn!.Value)
            .ByPerson(e => e.Learner)
            .BreakdownBy(Dimension.Level, e => e.Course.Level)
            .BreakdownBy(Dimension.Occupation, e => e.Course.OccupationId)
            .BreakdownBy(Dimension.Institution, e => e.InstitutionId)
            .Records(Completions),
        IndicatorComputation.Over("support.paid", r => r.Db.Enrolments.Where(e => e.Course.State == CourseState.Finished && e.Course.FinishedOn != null))
            .InCommune(e => e.ResidenceCommune).CarriedOutBy(e => e.InstitutionId).On(e => e.Course.FinishedOn!.Value)
            .Summing(e => e.SupportTotal)
            .ByPerson(e => e.Learner)
            .BreakdownBy(Dimension.Level, e => e.Course.Level)
            .BreakdownBy(Dimension.Occupation, e => e.Course.OccupationId)
            .BreakdownBy(Dimension.Institution, e => e.InstitutionId),
    ];

    /// <summary>The enrolments list filters completions by result year, commune and institution; other breakdowns have no list of their own.</summary>
    private static string? Completions(RecordsQuery query)
    {
        if (!query.ListsShowUnit || !query.IsWholeYear) return null;
        var filter = query.Dimension switch
        {
            null => "",
            Dimension.Institution when !string.IsNullOrEmpty(query.Key) => "&co-so=" + query.Key,
            _ => null,
        };
        return filter is null ? null : $"/Courses/Enrolments?trang-thai=Completed&nam-ket-qua={query.Year}{query.CommuneParameter("xa")}{filter}";
    }
}
