using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Learners;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs;

/// <summary>
/// Contracts abroad and loans are the person's and move; an application or a session attendance
/// the survivor already has stays behind with the merged record.
/// </summary>
public sealed class JobPersonReferences(AppDbContext db) : IPersonReferences
{
    public int Order => 40;

    public IReadOnlyCollection<Type> Entities { get; } = [typeof(AbroadContract), typeof(SocialPolicyLoan), typeof(JobApplication), typeof(SessionSeeker)];

    public async Task RepointAsync(int mergedId, int survivorId, CancellationToken cancellationToken)
    {
        foreach (var contract in await db.AbroadContracts.IgnoreQueryFilters().Where(c => c.LearnerId == mergedId).ToListAsync(cancellationToken))
            contract.LearnerId = survivorId;
        foreach (var loan in await db.SocialPolicyLoans.IgnoreQueryFilters().Where(l => l.LearnerId == mergedId).ToListAsync(cancellationToken))
            loan.LearnerId = survivorId;
        var survivorVacancies = await db.JobApplications.IgnoreQueryFilters().Where(a => a.LearnerId == survivorId).Select(a => a.VacancyId).ToListAsync(cancellationToken);
        foreach (var application in await db.JobApplications.IgnoreQueryFilters().Where(a => a.LearnerId == mergedId).ToListAsync(cancellationToken))
            if (!survivorVacancies.Contains(application.VacancyId))
                application.LearnerId = survivorId;
        var survivorSessions = await db.SessionSeekers.IgnoreQueryFilters().Where(s => s.LearnerId == survivorId).Select(s => s.SessionId).ToListAsync(cancellationToken);
        foreach (var seeker in await db.SessionSeekers.IgnoreQueryFilters().Where(s => s.LearnerId == mergedId).ToListAsync(cancellationToken))
            if (!survivorSessions.Contains(seeker.SessionId))
                seeker.LearnerId = survivorId;
    }
}
