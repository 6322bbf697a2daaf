using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Organisations;

public sealed class OrganisationsApi : IEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/organisations").WithTags("Cơ quan, đơn vị");
        group.MapGet("", async ([AsParameters] Index.Query query, Index.Handler handler, CancellationToken cancellationToken) =>
                await handler.PageAsync(query, cancellationToken))
            .WithSummary("Cơ quan, đơn vị của tỉnh người gọi (lọc: q, loai, xa, ca-ngung; trang: page, pageSize ≤ 200).");
        group.MapGet("/{id:int}", (int id, Details.Handler handler, CancellationToken cancellationToken) => handler.HandleAsync(id, cancellationToken))
            .WithSummary("Một cơ quan, đơn vị.");
        group.MapPost("", async (Create.Command command, Create.Handler handler, CancellationToken cancellationToken) =>
            {
                var id = await handler.HandleAsync(command, cancellationToken);
                return ApiResults.Created($"/api/v1/organisations/{id}", id);
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Thêm cơ quan, đơn vị (quản trị cấp tỉnh).");
        group.MapPut("/{id:int}", async (int id, Edit.Command command, Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Sửa hoặc ngừng hoạt động một cơ quan, đơn vị (quản trị cấp tỉnh).");
    }
}
