using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Map;

/// <summary>The province's map on a date: today's communes and wards, or the districts and communes in force before the 2025 merger.</summary>
public class Index(Index.Handler handler, AuditTrail audit) : PageModel
{
    public sealed class Query : PagedQuery
    {
        /// <summary>The date the map is drawn for; today when empty.</summary>
        [FromQuery(Name = "ngay")] public DateOnly? Date { get; set; }
        [FromQuery(Name = "q")] public string? Search { get; set; }
    }

    public sealed record UnitRow(
        int Id, string Code, string Name, UnitType Type, string? DistrictName, int Organisations,
        string? BecameName, int? BecameId, int Predecessors);

    public sealed record Result(string ProvinceName, DateOnly Date, bool BeforeMerger, IReadOnlyList<UnitRow> Units, int DistrictCount);

    public sealed class Handler(AppDbContext db, TimeProvider clock, IUnitOrganisations organisations) : IHandler
    {
        public async Task<Result> HandleAsync(Query query, CancellationToken cancellationToken = default)
        {
            var provinceId = db.Scope.ProvinceId;
            var date = query.Date ?? VietnamTime.Today(clock);
            var provinceName = await db.AdministrativeUnits.Where(u => u.Id == provinceId).Select(u => u.Name).SingleOrDefaultAsync(cancellationToken) ?? "";

            var units = db.AdministrativeUnits.AsNoTracking()
                .Where(u => u.ProvinceId == provinceId && u.Level == UnitLevel.Commune)
                .Where(u => (u.ValidFrom == null || u.ValidFrom <= date) && (u.ValidTo == null || u.ValidTo >= date));
            if (!string.IsNullOrWhiteSpace(query.Search))
                units = units.Where(u => EF.Functions.Like(u.SearchName, TextSearch.ContainsPattern(query.Search), "\\") || u.Code == query.Search.Trim());

            var rows = await units
                .OrderBy(u => u.Parent!.Level == UnitLevel.District ? u.Parent.Name : "")
                .ThenBy(u => u.Name)
                .Select(u => new UnitRow(
                    u.Id, u.Code, u.Name, u.Type,
                    u.Parent!.Level == UnitLevel.District ? u.Parent.Name : null,
                    0,
                    u.RollUpUnit != null ? u.RollUpUnit.Name : null,
                    u.RollUpUnitId,
                    db.UnitSuccessions.Count(s => s.SuccessorId == u.Id)))
                .ToListAsync(cancellationToken);
            var counts = await organisations.CountsAsync(rows.Select(r => r.Id).ToList(), cancellationToken);
            rows = rows.Select(r => r with { Organisations = counts.GetValueOrDefault(r.Id) }).ToList();
            var districts = rows.Select(r => r.DistrictName).Where(n => n is not null).Distinct().Count();
            return new Result(provinceName, date, date < UnitMappingImport.MergerDate, rows, districts);
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public Result Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Data = await handler.HandleAsync(Filter, cancellationToken);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(Filter, cancellationToken);
        await audit.RecordExportAsync("Bản đồ hành chính", result.Units.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Đơn vị hành chính", [
            new XlsxColumn<UnitRow>("Mã", r => r.Code, Width: 10),
            new XlsxColumn<UnitRow>("Tên đơn vị", r => r.Name, Width: 28),
            new XlsxColumn<UnitRow>("Loại", r => Fmt.Enum(r.Type), Width: 12),
            new XlsxColumn<UnitRow>("Huyện (trước 2025)", r => r.DistrictName, Width: 24),
            new XlsxColumn<UnitRow>("Nay thuộc", r => r.BecameName, Width: 24),
            new XlsxColumn<UnitRow>("Số đơn vị cũ hợp nhất", r => r.Predecessors, XlsxFormat.Integer),
            new XlsxColumn<UnitRow>("Số cơ quan, đơn vị", r => r.Organisations, XlsxFormat.Integer),
        ], result.Units, title: $"{result.ProvinceName} – đơn vị hành chính ngày {Fmt.Date(result.Date)}");
        return book.ToFileResult($"ban-do-hanh-chinh-{result.Date:yyyy-MM-dd}.xlsx");
    }
}
