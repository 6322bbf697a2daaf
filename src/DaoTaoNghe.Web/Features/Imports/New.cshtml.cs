using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Files;
using DaoTaoNghe.Infrastructure.Import;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Imports;

/// <summary>One template: what it brings in and how to fill it, its .xlsx to download, and the upload that starts a dry run.</summary>
public class New(New.Handler handler, ImportTemplates templates, ImportQueue queue, ImportLimits limits) : PageModel
{
    public sealed class Handler(AppDbContext db, FileStore files, ImportTemplates templates, ImportLimits limits, ImportAdmission admission,
        IHttpContextAccessor http, TimeProvider clock) : IHandler
    {
        // The import reader tells a renamed, old-format or broken workbook apart itself, in more helpful words.
        private FileRules Rules => new(limits.MaxFileBytes, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [".xlsx"] = XlsxBook.ContentType,
            [".csv"] = "text/csv; charset=utf-8",
        }) { ChecksContent = false };

        /// <summary>
        /// Stores the file and records the job, queued for a dry run, or straight for a commit (API clients
        /// that ask for it). The queue is bounded: the same file while its job is unfinished is a 409 naming
        /// that job (a client retrying after a lost connection), too many unfinished jobs a 429.
        /// </summary>
        public async Task<int> UploadAsync(string code, IFormFile? file, bool commit, CancellationToken cancellationToken = default)
        {
            var template = templates.Usable(code);
            if (file is null)
                throw new ValidationFailedException("file", $"Vui lòng chọn tệp {ImportSource.AcceptedTypes} để tải lên.");
            var stored = await files.SaveAsync(file, Rules, "file", cancellationToken);
            await admission.Gate.WaitAsync(cancellationToken);
            try
            {
                await AdmitAsync(template, stored.Sha256, cancellationToken);
                return await RecordAsync(template, stored, commit, cancellationToken);
            }
            catch
            {
                files.Delete(stored.Key);
                throw;
            }
            finally
            {
                admission.Gate.Release();
            }
        }

        private async Task AdmitAsync(IImportTemplate template, string sha256, CancellationToken cancellationToken)
        {
            var mine = db.ImportJobs.AsNoTracking().Where(j => j.UserId == db.Scope.UserId && ImportJob.Unfinished.Contains(j.Status));
            var same = await mine.Where(j => j.FileSha256 == sha256 && j.TemplateCode == template.Code)
                .OrderBy(j => j.Id).Select(j => new { j.Id, j.Status, j.CreatedAt }).FirstOrDefaultAsync(cancellationToken);
            if (same is not null)
                throw new ConflictException(
                    $"Tệp này đang được nhập ở lần nhập số {same.Id} ({Fmt.Enum(same.Status).ToLowerInvariant()}, tải lên lúc {Fmt.DateTime(same.CreatedAt)}). " +
                    $"Không gửi lại: hãy đợi lần nhập đó xong rồi xem kết quả tại /api/v1/imports/jobs/{same.Id} (hoặc trang Nhập dữ liệu).");
            if (await mine.CountAsync(cancellationToken) >= limits.MaxUnfinishedPerUser)
                throw new TooManyRequestsException(
                    $"Bạn đang có {limits.MaxUnfinishedPerUser} tệp chờ hoặc đang xử lý, là mức tối đa cho một người. Hãy đợi một lần nhập xong rồi gửi tiếp (danh sách: /api/v1/imports/jobs).");
            // The worker runs one file at a time for everyone, so the queue is counted across users.
            if (await db.ImportJobs.IgnoreQueryFilters().CountAsync(j => ImportJob.Unfinished.Contains(j.Status), cancellationToken) >= limits.MaxUnfinished)
                throw new TooManyRequestsException("Hệ thống đang xử lý nhiều tệp nhập cùng lúc. Hãy thử lại sau ít phút.");
        }

        private async Task<int> RecordAsync(IImportTemplate template, StoredFile stored, bool commit, CancellationToken cancellationToken)
        {
            var scope = db.Scope;
            var job = new ImportJob
            {
                TemplateCode = template.Code,
                Status = commit ? ImportStatus.CommitQueued : ImportStatus.Queued,
                FileKey = stored.Key,
                FileName = stored.FileName,
                FileSize = stored.Size,
                FileSha256 = stored.Sha256,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
                UserId = scope.UserId,
                UserName = scope.UserName ?? "",
                Role = scope.Role ?? "",
                OrganisationId = scope.OrganisationId,
                ProvinceId = scope.ProvinceId,
                CommuneId = scope.CommuneId == 0 ? null : scope.CommuneId,
                RequestedFrom = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            };
            db.ImportJobs.Add(job);
            await db.SaveChangesAsync(cancellationToken);
            return job.Id;
        }

        /// <summary>The template workbook, with the caller's own examples and catalogues.</summary>
        public async Task<(Stream Content, string FileName)> TemplateAsync(string code, CancellationToken cancellationToken = default)
        {
            var template = templates.Usable(code);
            return (ImportTemplateBook.Write(template, await template.SampleAsync(cancellationToken), limits), $"mau-nhap-{template.Code}.xlsx");
        }
    }

    public IImportTemplate Template { get; private set; } = null!;
    public IReadOnlyList<string> Rules => ImportTemplateBook.GeneralRules(limits);

    public void OnGet(string code) => Template = templates.Usable(code);

    public async Task<IActionResult> OnGetTemplateAsync(string code, CancellationToken cancellationToken)
    {
        var (content, fileName) = await handler.TemplateAsync(code, cancellationToken);
        return File(content, XlsxBook.ContentType, fileName);
    }

    public async Task<IActionResult> OnPostAsync(string code, IFormFile? file, CancellationToken cancellationToken)
    {
        Template = templates.Usable(code);
        try
        {
            var id = await handler.UploadAsync(code, file, commit: false, cancellationToken);
            queue.Enqueue(id);
            return RedirectToPage("Job", new { id });
        }
        catch (ValidationFailedException failed)
        {
            failed.AddTo(ModelState, prefix: "");
            return Page();
        }
        catch (Exception refused) when (refused is ConflictException or TooManyRequestsException)
        {
            ModelState.AddModelError("file", refused.Message);
            return Page();
        }
    }
}
