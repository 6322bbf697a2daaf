using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Occupations;

public class Details(Details.Handler handler, RecordHistory history, IEnumerable<IRecordPart<Occupation>> parts) : PageModel
{
    public sealed record Result(
        int Id, string Code, string Name, OccupationOrigin Origin, OccupationField Field, string? Description, bool IsActive, bool MayEdit);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default)
        {
            var o = await db.Occupations.AsNoTracking().Where(o => o.Id == id)
                        .Select(o => new { o.Id, o.Code, o.Name, o.Origin, o.Field, o.Description, o.IsActive, o.ProvinceId })
                        .SingleOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException("Không tìm thấy nghề đào tạo hoặc bạn không có quyền xem.");
            return new Result(o.Id, o.Code, o.Name, o.Origin, o.Field, o.Description, o.IsActive, db.Scope.MayManage(o.ProvinceId));
        }
    }

    public Result Data { get; private set; } = null!;

    public IReadOnlyList<HistoryLine> History { get; private set; } = [];

    /// <summary>The programmes teaching the occupation and the institutions licensed for it, as their areas show them.</summary>
    public IReadOnlyList<RecordPartView> Parts { get; private set; } = [];

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.HandleAsync(id, cancellationToken);
        Parts = await parts.LoadAsync(id, cancellationToken);
        History = await history.OfAsync([(typeof(Occupation), id)], typeof(Create.Command), cancellationToken);
    }
}
