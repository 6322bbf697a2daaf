using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Occupations;

public class Details(Details.Handler handler, RecordHistory history) : PageModel
{
    public sealed record ProgrammeRow(int Id, string Name, string InstitutionName, TrainingLevel Level, int DurationHours, bool IsKey, bool IsActive);

    public sealed record LicenceRow(int InstitutionId, string InstitutionName, TrainingLevel Level, int? AnnualQuota);

    public sealed record Result(
        int Id, string Code, string Name, OccupationOrigin Origin, OccupationField Field, string? Description, bool IsActive,
        bool MayEdit, IReadOnlyList<ProgrammeRow> Programmes, IReadOnlyList<LicenceRow> Licences);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default)
        {
            var o = await db.Occupations.AsNoTracking().Where(o => o.Id == id)
                        .Select(o => new { o.Id, o.Code, o.Name, o.Origin, o.Field, o.Description, o.IsActive, o.ProvinceId })
                        .SingleOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException("Không tìm thấy nghề đào tạo hoặc bạn không có quyền xem.");
            var programmes = await db.Programmes.AsNoTracking().Where(p => p.OccupationId == id)
                .OrderBy(p => p.Institution.Name).ThenBy(p => p.Level)
                .Select(p => new ProgrammeRow(p.Id, p.Name, p.Institution.Name, p.Level, p.DurationHours, p.IsKey, p.IsActive))
                .ToListAsync(cancellationToken);
            var licences = await db.LicensedOccupations.AsNoTracking().Where(l => l.OccupationId == id)
                .OrderBy(l => l.Institution.Name).ThenBy(l => l.Level)
                .Select(l => new LicenceRow(l.InstitutionId, l.Institution.Name, l.Level, l.AnnualQuota))
                .ToListAsync(cancellationToken);
            return new Result(o.Id, o.Code, o.Name, o.Origin, o.Field, o.Description, o.IsActive,
                db.Scope.MayManage(o.ProvinceId), programmes, licences);
        }
    }

    public Result Data { get; private set; } = null!;

    public IReadOnlyList<HistoryLine> History { get; private set; } = [];

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.HandleAsync(id, cancellationToken);
        History = await history.OfAsync([(typeof(Occupation), id)], typeof(Create.Command), cancellationToken);
    }
}
