using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Import;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;

namespace DaoTaoNghe.Features.Imports;

/// <summary>
/// The same imports for machine clients (an institution's own software, with an API key), through the
/// pages' queue: an upload is accepted (202) with the job's address, which the client asks until the job
/// is done, then reads the counts, every rejected row or the reason the file was refused. The queue is
/// bounded per user and in all; a client that lost its connection finds its job in its list.
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
                New.Handler upload, ImportQueue queue, Job.Handler jobs, CancellationToken cancellationToken) =>
            {
                var id = await upload.UploadAsync(template, file, commit: dryRun == false, cancellationToken);
                queue.Enqueue(id);
                return Results.Accepted(JobUrl(id), await jobs.ResultAsync(id, cancellationToken));
            })
            .DisableAntiforgery()
            .AddEndpointFilter<UploadCallers>()
            .Produces<Job.Result>(StatusCodes.Status202Accepted)
            .WithSummary("Nhập một tệp .xlsx hoặc .csv (multipart, trường \"file\"): trả về 202 với địa chỉ lần nhập (Location); hỏi lại địa chỉ đó đến khi \"done\" là true. " +
                "dryRun=true (mặc định): chỉ kiểm tra thử; dryRun=false: ghi mọi dòng hợp lệ trong một giao dịch. Kết quả: số dòng thêm mới, cập nhật, giữ nguyên, bị từ chối, từng lỗi (dòng, cột, lý do), " +
                "hoặc lý do tệp bị từ chối (\"error\"). Gửi lại đúng tệp khi lần nhập trước chưa xong: 409 nêu số lần nhập đó; quá nhiều tệp đang chờ: 429.");

        group.MapGet("/jobs", async ([AsParameters] JobsQuery query, Job.Handler jobs, CancellationToken cancellationToken) => await jobs.MineAsync(query, cancellationToken))
            .WithSummary("Các lần nhập của người gọi, mới nhất trước (trang: page, pageSize ≤ 200), kèm mã SHA-256 của tệp: để tìm lại lần nhập khi mất kết nối.");

        group.MapGet("/jobs/{id:int}", async (int id, Job.Handler jobs, CancellationToken cancellationToken) => await jobs.ResultAsync(id, cancellationToken))
            .WithSummary("Trạng thái (done: đã xong), số dòng, các lỗi của một lần nhập, lý do nếu tệp bị từ chối, và việc lần nhập có bị gián đoạn rồi chạy lại không.");

        group.MapPost("/jobs/{id:int}/commit", async (int id, Job.Handler jobs, ImportQueue queue, CancellationToken cancellationToken) =>
            {
                await jobs.CommitAsync(id, cancellationToken);
                queue.Enqueue(id);
                return Results.Accepted(JobUrl(id), await jobs.ResultAsync(id, cancellationToken));
            })
            .AddEndpointFilter<UploadCallers>()
            .Produces<Job.Result>(StatusCodes.Status202Accepted)
            .WithSummary("Ghi các dòng hợp lệ của một lần nhập đã kiểm tra thử: 202, rồi hỏi địa chỉ lần nhập đến khi xong.");
    }

    private static string JobUrl(int id) => $"/api/v1/imports/jobs/{id}";

    /// <summary>The caller's import jobs: no filter, the list's paging.</summary>
    public sealed class JobsQuery : PagedQuery;
}
