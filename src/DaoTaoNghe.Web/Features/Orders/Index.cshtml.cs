using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Institutions;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Orders;

/// <summary>Orders the caller may see (the province's, or those given to their institution), each with learners and support committed so far.</summary>
[Authorize(Policy = OrderPolicies.Read)]
public class Index(Index.Handler handler, InstitutionChoices institutions, OccupationChoices occupations, AuditTrail audit) : PageModel
{

    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "q")] public string? Search { get; set; }
        [FromQuery(Name = "nam")] public int? Year { get; set; }
        [FromQuery(Name = "co-so")] public int? InstitutionId { get; set; }
        [FromQuery(Name = "nghe")] public int? OccupationId { get; set; }
        [FromQuery(Name = "hinh-thuc")] public OrderKind? Kind { get; set; }

        /// <summary>As recorded: "open" includes the running orders, whose running is read from their courses.</summary>
        [FromQuery(Name = "trang-thai")] public OrderState? State { get; set; }
    }

    public sealed record Row(
        int Id, int Year, OrderKind Kind, string DecisionNumber, DateOnly DecisionDate, string InstitutionName, string OccupationName,
        TrainingLevel Level, int Quota, long UnitCost, long Budget, OrderState RecordedState)
    {
        public OrderTotals Totals { get; init; } = OrderTotals.None;
        public OrderState State => OrderStates.Shown(RecordedState, Totals);
    }

    public sealed record Summary(int Orders, long Quota, long Budget, long Enrolled, long Committed);

    public sealed class Handler(AppDbContext db, IOrderCourses courses) : IHandler
    {
        private IQueryable<TrainingOrder> Filtered(Query query)
        {
            var orders = db.TrainingOrders.AsNoTracking();
            if (query.Year is { } year) orders = orders.Where(o => o.Year == year);
            if (query.InstitutionId is { } institutionId) orders = orders.Where(o => o.InstitutionId == institutionId);
            if (query.OccupationId is { } occupationId) orders = orders.Where(o => o.OccupationId == occupationId);
            if (query.Kind is { } kind) orders = orders.Where(o => o.Kind == kind);
            if (query.State is { } state) orders = orders.Where(o => o.State == (state == OrderState.Running ? OrderState.Open : state));
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var pattern = TextSearch.ContainsPattern(query.Search);
                orders = orders.Where(o => EF.Functions.Like(o.SearchText, pattern, "\\")
                                           || EF.Functions.Like(o.Occupation.SearchText, pattern, "\\")
                                           || EF.Functions.Like(o.Institution.SearchName, pattern, "\\"));
            }
            return orders;
        }

        private IQueryable<Row> Rows(Query query) =>
            Filtered(query)
                .OrderByDescending(o => o.Year).ThenBy(o => o.Institution.Name).ThenByDescending(o => o.DecisionDate).ThenBy(o => o.Id)
                .Select(o => new Row(o.Id, o.Year, o.Kind, o.DecisionNumber, o.DecisionDate, o.Institution.Name, o.Occupation.Name, o.Level,
                    o.Quota, o.UnitCost, o.Budget, o.State));

        public async Task<PagedList<Row>> PageAsync(Query query, CancellationToken cancellationToken = default)
        {
            var page = await Rows(query).ToPagedListAsync(query, cancellationToken: cancellationToken);
            return page with { Items = await WithTotalsAsync(page.Items, cancellationToken) };
        }

        public async Task<List<Row>> AllAsync(Query query, CancellationToken cancellationToken = default) =>
            await WithTotalsAsync(await Rows(query).ToListAsync(cancellationToken), cancellationToken);

        public async Task<Summary> SummarizeAsync(Query query, CancellationToken cancellationToken = default)
        {
            var orders = Filtered(query);
            var ids = await orders.Select(o => o.Id).ToListAsync(cancellationToken);
            var totals = await courses.TotalsAsync(ids, cancellationToken);
            return new Summary(ids.Count, await orders.SumAsync(o => (long)o.Quota, cancellationToken), await orders.SumAsync(o => o.Budget, cancellationToken),
                totals.Values.Sum(t => (long)t.Enrolled), totals.Values.Sum(t => t.Committed));
        }

        private async Task<List<Row>> WithTotalsAsync(IReadOnlyList<Row> rows, CancellationToken cancellationToken)
        {
            var totals = await courses.TotalsAsync(rows.Select(r => r.Id).ToList(), cancellationToken);
            return rows.Select(r => totals.TryGetValue(r.Id, out var t) ? r with { Totals = t } : r).ToList();
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;
    public Summary Totals { get; private set; } = null!;
    public List<SelectListItem> Institutions { get; private set; } = [];
    public List<SelectListItem> Occupations { get; private set; } = [];

    public static List<SelectListItem> StateChoices(OrderState? selected) =>
        [.. new[] { OrderState.Planned, OrderState.Open, OrderState.Finished, OrderState.Cancelled }
            .Select(s => new SelectListItem(s == OrderState.Open ? "Đã giao (kể cả đang thực hiện)" : Fmt.Enum(s), s.ToString(), s == selected))];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await handler.PageAsync(Filter, cancellationToken);
        Totals = await handler.SummarizeAsync(Filter, cancellationToken);
        Institutions = await institutions.SelectListAsync(cancellationToken);
        Occupations = await occupations.SelectListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.AllAsync(Filter, cancellationToken);
        await audit.RecordExportAsync("Đơn đặt hàng đào tạo", rows.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Đơn đặt hàng", [
            new XlsxColumn<Row>("Năm", r => r.Year, XlsxFormat.Integer, 8),
            new XlsxColumn<Row>("Hình thức", r => Fmt.Enum(r.Kind), Width: 14),
            new XlsxColumn<Row>("Số quyết định", r => r.DecisionNumber, Width: 20),
            new XlsxColumn<Row>("Ngày quyết định", r => r.DecisionDate, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Cơ sở đào tạo", r => r.InstitutionName, Width: 40),
            new XlsxColumn<Row>("Nghề", r => r.OccupationName, Width: 30),
            new XlsxColumn<Row>("Trình độ", r => Fmt.Enum(r.Level), Width: 16),
            new XlsxColumn<Row>("Trạng thái", r => Fmt.Enum(r.State), Width: 16),
            new XlsxColumn<Row>("Chỉ tiêu", r => r.Quota, XlsxFormat.Integer, 10),
            new XlsxColumn<Row>("Đã ghi danh", r => r.Totals.Enrolled, XlsxFormat.Integer, 10),
            new XlsxColumn<Row>("Đơn giá (đ/người)", r => r.UnitCost, XlsxFormat.Money, 14),
            new XlsxColumn<Row>("Kinh phí (đ)", r => r.Budget, XlsxFormat.Money, 16),
            new XlsxColumn<Row>("Hỗ trợ đã cam kết (đ)", r => r.Totals.Committed, XlsxFormat.Money, 16),
            new XlsxColumn<Row>("Còn lại (đ)", r => r.Budget - r.Totals.Committed, XlsxFormat.Money, 16),
        ], rows, title: "Đơn đặt hàng, giao nhiệm vụ, đấu thầu đào tạo nghề");
        return book.ToFileResult("don-dat-hang.xlsx");
    }
}
