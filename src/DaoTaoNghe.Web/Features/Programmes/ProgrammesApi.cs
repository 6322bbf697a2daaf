using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;

namespace DaoTaoNghe.Features.Programmes;

public sealed class ProgrammesApi : IEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var writers = ProgrammePolicies.Write;
        var group = api.MapGroup("/programmes").WithTags("Chương trình đào tạo");
        group.MapGet("", async ([AsParameters] Index.Query query, Index.Handler handler, CancellationToken cancellationToken) =>
                await handler.PageAsync(query, cancellationToken))
            .WithSummary("Chương trình đào tạo của tỉnh người gọi (lọc: q, co-so, nghe, trinh-do, trong-diem, ca-ngung; trang: page, pageSize ≤ 200).");
        group.MapGet("/{id:int}", (int id, Details.Handler handler, CancellationToken cancellationToken) => handler.HandleAsync(id, cancellationToken))
            .WithSummary("Một chương trình: mô-đun, kiểm định, định mức, học liệu (tệp tải tại /Programmes/MaterialFile/{id}, cùng khóa API).");
        group.MapPost("", async (Create.Command command, Create.Handler handler, CancellationToken cancellationToken) =>
            {
                var id = await handler.HandleAsync(command, cancellationToken);
                return ApiResults.Created($"/api/v1/programmes/{id}", id);
            })
            .RequireAuthorization(writers)
            .WithSummary("Thêm chương trình (cơ sở đào tạo cho chính mình, hoặc quản trị cấp tỉnh).");
        group.MapPut("/{id:int}", async (int id, Edit.Command command, Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(writers)
            .WithSummary("Sửa chương trình (cơ sở sở hữu, hoặc quản trị cấp tỉnh).");
        group.MapPost("/{id:int}/deactivate", async (int id, Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.DeactivateAsync(id, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(writers)
            .WithSummary("Ngừng đào tạo một chương trình; dữ liệu cũ được giữ nguyên.");

        group.MapPost("/{id:int}/modules", async (int id, Modules.Command command, Modules.Handler handler, CancellationToken cancellationToken) =>
                ApiResults.Created($"/api/v1/programmes/{id}", await handler.AddAsync(id, command, cancellationToken)))
            .RequireAuthorization(writers)
            .WithSummary("Thêm một mô-đun, môn học vào cuối chương trình.");
        group.MapDelete("/{id:int}/modules/{moduleId:int}", async (int id, int moduleId, Modules.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.RemoveAsync(id, moduleId, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(writers)
            .WithSummary("Xóa một mô-đun.");
        group.MapPost("/{id:int}/accreditations", async (int id, Accreditations.Command command, Accreditations.Handler handler, CancellationToken cancellationToken) =>
                ApiResults.Created($"/api/v1/programmes/{id}", await handler.AddAsync(id, command, cancellationToken)))
            .RequireAuthorization(writers)
            .WithSummary("Ghi nhận một kết quả kiểm định chất lượng chương trình.");
        group.MapDelete("/{id:int}/accreditations/{accreditationId:int}", async (int id, int accreditationId, Accreditations.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.RemoveAsync(id, accreditationId, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(writers)
            .WithSummary("Xóa một kết quả kiểm định nhập nhầm.");
        group.MapPost("/{id:int}/norms", async (int id, Norms.Command command, Norms.Handler handler, CancellationToken cancellationToken) =>
                ApiResults.Created($"/api/v1/programmes/{id}", await handler.AddAsync(id, command, cancellationToken)))
            .RequireAuthorization(writers)
            .WithSummary("Thêm định mức kinh tế – kỹ thuật (chi phí/người) áp dụng từ một ngày.");
        group.MapDelete("/{id:int}/norms/{normId:int}", async (int id, int normId, Norms.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.RemoveAsync(id, normId, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(writers)
            .WithSummary("Xóa một định mức nhập nhầm.");

        group.MapPost("/{id:int}/materials/links", async (int id, Materials.LinkCommand command, Materials.Handler handler, CancellationToken cancellationToken) =>
                ApiResults.Created($"/api/v1/programmes/{id}", await handler.AddLinkAsync(id, command, cancellationToken)))
            .RequireAuthorization(writers)
            .WithSummary("Thêm học liệu dạng liên kết (http/https).");
        group.MapPost("/{id:int}/materials/files", async (int id, IFormFile? file, [FromForm] string? title, [FromForm] bool? isPublic,
                Materials.Handler handler, CancellationToken cancellationToken) =>
                ApiResults.Created($"/api/v1/programmes/{id}",
                    await handler.AddFileAsync(id, new Materials.FileCommand { Title = title, IsPublic = isPublic ?? true }, file, cancellationToken)))
            .DisableAntiforgery()
            .AddEndpointFilter<UploadCallers>()
            .WithMetadata(new RequestSizeLimitAttribute(Materials.HardRequestLimitBytes))
            .RequireAuthorization(writers)
            .WithSummary("Tải lên tệp học liệu (multipart: file, title, isPublic).");
        group.MapPost("/{id:int}/materials/{materialId:int}/deactivate", async (int id, int materialId, Materials.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.SetActiveAsync(id, materialId, false, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(writers)
            .WithSummary("Ẩn một học liệu (tệp vẫn được giữ).");
        group.MapPost("/{id:int}/materials/{materialId:int}/activate", async (int id, int materialId, Materials.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.SetActiveAsync(id, materialId, true, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(writers)
            .WithSummary("Hiện lại một học liệu đã ẩn.");

        var open = api.MapGroup("/public/learning-materials").WithTags("Học liệu công khai").AllowAnonymous();
        open.MapGet("", async ([AsParameters] PublicIndex.Query query, PublicIndex.Handler handler, CancellationToken cancellationToken) =>
                await handler.PageAsync(query, cancellationToken))
            .WithSummary("Chương trình có học liệu công khai, không cần đăng nhập (lọc: q, trinh-do, nhom; trang: page, pageSize ≤ 200).");
        open.MapGet("/{id:int}", (int id, PublicProgramme.Handler handler, CancellationToken cancellationToken) => handler.HandleAsync(id, cancellationToken))
            .WithSummary("Một chương trình và học liệu công khai của nó; tệp tải tại /hoc-lieu/tep/{id}.");
    }
}
