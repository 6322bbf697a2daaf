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

namespace DaoTaoNghe.Features.Imports;

/// <summary>One template: what it brings in and how to fill it, its .xlsx to download, and the upload that starts a dry run.</summary>
public class New(New.Handler handler, ImportTemplates templates, ImportQueue queue, ImportLimits limits) : PageModel
{
    public sealed class Handler(AppDbContext db, FileStore files, ImportTemplates templates, ImportLimits limits, TimeProvider clock) : IHandler
    {
        // The import reader tells a renamed, old-format or broken workbook apart itself, in more helpful words.
        private FileRules Rules => new(limits.MaxFileBytes, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [".xlsx"] = XlsxBook.ContentType,
            [".csv"] = "text/csv; charset=utf-8",
        }) { ChecksContent = false };

        /// <summary>Stores the file and records the job, queued for a dry run, or straight for a commit (API clients that ask for it).</summary>
        public async Task<int> UploadAsync(string code, IFormFile? file, bool commit, CancellationToken cancellationToken = default)
        {
            var template = templates.Usable(code);
            if (file is null)
                throw new ValidationFailedException("file", $"Vui lòng chọn tệp {ImportSource.AcceptedTypes} để tải lên.");
            var stored = await files.SaveAsync(file, Rules, "file", cancellationToken);
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
    }
}
