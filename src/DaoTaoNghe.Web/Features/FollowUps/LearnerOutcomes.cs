using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.FollowUps;

public sealed record LearnerOutcome(int Id, DateOnly OutcomeOn, int? Checkpoint, EmploymentStatus Status, string? Employer, IncomeBand? IncomeBand,
    bool LoanHelped, OutcomeSource Source, string? CourseName);

/// <summary>A person's record shows their employment outcomes, as far as the caller sees them.</summary>
public sealed class LearnerOutcomes(AppDbContext db) : IRecordPart<Learner>
{
    public int Order => 20;

    public async Task<RecordPartView?> LoadAsync(int learnerId, CancellationToken cancellationToken) =>
        new("/Features/FollowUps/_LearnerOutcomes.cshtml", await db.EmploymentOutcomes.AsNoTracking().Where(o => o.LearnerId == learnerId)
            .OrderByDescending(o => o.OutcomeOn).ThenByDescending(o => o.Id)
            .Select(o => new LearnerOutcome(o.Id, o.OutcomeOn, o.Checkpoint, o.Status, o.Enterprise != null ? o.Enterprise.Name : o.EmployerName,
                o.IncomeBand, o.LoanHelped, o.Source, o.Enrolment != null ? o.Enrolment.Course.Name : null))
            .ToListAsync(cancellationToken));
}
