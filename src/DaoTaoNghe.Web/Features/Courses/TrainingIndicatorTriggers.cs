using DaoTaoNghe.Features.Indicators;

namespace DaoTaoNghe.Features.Courses;

/// <summary>
/// What an enrolment's change moves in the maintained indicator values: its cells (where the learner
/// lived, the year of the result and of the payment) and the person's other records (a person is
/// trained once a year); a course's state, level or occupation moves every count of its learners.
/// </summary>
public sealed class TrainingIndicatorTriggers : IIndicatorTriggers
{
    public IEnumerable<IndicatorTrigger> Triggers =>
    [
        IndicatorTrigger.On<Enrolment>()
            .Places(nameof(Enrolment), e => e.ResidenceCommuneId, e => e.ResultOn)
            .Places(nameof(Enrolment), e => e.ResidenceCommuneId, e => e.SettledOn)
            .Person(e => e.LearnerId, e => e.ResultOn, e => e.SettledOn),
        IndicatorTrigger.On<Course>()
            .PeopleOf<Enrolment>(e => e.CourseId, e => e.LearnerId)
            .OnlyWhenChanged(c => c.State, c => c.Level, c => c.OccupationId),
    ];
}
