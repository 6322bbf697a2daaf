using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Trainers;

/// <summary>A trainer's record; every view is written to the audit trail (personal data).</summary>
[Authorize(Policy = TrainerPolicies.Read)]
public class Details(Details.Handler handler, RecordHistory history) : PageModel
{
    public sealed record Link(int Id, string Name);

    public sealed record Result(
        int Id, string FullName, int? BirthYear, TrainerKind Kind, string? Qualification, string? TeachingCertificate, string? Phone, string? Notes,
        bool IsActive, int InstitutionId, string InstitutionName, IReadOnlyList<Link> Occupations, IReadOnlyList<Link> OtherInstitutions, bool MayKeep);

    public sealed class Handler(AppDbContext db, AuditTrail audit) : IHandler
    {
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default)
        {
            var t = await db.Trainers.AsNoTracking().Where(t => t.Id == id)
                        .Select(t => new
                        {
                            t.Id, t.FullName, t.BirthYear, t.Kind, t.Qualification, t.TeachingCertificate, t.Phone, t.Notes, t.IsActive,
                            t.InstitutionId, InstitutionName = t.Institution.Name, t.Institution.ProvinceId,
                            Occupations = t.Occupations.OrderBy(o => o.Occupation.Name).Select(o => new Link(o.OccupationId, o.Occupation.Name)).ToList(),
                            Others = t.OtherInstitutions.OrderBy(i => i.Institution.Name).Select(i => new Link(i.InstitutionId, i.Institution.Name)).ToList(),
                        })
                        .AsSplitQuery()
                        .SingleOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException("Không tìm thấy người dạy nghề hoặc bạn không có quyền xem.");
            await audit.RecordViewAsync(nameof(Trainer), t.Id, t.FullName, cancellationToken);
            return new Result(t.Id, t.FullName, t.BirthYear, t.Kind, t.Qualification, t.TeachingCertificate, t.Phone, t.Notes, t.IsActive,
                t.InstitutionId, t.InstitutionName, t.Occupations, t.Others, db.Scope.MayKeep(t.InstitutionId, t.ProvinceId));
        }
    }

    public Result Data { get; private set; } = null!;

    public IReadOnlyList<HistoryLine> History { get; private set; } = [];

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.HandleAsync(id, cancellationToken);
        History = await history.OfAsync([(typeof(Trainer), id)], typeof(Create.Command), cancellationToken);
    }
}
