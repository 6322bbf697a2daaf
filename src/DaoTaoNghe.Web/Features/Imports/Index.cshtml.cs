using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Import;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Imports;

/// <summary>The templates the caller's role may use, and the imports the caller may see (their own; the whole province's for its admin).</summary>
public class Index(Index.Handler handler, ImportTemplates templates, AuditTrail audit) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "mau")] public string? Template { get; set; }
        [FromQuery(Name = "trang-thai")] public ImportStatus? Status { get; set; }

        /// <summary>Imports waiting for an action (<see cref="ImportWork"/>): "loi".</summary>
        [FromQuery(Name = "viec")] public string? Work { get; set; }
    }

    public sealed record Row(int Id, string TemplateCode, string FileName, ImportStatus Status, string UserName, DateTime CreatedAt,
        int Rows, int Created, int Updated, int Unchanged, int Rejected);

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IHandler
    {
        public IQueryable<Row> Rows(Query query)
        {
            var jobs = db.ImportJobs.AsNoTracking();
            if (ImportWork.Waiting(query.Work, VietnamTime.Today(clock)) is { } waiting) jobs = jobs.Where(waiting);
            if (!string.IsNullOrEmpty(query.Template)) jobs = jobs.Where(j => j.TemplateCode == query.Template);
            if (query.Status is { } status) jobs = jobs.Where(j => j.Status == status);
            return jobs.OrderByDescending(j => j.Id)
                .Select(j => new Row(j.Id, j.TemplateCode, j.FileName, j.Status, j.UserName, j.CreatedAt, j.Rows, j.Created, j.Updated, j.Unchanged, j.Rejected));
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public IReadOnlyList<IImportTemplate> Templates { get; private set; } = [];
    public PagedList<Row> Data { get; private set; } = null!;

    public string TemplateName(string code) => templates.Find(code)?.Name ?? code;

    public List<SelectListItem> TemplateChoices =>
        templates.All.Select(t => new SelectListItem(t.Name, t.Code, t.Code == Filter.Template)).ToList();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Templates = templates.ForCaller;
        Data = await handler.Rows(Filter).ToPagedListAsync(Filter, cancellationToken: cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.Rows(Filter).ToListAsync(cancellationToken);
        await audit.RecordExportAsync("Các lần nhập dữ liệu từ Excel", rows.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Lần nhập", [
            new XlsxColumn<Row>("Số", r => r.Id, XlsxFormat.Code, 8),
            new XlsxColumn<Row>("Thời điểm", r => r.CreatedAt, XlsxFormat.DateTime, 17),
            new XlsxColumn<Row>("Mẫu nhập", r => TemplateName(r.TemplateCode), Width: 28),
            new XlsxColumn<Row>("Tệp", r => r.FileName, Width: 30),
            new XlsxColumn<Row>("Người tải lên", r => r.UserName),
            new XlsxColumn<Row>("Trạng thái", r => Fmt.Enum(r.Status), Width: 22),
            new XlsxColumn<Row>("Số dòng", r => r.Rows, XlsxFormat.Integer, 10),
            new XlsxColumn<Row>("Thêm mới", r => r.Created, XlsxFormat.Integer, 10),
            new XlsxColumn<Row>("Cập nhật", r => r.Updated, XlsxFormat.Integer, 10),
            new XlsxColumn<Row>("Giữ nguyên", r => r.Unchanged, XlsxFormat.Integer, 10),
            new XlsxColumn<Row>("Bị từ chối", r => r.Rejected, XlsxFormat.Integer, 10),
        ], rows, title: "Các lần nhập dữ liệu từ Excel");
        return book.ToFileResult("lan-nhap-du-lieu.xlsx");
    }
}
