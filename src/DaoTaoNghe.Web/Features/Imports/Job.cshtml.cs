using System.Text.Json;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Files;
using DaoTaoNghe.Infrastructure.Import;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Imports;

/// <summary>
/// One import: its progress while it runs, then the dry run's counts and every rejected row (with
/// the errors as .xlsx), the column mapping when the file's headers are the user's own, and the
/// button that writes the accepted rows.
/// </summary>
public class Job(Job.Handler handler, ImportQueue queue, AuditTrail audit, FileStore files, DataScopeAccessor scope) : PageModel
{
    public sealed record ResultError(int Row, string Column, string Header, string Value, string Message);

    /// <summary>A job as the API returns it: the same counts and rejected rows the page shows.</summary>
    public sealed record Result(
        int JobId, string Template, string TemplateName, ImportStatus Status, string StatusName, bool Committed,
        string FileName, string? Sheet, int? HeaderRow, int Rows, int Created, int Updated, int Unchanged, int Rejected,
        IReadOnlyList<string> Notes, string? Error, string UserName, DateTime CreatedAt, DateTime? CheckedAt, DateTime? CommittedAt,
        IReadOnlyList<ResultError> Errors, int ErrorsNotListed, bool Done, int Resumes, DateTime? ResumedAt, string? Interruption);

    /// <summary>A job in a list: enough to find one's own after a lost connection.</summary>
    public sealed record Summary(int JobId, string Template, ImportStatus Status, string StatusName, bool Done, string FileName, string FileSha256,
        int Rows, int Created, int Updated, int Unchanged, int Rejected, DateTime CreatedAt, DateTime? CheckedAt, DateTime? CommittedAt, int Resumes, DateTime? ResumedAt);

    /// <summary>What the job's page and the API say of a restart that interrupted the job.</summary>
    public static string? InterruptionOf(ImportJob job) => job.Resumes == 0 ? null :
        $"Lần nhập bị gián đoạn vì hệ thống khởi động lại{(job.Resumes > 1 ? $" ({job.Resumes} lần)" : "")}; phần đang làm dở không được ghi, " +
        $"hệ thống đã tự chạy lại từ đầu lúc {Fmt.DateTime(job.ResumedAt)}.";

    public sealed record Progress(ImportStatus Status, string StatusName, bool Done, int Processed, int Total, string Message);

    public sealed record MappingChoice(IImportColumn Column, int? Selected);

    public sealed class Handler(AppDbContext db, ImportTemplates templates, ImportProgress progress, AuditTrail audit, IHttpContextAccessor http,
        TimeProvider clock) : IHandler
    {
        public async Task<ImportJob> FindAsync(int id, CancellationToken cancellationToken = default) =>
            await db.ImportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, cancellationToken)
            ?? throw new NotFoundException("Không tìm thấy lần nhập này hoặc bạn không có quyền xem.");

        public IQueryable<ResultError> Errors(int id) =>
            db.ImportRowErrors.AsNoTracking().Where(e => e.JobId == id).OrderBy(e => e.RowNumber).ThenBy(e => e.Id)
                .Select(e => new ResultError(e.RowNumber, e.Column, e.Header, e.Value, e.Message));

        public string TemplateName(ImportJob job) => templates.Find(job.TemplateCode)?.Name ?? job.TemplateCode;

        public async Task<Result> ResultAsync(int id, CancellationToken cancellationToken = default)
        {
            var job = await FindAsync(id, cancellationToken);
            var errors = await Errors(id).ToListAsync(cancellationToken);
            await AuditViewAsync(job, errors.Count, cancellationToken);
            return new Result(job.Id, job.TemplateCode, TemplateName(job), job.Status, Fmt.Enum(job.Status), job.Status == ImportStatus.Committed,
                job.FileName, job.SheetName, job.HeaderRow, job.Rows, job.Created, job.Updated, job.Unchanged, job.Rejected,
                NotesOf(job), job.Error, job.UserName, job.CreatedAt, job.CheckedAt, job.CommittedAt, errors, job.ProblemsNotKept,
                !job.IsRunning, job.Resumes, job.ResumedAt, InterruptionOf(job));
        }

        /// <summary>The caller's own jobs, newest first.</summary>
        public async Task<PagedList<Summary>> MineAsync(PagedQuery page, CancellationToken cancellationToken = default)
        {
            var jobs = await db.ImportJobs.AsNoTracking().Where(j => j.UserId == db.Scope.UserId)
                .OrderByDescending(j => j.Id)
                .Select(j => new Summary(j.Id, j.TemplateCode, j.Status, "", false, j.FileName, j.FileSha256,
                    j.Rows, j.Created, j.Updated, j.Unchanged, j.Rejected, j.CreatedAt, j.CheckedAt, j.CommittedAt, j.Resumes, j.ResumedAt))
                .ToPagedListAsync(page, 50, cancellationToken);
            return jobs with { Items = jobs.Items.Select(j => j with { StatusName = Fmt.Enum(j.Status), Done = !ImportJob.Unfinished.Contains(j.Status) }).ToList() };
        }

