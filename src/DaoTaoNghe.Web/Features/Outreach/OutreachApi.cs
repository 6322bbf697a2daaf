using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Outreach;

public sealed class OutreachApi : IEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/outreach").WithTags("Tuyên truyền");
        group.MapGet("", async ([AsParameters] Index.Query query, Index.Handler handler, CancellationToken cancellationToken) =>
                await handler.Rows(query).ToPagedListAsync(query, cancellationToken: cancellationToken))
            .WithSummary("Hoạt động tuyên truyền trong phạm vi người gọi (lọc: q, nam, xa, hinh-thuc; trang: page, pageSize ≤ 200).");
        group.MapGet("/{id:int}", (int id, Details.Handler handler, CancellationToken cancellationToken) => handler.HandleAsync(id, cancellationToken))
            .WithSummary("Một hoạt động tuyên truyền; ngoài phạm vi trả về 404.");
        group.MapPost("", async (Create.Command command, Create.Handler handler, CancellationToken cancellationToken) =>
            {
                var id = await handler.HandleAsync(command, cancellationToken);
                return ApiResults.Created($"/api/v1/outreach/{id}", id);
            })
            .RequireAuthorization(OutreachPolicies.Write)
            .WithSummary("Ghi nhận một hoạt động tuyên truyền.");
        group.MapPut("/{id:int}", async (int id, Create.Command command, Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(OutreachPolicies.Write)
            .WithSummary("Sửa một hoạt động tuyên truyền.");
        group.MapDelete("/{id:int}", async (int id, Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.DeleteAsync(id, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(OutreachPolicies.Write)
            .WithSummary("Xóa một hoạt động tuyên truyền.");
    }
}
