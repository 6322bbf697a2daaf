using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Orders;

/// <summary>Orders under /api/v1/orders: the province's for province-wide roles, its own for an institution; written by the province admin.</summary>
public sealed class OrdersApi : IEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/orders").WithTags("Đơn đặt hàng đào tạo")
            .RequireAuthorization(OrderPolicies.Read);
        group.MapGet("", ([AsParameters] Index.Query query, Index.Handler handler, CancellationToken cancellationToken) =>
                handler.PageAsync(query, cancellationToken))
            .WithSummary("Đơn hàng trong phạm vi người gọi, kèm số người đã ghi danh và hỗ trợ đã cam kết (lọc: q, nam, co-so, nghe, hinh-thuc; trang: page, pageSize ≤ 200).");
        group.MapGet("/{id:int}", (int id, Details.Handler handler, CancellationToken cancellationToken) => handler.HandleAsync(id, cancellationToken))
            .WithSummary("Một đơn hàng với các lớp, số người so với chỉ tiêu, hỗ trợ cam kết so với kinh phí; ngoài phạm vi trả về 404.");
        group.MapPost("", async (Create.Command command, Create.Handler handler, CancellationToken cancellationToken) =>
            {
                var id = await handler.HandleAsync(command, cancellationToken);
                return ApiResults.Created($"/api/v1/orders/{id}", id);
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Thêm đơn đặt hàng (Order), giao nhiệm vụ (Assignment) hoặc đấu thầu (Tender).")
            .WithBodyExample(new Create.Command
            {
                InstitutionId = 41, Kind = OrderKind.Order, Year = 2026, OccupationId = 7, Level = Occupations.TrainingLevel.Elementary, Quota = 30,
                UnitCost = 3_500_000, Budget = 105_000_000, DecisionNumber = "125/QĐ-SGDĐT", DecisionDate = new DateOnly(2026, 1, 20), Planned = true,
            });
        group.MapPut("/{id:int}", async (int id, Create.Command command, Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Sửa đơn hàng; khi đã có lớp, không đổi được cơ sở, nghề, trình độ, năm.");
        group.MapDelete("/{id:int}", async (int id, Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.DeleteAsync(id, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Xóa đơn hàng chưa có lớp.");
        group.MapPost("/{id:int}/issue", async (int id, OrderStates.Handler states, CancellationToken cancellationToken) =>
            {
                await states.IssueAsync(id, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Giao đơn hàng dự kiến cho cơ sở đào tạo (dự kiến → đã giao): từ đó cơ sở mở lớp được.");
        group.MapPost("/{id:int}/finish", async (int id, OrderStates.Handler states, CancellationToken cancellationToken) =>
            {
                await states.FinishAsync(id, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Kết thúc đơn hàng khi mọi lớp đã kết thúc hoặc đã hủy (ít nhất một lớp kết thúc).");
        group.MapPost("/{id:int}/cancel", async (int id, OrderStates.CancelCommand command, OrderStates.Handler states, CancellationToken cancellationToken) =>
            {
                await states.CancelAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Hủy đơn hàng chưa có lớp (không tính lớp đã hủy), kèm lý do.");
    }
}