        /// <summary>Rejected rows show what the file held: for a template of personal data, reading them is a view of personal records.</summary>
        public async Task AuditViewAsync(ImportJob job, int errors, CancellationToken cancellationToken = default)
        {
            if (errors > 0 && templates.Find(job.TemplateCode) is { ContainsPersonalData: true })
                await audit.RecordViewAsync(nameof(ImportJob), job.Id, $"Xem {errors} lỗi của lần nhập tệp {job.FileName}", cancellationToken);
        }

        public static IReadOnlyList<string> NotesOf(ImportJob job) =>
            job.Notes is null ? [] : job.Notes.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        public Progress ProgressOf(ImportJob job)
        {
            var (done, total) = progress.Of(job.Id) ?? (0, 0);
            var verb = job.Status is ImportStatus.Committing or ImportStatus.CommitQueued ? "Đang ghi" : "Đang kiểm tra";
            var message = job.IsRunning
                ? total > 0 ? $"{verb}: {Fmt.Number(done)} / {Fmt.Number(total)} dòng…" : $"{Fmt.Enum(job.Status)}…"
                : Fmt.Enum(job.Status);
            return new Progress(job.Status, Fmt.Enum(job.Status), !job.IsRunning, done, total, message);
        }

        /// <summary>Queues the accepted rows of a checked job for writing; only its uploader may, once.</summary>
        public async Task CommitAsync(int id, CancellationToken cancellationToken = default)
        {
            var job = await MineAsync(id, cancellationToken);
            if (!job.MayCommit)
                throw new ConflictException(job.Status == ImportStatus.Committed
                    ? "Lần nhập này đã được ghi."
                    : "Lần nhập này không có dòng hợp lệ nào để ghi, hoặc chưa kiểm tra xong.");
            var from = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
            var claimed = await db.ImportJobs
                .Where(j => j.Id == id && (j.Status == ImportStatus.Checked || (j.Status == ImportStatus.Failed && j.CheckedAt != null)))
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.CommitQueued)
                    .SetProperty(j => j.RequestedFrom, from), cancellationToken);
            if (claimed == 0) throw new ConflictException("Lần nhập này đang được xử lý.");
        }

        /// <summary>The mapping form: every template column with the file column chosen for it (as last used or guessed).</summary>
        public async Task<(IReadOnlyList<ImportHeaderColumn> Headers, IReadOnlyList<MappingChoice> Choices)> MappingAsync(int id, CancellationToken cancellationToken = default)
        {
            var job = await FindAsync(id, cancellationToken);
            var template = templates.Find(job.TemplateCode) ?? throw new NotFoundException("Mẫu nhập không còn trong hệ thống.");
            var headers = HeadersOf(job);
            var used = job.MappingJson is null ? [] : JsonSerializer.Deserialize<Dictionary<string, int>>(job.MappingJson) ?? [];
            return (headers, template.Columns.Select(c => new MappingChoice(c, used.TryGetValue(c.Key, out var i) ? i : null)).ToList());
        }

        /// <summary>Sets the file column of each template column, remembers it for the organisation's sheets of this layout if asked, and checks again.</summary>
        public async Task MapAsync(int id, IReadOnlyDictionary<string, string?> chosen, bool remember, CancellationToken cancellationToken = default)
        {
            var job = await MineAsync(id, cancellationToken);
            if (job.Status is not (ImportStatus.NeedsMapping or ImportStatus.Checked or ImportStatus.Failed))
                throw new ConflictException("Không thể ghép lại cột của lần nhập này.");
            var template = templates.Find(job.TemplateCode) ?? throw new NotFoundException("Mẫu nhập không còn trong hệ thống.");
            var headers = HeadersOf(job).ToDictionary(h => h.Index);
            var map = new Dictionary<string, int>();
            var errors = new List<FieldError>();
            foreach (var column in template.Columns)
            {
                var value = chosen.GetValueOrDefault(column.Key);
                if (int.TryParse(value, out var index) && headers.ContainsKey(index))
                {
                    if (map.FirstOrDefault(m => m.Value == index) is { Key: not null } taken)
                        errors.Add(new FieldError(column.Key, $"Cột {headers[index].Letter} được chọn cho cả \"{template.Columns.First(c => c.Key == taken.Key).Header}\" và \"{column.Header}\"."));
                    else map[column.Key] = index;
                }
                else if (column.IsRequired)
                    errors.Add(new FieldError(column.Key, $"Chưa chọn cột của tệp cho \"{column.Header}\" (bắt buộc)."));
            }
            if (errors.Count > 0) throw new ValidationFailedException(errors);

            if (remember)
            {
                var key = ImportHeaders.KeyOf(headers.Values.Select(h => h.Text));
                var byHeader = map.ToDictionary(m => m.Key, m => ImportHeaders.Normalize(headers[m.Value].Text));
                var saved = await db.ImportColumnMappings.SingleOrDefaultAsync(m =>
                    m.OrganisationId == db.Scope.OrganisationId && m.TemplateCode == template.Code && m.HeaderKey == key, cancellationToken);
                if (saved is null)
                    db.ImportColumnMappings.Add(saved = new ImportColumnMapping { OrganisationId = db.Scope.OrganisationId, TemplateCode = template.Code, HeaderKey = key });
                saved.MappingJson = JsonSerializer.Serialize(byHeader);
                saved.UpdatedAt = clock.GetUtcNow().UtcDateTime;
                saved.UpdatedByUserId = db.Scope.UserId;
            }
            var tracked = await db.ImportJobs.SingleAsync(j => j.Id == id, cancellationToken);
            tracked.MappingJson = JsonSerializer.Serialize(map);
            tracked.Status = ImportStatus.Queued;
            await db.SaveChangesAsync(cancellationToken);
        }

        private async Task<ImportJob> MineAsync(int id, CancellationToken cancellationToken)
        {
            var job = await FindAsync(id, cancellationToken);
            return job.UserId == db.Scope.UserId ? job : throw new ForbiddenException("Chỉ người tải tệp lên mới được ghép cột hoặc ghi dữ liệu của lần nhập này.");
        }

        private static IReadOnlyList<ImportHeaderColumn> HeadersOf(ImportJob job) =>
            job.HeadersJson is null ? [] : JsonSerializer.Deserialize<List<ImportHeaderColumn>>(job.HeadersJson) ?? [];
    }

    public ImportJob Data { get; private set; } = null!;
    public string TemplateName { get; private set; } = "";
    public IReadOnlyList<string> Notes { get; private set; } = [];
    public PagedList<ResultError> Errors { get; private set; } = null!;
    public Progress Status { get; private set; } = null!;
    public IReadOnlyList<ImportHeaderColumn> Headers { get; private set; } = [];
    public IReadOnlyList<MappingChoice> Mapping { get; private set; } = [];
    public bool IsMine => Data.UserId == scope.Current.UserId;

    public async Task OnGetAsync(int id, int? page, CancellationToken cancellationToken)
    {
        Data = await handler.FindAsync(id, cancellationToken);
        TemplateName = handler.TemplateName(Data);
        Notes = Handler.NotesOf(Data);
        Status = handler.ProgressOf(Data);
        Errors = await handler.Errors(id).ToPagedListAsync(page, 50, cancellationToken);
        await handler.AuditViewAsync(Data, Errors.Items.Count, cancellationToken);
        if (Data.Status is ImportStatus.NeedsMapping or ImportStatus.Checked or ImportStatus.Failed && Data.HeadersJson is not null)
            (Headers, Mapping) = await handler.MappingAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnGetStatusAsync(int id, CancellationToken cancellationToken) =>
        new JsonResult(handler.ProgressOf(await handler.FindAsync(id, cancellationToken)));

    public async Task<IActionResult> OnGetErrorsAsync(int id, [FromServices] ImportTemplates templates, CancellationToken cancellationToken)
    {
        var job = await handler.FindAsync(id, cancellationToken);
        var rows = await handler.Errors(id).ToListAsync(cancellationToken);
        await audit.RecordExportAsync($"Lỗi của lần nhập số {id}", rows.Count, templates.Find(job.TemplateCode)?.ContainsPersonalData ?? false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Lỗi", [
            new XlsxColumn<ResultError>("Dòng", r => r.Row, XlsxFormat.Integer, 8),
            new XlsxColumn<ResultError>("Cột", r => r.Column, Width: 6),
            new XlsxColumn<ResultError>("Tên cột", r => r.Header, Width: 24),
            new XlsxColumn<ResultError>("Giá trị trong tệp", r => r.Value, Width: 30),
            new XlsxColumn<ResultError>("Lý do", r => r.Message, Width: 90),
        ], rows, title: $"Các dòng bị từ chối – {handler.TemplateName(job)} – tệp {job.FileName}");
        return book.ToFileResult($"loi-nhap-{id}.xlsx");
    }

    public async Task<IActionResult> OnGetOriginalAsync(int id, [FromServices] ImportTemplates templates, CancellationToken cancellationToken)
    {
        var job = await handler.FindAsync(id, cancellationToken);
        await audit.RecordExportAsync($"Tệp gốc của lần nhập số {id}", job.Rows, templates.Find(job.TemplateCode)?.ContainsPersonalData ?? false, cancellationToken);
        var contentType = job.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "text/csv; charset=utf-8" : XlsxBook.ContentType;
        return files.Download(job.FileKey, job.FileName, contentType);
    }

    public async Task<IActionResult> OnPostCommitAsync(int id, CancellationToken cancellationToken)
    {
        await handler.CommitAsync(id, cancellationToken);
        queue.Enqueue(id);
        return RedirectToPage(new { id });
    }

    [BindProperty]
    public Dictionary<string, string?> Map { get; set; } = [];

    [BindProperty]
    public bool Remember { get; set; }

    public async Task<IActionResult> OnPostMapAsync(int id, int? page, CancellationToken cancellationToken)
    {
        try
        {
            await handler.MapAsync(id, Map, Remember, cancellationToken);
            queue.Enqueue(id);
            return RedirectToPage(new { id });
        }
        catch (ValidationFailedException failed)
        {
            foreach (var error in failed.Errors) ModelState.AddModelError("Map", error.Message);
            await OnGetAsync(id, page, cancellationToken);
            return Page();
        }
    }
}
