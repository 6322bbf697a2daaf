using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Indicators;

public sealed class IndicatorsApi : IEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/indicators").WithTags("Chỉ số, chỉ tiêu");
        group.MapGet("", () => Definitions.All)
            .WithSummary("Danh mục chỉ số: mã, tên, đơn vị tính, cách tính hiện nay (từ hồ sơ, nhập tay, tỷ lệ), phân tổ, phạm vi áp dụng.");
        group.MapGet("/values", ([AsParameters] Values.Query query, Values.Handler handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(query, cancellationToken))
            .RequireAuthorization(IndicatorPolicies.ReadDashboards)
            .WithSummary("Giá trị chỉ số và chỉ tiêu trong phạm vi người gọi (indicator, unit hoặc institution, period = năm, by = phân tổ, map = 2024).");
        group.MapPut("/targets", async (Targets.Command command, Targets.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Giao chỉ tiêu của tỉnh hoặc một xã, phường cho một năm (giá trị để trống: xóa chỉ tiêu).");
        group.MapPut("/data", async (Entry.Command command, Entry.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(IndicatorPolicies.WriteData)
            .WithSummary("Nhập số liệu tổng hợp của một đơn vị cho một năm, kiểm tra theo quy tắc của danh mục (giá trị để trống: xóa).");
    }
}
