using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Trainers;

public sealed class TrainersApi : IEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var writers = TrainerPolicies.Write;
        var group = api.MapGroup("/trainers").WithTags("Người dạy nghề")
            .RequireAuthorization(TrainerPolicies.Read);
        group.MapGet("", async ([AsParameters] Index.Query query, Index.Handler handler, CancellationToken cancellationToken) =>
                await handler.PageAsync(query, cancellationToken))
            .WithSummary("Nhà giáo, người dạy nghề người gọi được xem (lọc: q, co-so, loai, nghe, ca-ngung; trang: page, pageSize ≤ 200).");
        group.MapGet("/{id:int}", (int id, Details.Handler handler, CancellationToken cancellationToken) => handler.HandleAsync(id, cancellationToken))
            .WithSummary("Một người dạy nghề (lượt xem được ghi nhật ký).");
        group.MapPost("", async (Create.Command command, Create.Handler handler, CancellationToken cancellationToken) =>
            {
                var id = await handler.HandleAsync(command, cancellationToken);
                return ApiResults.Created($"/api/v1/trainers/{id}", id);
            })
            .RequireAuthorization(writers)
            .WithSummary("Thêm người dạy nghề (cơ sở đào tạo cho chính mình, hoặc quản trị cấp tỉnh).");
        group.MapPut("/{id:int}", async (int id, Edit.Command command, Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(writers)
            .WithSummary("Sửa người dạy nghề (cơ sở quản lý hồ sơ, hoặc quản trị cấp tỉnh).");
        group.MapPost("/{id:int}/deactivate", async (int id, Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.DeactivateAsync(id, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(writers)
            .WithSummary("Ghi nhận người dạy đã thôi giảng dạy; hồ sơ được giữ nguyên.");
    }
}
