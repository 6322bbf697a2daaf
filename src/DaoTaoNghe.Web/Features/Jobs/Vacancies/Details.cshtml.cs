using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs.Vacancies;

public class Details(Details.Handler handler) : PageModel
{
    public sealed record Result(
        int Id, string Title, int EnterpriseId, string EnterpriseName, int OccupationId, string OccupationName, int Quantity, long? WageFrom,
        long? WageTo, int PlaceCommuneId, string PlaceCommuneName, string? Requirements, DateOnly PostedOn, DateOnly Deadline, int Leads);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default) =>
            await db.Vacancies.AsNoTracking()
                .Where(v => v.Id == id)
                .Select(v => new Result(v.Id, v.Title, v.EnterpriseId, v.Enterprise.Name, v.OccupationId, v.Occupation.Name, v.Quantity,
                    v.WageFrom, v.WageTo, v.PlaceCommuneId, v.PlaceCommune.Name, v.Requirements, v.PostedOn, v.Deadline,
                    db.InterestLeads.Count(l => l.VacancyId == v.Id)))
                .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Không tìm thấy tin tuyển dụng hoặc bạn không có quyền xem.");
    }

    public Result Data { get; private set; } = null!;

    public async Task OnGetAsync(int id, CancellationToken cancellationToken) => Data = await handler.HandleAsync(id, cancellationToken);
}
