using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.FollowUps;

/// <summary>One employment outcome of a person; a view of a person's record, so it is audited.</summary>
[Authorize(Policy = FollowUpPolicies.Read)]
public class Details(Details.Handler handler) : PageModel
{
    public sealed record Result(
        int Id, int LearnerId, string LearnerName, string CommuneName, int? EnrolmentId, string? CourseName, DateOnly? CompletedOn, int? Checkpoint,
        DateOnly OutcomeOn, EmploymentStatus Status, int? EnterpriseId, string? Employer, IncomeBand? IncomeBand, bool LoanHelped, OutcomeSource Source,
        bool IsNewJob, string RecordedBy, DateTime UpdatedAt);

    public sealed class Handler(AppDbContext db, AuditTrail audit) : IHandler
    {
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default)
        {
            var result = await db.EmploymentOutcomes.AsNoTracking().Where(o => o.Id == id)
                             .Select(o => new Result(o.Id, o.LearnerId, o.Learner.FullName, o.ResidenceCommune.Name, o.EnrolmentId,
                                 o.Enrolment != null ? o.Enrolment.Course.Name : null, o.Enrolment != null ? o.Enrolment.ResultOn : null, o.Checkpoint,
                                 o.OutcomeOn, o.Status, o.EnterpriseId, o.Enterprise != null ? o.Enterprise.Name : o.EmployerName, o.IncomeBand, o.LoanHelped,
                                 o.Source, o.IsNewJob, o.RecordedByOrganisation.Name, o.UpdatedAt))
                             .SingleOrDefaultAsync(cancellationToken)
                         ?? throw new NotFoundException("Không tìm thấy kết quả việc làm hoặc bạn không có quyền xem.");
            await audit.RecordViewAsync(nameof(EmploymentOutcome), id, $"Xem kết quả việc làm của {result.LearnerName}", cancellationToken);
            return result;
        }
    }

    public Result Data { get; private set; } = null!;

    public async Task OnGetAsync(int id, CancellationToken cancellationToken) => Data = await handler.HandleAsync(id, cancellationToken);
}
