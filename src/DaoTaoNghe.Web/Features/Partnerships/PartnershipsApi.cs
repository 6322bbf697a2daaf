using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Partnerships;

public sealed class PartnershipsApi : IEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var writers = PartnershipPolicies.Write;
        var group = api.MapGroup("/partnerships").WithTags("Liên kết doanh nghiệp")
            .RequireAuthorization(PartnershipPolicies.Read);
        group.MapGet("", async ([AsParameters] Index.Query query, Index.Handler handler, CancellationToken cancellationToken) =>
                await handler.PageAsync(query, cancellationToken))
            .WithSummary("Thỏa thuận liên kết người gọi được xem (lọc: q, doanh-nghiep, co-so, nghe, hieu-luc; trang: page, pageSize ≤ 200).");
        group.MapGet("/{id:int}", (int id, Details.Handler handler, CancellationToken cancellationToken) => handler.HandleAsync(id, cancellationToken))
            .WithSummary("Một thỏa thuận liên kết; ngoài phạm vi trả về 404.");
        group.MapPost("", async (Create.Command command, Create.Handler handler, CancellationToken cancellationToken) =>
            {
                var id = await handler.HandleAsync(command, cancellationToken);
                return ApiResults.Created($"/api/v1/partnerships/{id}", id);
            })
            .RequireAuthorization(writers)
            .WithSummary("Thêm thỏa thuận liên kết (doanh nghiệp cho chính mình, hoặc quản trị cấp tỉnh).");
        group.MapPut("/{id:int}", async (int id, Edit.Command command, Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(writers)
            .WithSummary("Sửa thỏa thuận liên kết (doanh nghiệp của thỏa thuận, hoặc quản trị cấp tỉnh).");
        group.MapPost("/{id:int}/deactivate", async (int id, Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.DeactivateAsync(id, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(writers)
            .WithSummary("Ghi nhận thỏa thuận chấm dứt; dữ liệu cũ được giữ nguyên.");
    }
}
