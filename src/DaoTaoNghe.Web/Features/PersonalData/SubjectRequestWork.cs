using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.PersonalData;

/// <summary>
/// The responsible officer's open requests, one item each with its next deadline (the answer until it
/// is given, then the carrying out), those past it first and flagged; a closed request leaves the list.
/// </summary>
public sealed class SubjectRequestWork(AppDbContext db, TimeProvider clock) : IWorkSource
{
    public async Task<IReadOnlyList<WorkItem>> LoadAsync(CancellationToken cancellationToken)
    {
        var userId = db.Scope.UserId;
        if (userId == 0) return [];
        var today = VietnamTime.Today(clock);
        var open = await db.SubjectRequests.AsNoTracking()
            .Where(r => r.OfficerId == userId && r.Status == SubjectRequestStatus.Open)
            .Select(r => new { r.Id, r.PersonName, r.Kind, r.AnsweredOn, r.AnswerBy, r.CarryOutBy })
            .ToListAsync(cancellationToken);
        return open
            .Select(r => (r.Id, r.PersonName, r.Kind, Due: SubjectRequest.NextDue(r.AnsweredOn, r.AnswerBy, r.CarryOutBy), Answer: r.AnsweredOn is null))
            .OrderBy(r => r.Due)
            .Select(r => new WorkItem(
                $"Yêu cầu về dữ liệu cá nhân – {Fmt.Enum(r.Kind)}: {r.PersonName}, "
                + (r.Answer ? r.Due < today ? $"chưa trả lời, quá hạn trả lời {Fmt.Date(r.Due)}" : $"hạn trả lời {Fmt.Date(r.Due)}" : $"hạn thực hiện {Fmt.Date(r.Due)}"),
                1, $"/PersonalData/Details/{r.Id}", Overdue: r.Due < today))
            .ToList();
    }
}
