using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Audit;

public sealed class AuditApi : IEndpoints
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/audit", async ([AsParameters] Index.Query query, Index.Handler handler, CancellationToken cancellationToken) =>
                await handler.Rows(query).ToPagedListAsync(query, 100, cancellationToken))
            .RequireAuthorization(CommonPolicies.Audit)
            .WithTags("Nhật ký")
            .WithSummary("Nhật ký hệ thống của tỉnh (quản trị, thanh tra). Lọc: tu, den, nguoi-dung, thao-tac, doi-tuong, ma; trang: p.");
}
