using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Institutions;

public sealed class InstitutionsApi : IEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/institutions").WithTags("Cơ sở đào tạo");
        group.MapGet("", async ([AsParameters] Index.Query query, Index.Handler handler, CancellationToken cancellationToken) =>
                await handler.PageAsync(query, cancellationToken))
            .WithSummary("Cơ sở đào tạo của tỉnh người gọi (lọc: q, loai, xa, ca-ngung; trang: page, pageSize ≤ 200).");
        group.MapGet("/{id:int}", (int id, Details.Handler handler, CancellationToken cancellationToken) => handler.HandleAsync(id, cancellationToken))
            .WithSummary("Một cơ sở đào tạo: hồ sơ, nghề được cấp phép, chương trình.");
        group.MapPost("", async (Create.Command command, Create.Handler handler, CancellationToken cancellationToken) =>
            {
                var id = await handler.HandleAsync(command, cancellationToken);
                return ApiResults.Created($"/api/v1/institutions/{id}", id);
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Thêm cơ sở đào tạo (tạo cả đơn vị trong hệ thống; quản trị cấp tỉnh).");
        group.MapPut("/{id:int}", async (int id, Edit.Command command, Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Sửa hồ sơ cơ sở đào tạo (quản trị cấp tỉnh).");
        group.MapPost("/{id:int}/deactivate", async (int id, Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.DeactivateAsync(id, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Ngừng hoạt động một cơ sở đào tạo; dữ liệu cũ được giữ nguyên (quản trị cấp tỉnh).");
        group.MapPost("/{id:int}/licences", async (int id, Licences.Command command, Licences.Handler handler, CancellationToken cancellationToken) =>
            {
                var licenceId = await handler.AddAsync(id, command, cancellationToken);
                return ApiResults.Created($"/api/v1/institutions/{id}", licenceId);
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Thêm một nghề, trình độ được cấp phép đào tạo (quản trị cấp tỉnh).");
        group.MapDelete("/{id:int}/licences/{licenceId:int}", async (int id, int licenceId, Licences.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.RemoveAsync(id, licenceId, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Bỏ một nghề khỏi danh sách được cấp phép (quản trị cấp tỉnh).");
    }
}
