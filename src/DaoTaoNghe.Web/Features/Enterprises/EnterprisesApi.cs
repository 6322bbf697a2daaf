using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Enterprises;

public sealed class EnterprisesApi : IEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/enterprises").WithTags("Doanh nghiệp");
        group.MapGet("", async ([AsParameters] Index.Query query, Index.Handler handler, CancellationToken cancellationToken) =>
                await handler.PageAsync(query, cancellationToken))
            .WithSummary("Doanh nghiệp, hợp tác xã của tỉnh người gọi (lọc: q (tên hoặc mã số thuế), xa, nganh, quy-mo, loai, ca-ngung; trang: page, pageSize ≤ 200).");
        group.MapGet("/{id:int}", (int id, Details.Handler handler, CancellationToken cancellationToken) => handler.HandleAsync(id, cancellationToken))
            .WithSummary("Một doanh nghiệp: hồ sơ và các thỏa thuận liên kết người gọi được xem.");
        group.MapPost("", async (Create.Command command, Create.Handler handler, CancellationToken cancellationToken) =>
            {
                var id = await handler.HandleAsync(command, cancellationToken);
                return ApiResults.Created($"/api/v1/enterprises/{id}", id);
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Đăng ký doanh nghiệp (tạo cả đơn vị trong hệ thống; quản trị cấp tỉnh).");
        group.MapPut("/{id:int}", async (int id, Edit.Command command, Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(EnterprisePolicies.Write)
            .WithSummary("Sửa hồ sơ doanh nghiệp (chính doanh nghiệp, hoặc quản trị cấp tỉnh).");
        group.MapPost("/{id:int}/deactivate", async (int id, Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.DeactivateAsync(id, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Ghi nhận doanh nghiệp ngừng hoạt động; dữ liệu cũ được giữ nguyên (quản trị cấp tỉnh).");
    }
}
