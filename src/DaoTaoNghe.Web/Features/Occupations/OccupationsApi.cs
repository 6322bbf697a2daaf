using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Occupations;

public sealed class OccupationsApi : IEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/occupations").WithTags("Nghề đào tạo");
        group.MapGet("", async ([AsParameters] Index.Query query, Index.Handler handler, CancellationToken cancellationToken) =>
                await handler.PageAsync(query, cancellationToken))
            .WithSummary("Danh mục nghề của tỉnh người gọi (lọc: q, nhom, nguon, ca-ngung; trang: page, pageSize ≤ 200).");
        group.MapGet("/{id:int}", (int id, Details.Handler handler, CancellationToken cancellationToken) => handler.HandleAsync(id, cancellationToken))
            .WithSummary("Một nghề, kèm các chương trình và cơ sở được cấp phép đào tạo nghề đó.");
        group.MapPost("", async (Create.Command command, Create.Handler handler, CancellationToken cancellationToken) =>
            {
                var id = await handler.HandleAsync(command, cancellationToken);
                return ApiResults.Created($"/api/v1/occupations/{id}", id);
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Thêm nghề vào danh mục (quản trị cấp tỉnh).");
        group.MapPut("/{id:int}", async (int id, Edit.Command command, Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Sửa một nghề (quản trị cấp tỉnh).");
        group.MapPost("/{id:int}/deactivate", async (int id, Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.DeactivateAsync(id, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Ngừng sử dụng một nghề; dữ liệu cũ được giữ nguyên (quản trị cấp tỉnh).");
    }
}
