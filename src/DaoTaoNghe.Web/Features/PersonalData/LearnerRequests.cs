using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.PersonalData;

public sealed record LearnerRequest(int Id, SubjectRequestKind Kind, DateOnly ReceivedOn, SubjectRequestStatus Status, DateOnly? AnsweredOn, DateOnly? ClosedOn);

/// <summary>A person's record leads those who handle requests to the requests the person made about their data.</summary>
public sealed class LearnerRequests(AppDbContext db) : IRecordPart<Learner>
{
    public int Order => 90;

    public async Task<RecordPartView?> LoadAsync(int learnerId, CancellationToken cancellationToken)
    {
        if (!db.Scope.Holds(PersonalDataPolicies.Requests)) return null;
        var requests = await db.SubjectRequests.AsNoTracking().Where(r => r.LearnerId == learnerId)
            .OrderByDescending(r => r.ReceivedOn).ThenByDescending(r => r.Id)
            .Select(r => new LearnerRequest(r.Id, r.Kind, r.ReceivedOn, r.Status, r.AnsweredOn, r.ClosedOn))
            .ToListAsync(cancellationToken);
        return new RecordPartView("/Features/PersonalData/_LearnerRequests.cshtml", new LearnerRequestsView(learnerId, requests));
    }
}

public sealed record LearnerRequestsView(int LearnerId, IReadOnlyList<LearnerRequest> Requests);
