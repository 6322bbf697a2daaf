using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Outreach;

public class Details(Details.Handler handler) : PageModel
{
    public sealed record Result(
        int Id, DateOnly HeldOn, string Title, OutreachChannel Channel, int CommuneId, string CommuneName,
        int? CommuneNowId, string? CommuneNowName, int OrganisationId, string OrganisationName, int Participants, string? Notes);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        /// <summary>Out of the caller's scope reads as not found: the query filter hides the record.</summary>
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default) =>
            await db.OutreachEvents.AsNoTracking()
                .Where(e => e.Id == id)
                .Select(e => new Result(e.Id, e.HeldOn, e.Title, e.Channel, e.CommuneId, e.Commune.Name,
                    e.Commune.RollUpUnitId, e.Commune.RollUpUnit != null ? e.Commune.RollUpUnit.Name : null,
                    e.OrganisationId, e.Organisation.Name, e.Participants, e.Notes))
                .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Không tìm thấy hoạt động tuyên truyền hoặc bạn không có quyền xem.");
    }

    public Result Data { get; private set; } = null!;

    public async Task OnGetAsync(int id, CancellationToken cancellationToken) => Data = await handler.HandleAsync(id, cancellationToken);
}
