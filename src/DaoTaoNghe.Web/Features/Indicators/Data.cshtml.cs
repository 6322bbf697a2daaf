using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>The aggregate values the caller may see, with who entered each and when: the records behind the hand-entered numbers.</summary>
[Authorize(Policy = IndicatorPolicies.ReadData)]
public class Data(Data.Handler handler, AggregateEntry entry, AuditTrail audit) : PageModel
{

    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "don-vi")] public int? UnitId { get; set; }
        [FromQuery(Name = "nam")] public int? Year { get; set; }
        [FromQuery(Name = "ma")] public string? Element { get; set; }
    }

    public sealed record Row(int Id, int Year, int UnitId, string UnitName, string? NowName, string ElementCode, long Stored, string? Note, string EnteredBy, DateTime EnteredAt)
    {
        public DataElement? Element => IndicatorCatalogue.FindElement(ElementCode);
        public double? Value => Element?.ToNumber(Stored);
    }

    public sealed class Handler(AppDbContext db) : IHandler
    {
        /// <summary>A unit filter takes in the pre-2025 communes that merged into it; the province's takes in all its units.</summary>
        public IQueryable<Row> Rows(Query query)
        {
            var values = db.AggregateValues.AsNoTracking();
            if (query.UnitId is { } unitId)
                values = values.Where(v => v.UnitId == unitId || v.Unit.RollUpUnitId == unitId || v.Unit.ProvinceId == unitId);
            if (query.Year is { } year) values = values.Where(v => v.Year == year);
            if (!string.IsNullOrWhiteSpace(query.Element)) values = values.Where(v => v.ElementCode == query.Element);
            return values
                .OrderByDescending(v => v.Year).ThenBy(v => v.Unit.Level).ThenBy(v => v.Unit.Name).ThenBy(v => v.ElementCode)
                .Select(v => new Row(v.Id, v.Year, v.UnitId, v.Unit.Name, v.Unit.RollUpUnit != null ? v.Unit.RollUpUnit.Name : null, v.ElementCode, v.Value,
                    v.Note, v.EnteredBy, v.EnteredAt));
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Rows { get; private set; } = null!;
    public List<SelectListItem> Units { get; private set; } = [];
    public bool MayWrite => entry.MayWrite;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Rows = await handler.Rows(Filter).ToPagedListAsync(Filter, cancellationToken: cancellationToken);
        Units = await entry.UnitChoicesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.Rows(Filter).ToListAsync(cancellationToken);
        await audit.RecordExportAsync("Số liệu tổng hợp", rows.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Số liệu tổng hợp", [
            new XlsxColumn<Row>("Năm", r => r.Year, XlsxFormat.Integer, 8),
            new XlsxColumn<Row>("Đơn vị", r => r.UnitName, Width: 28),
            new XlsxColumn<Row>("Nay thuộc", r => r.NowName, Width: 24),
            new XlsxColumn<Row>("Mã số liệu", r => r.ElementCode, Width: 26),
            new XlsxColumn<Row>("Số liệu", r => r.Element?.Name, Width: 50),
            new XlsxColumn<Row>("Giá trị", r => r.Value, XlsxFormat.Decimal, 16),
            new XlsxColumn<Row>("Đơn vị tính", r => r.Element?.Unit, Width: 12),
            new XlsxColumn<Row>("Ghi chú", r => r.Note, Width: 30),
            new XlsxColumn<Row>("Người nhập", r => r.EnteredBy, Width: 36),
            new XlsxColumn<Row>("Thời điểm nhập", r => r.EnteredAt, XlsxFormat.DateTime, 18),
        ], rows, title: "Số liệu tổng hợp theo đơn vị và năm");
        return book.ToFileResult("so-lieu-tong-hop.xlsx");
    }
}
