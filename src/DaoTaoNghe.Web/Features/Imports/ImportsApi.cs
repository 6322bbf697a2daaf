using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Import;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;

namespace DaoTaoNghe.Features.Imports;

/// <summary>
/// The same imports for machine clients (an institution's own software, with an API key): the
/// upload answers synchronously with the counts and every rejected row; a refused file is a
/// ProblemDetails. Runs do not stop when the client hangs up, so a job never stays half-run.
/// </summary>
public sealed class ImportsApi : IEndpoints
{
    public sealed record ColumnInfo(string Key, string Header, bool Required, string Format, IReadOnlyList<string>? Choices, IReadOnlyList<string> OtherHeaders);

    public sealed record TemplateInfo(string Code, string Name, string Summary, string Key, IReadOnlyList<ColumnInfo> Columns);

    public void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/imports").WithTags("Nhập dữ liệu");
        group.MapGet("", (ImportTemplates templates) => templates.ForCaller.Select(t => new TemplateInfo(t.Code, t.Name, t.Summary, t.KeyDescription,
                t.Columns.Select(c => new ColumnInfo(c.Key, c.Header, c.IsRequired, c.Format, c.Choices, c.OtherHeaders)).ToList())))
            .WithSummary("Các mẫu nhập người gọi được dùng, với các cột (tiêu đề, bắt buộc, cách ghi).");

        group.MapGet("/{template}/template", async (string template, New.Handler handler, CancellationToken cancellationToken) =>
            {
                var (content, fileName) = await handler.TemplateAsync(template, cancellationToken);
                return Results.File(content, XlsxBook.ContentType, fileName);
            })
            .ProducesFile(XlsxBook.ContentType)
            .WithSummary("Tệp mẫu .xlsx của một mẫu nhập (dòng tiêu đề, dòng ví dụ, trang hướng dẫn, danh mục).");

        group.MapPost("/{template}", async (string template, IFormFile? file, [FromQuery] bool? dryRun,
                New.Handler upload, ImportRunner runner, Job.Handler jobs) =>
            {
                var id = await upload.UploadAsync(template, file, commit: dryRun == false, CancellationToken.None);
                await runner.RunAsync(id, CancellationToken.None);
                return Answer(await jobs.ResultAsync(id));
            })
            .DisableAntiforgery()
            .Produces<Job.Result>()
            .WithSummary("Nhập một tệp .xlsx hoặc .csv (multipart, trường \"file\"). dryRun=true (mặc định): chỉ kiểm tra thử; dryRun=false: ghi mọi dòng hợp lệ trong một giao dịch. Trả về số dòng thêm mới, cập nhật, giữ nguyên, bị từ chối và từng lỗi (dòng, cột, lý do).");

        group.MapGet("/jobs/{id:int}", async (int id, Job.Handler jobs, CancellationToken cancellationToken) => await jobs.ResultAsync(id, cancellationToken))
            .WithSummary("Trạng thái, số dòng và các lỗi của một lần nhập.");

        group.MapPost("/jobs/{id:int}/commit", async (int id, Job.Handler jobs, ImportRunner runner) =>
            {
                await jobs.CommitAsync(id);
                await runner.RunAsync(id, CancellationToken.None);
                return Answer(await jobs.ResultAsync(id));
            })
            .Produces<Job.Result>()
            .WithSummary("Ghi các dòng hợp lệ của một lần nhập đã kiểm tra thử.");
    }

    /// <summary>A file the run could not use is the client's problem (400), a commit the database refused a conflict (409).</summary>
    private static IResult Answer(Job.Result result) => result.Status switch
    {
        ImportStatus.Refused => throw new ValidationFailedException("file", $"{result.Error} (lần nhập số {result.JobId})"),
        ImportStatus.NeedsMapping => throw new ValidationFailedException(result.Notes
            .Where(n => n.StartsWith("Không tìm thấy cột", StringComparison.Ordinal))
            .Select(n => new FieldError("file", $"{n} Hãy dùng đúng tiêu đề cột của mẫu (GET /api/v1/imports), hoặc ghép cột một lần trên trang lần nhập số {result.JobId}.")).ToList()),
        ImportStatus.Failed => throw new ConflictException($"{result.Error} (lần nhập số {result.JobId})"),
        _ => Results.Ok(result),
    };
}
