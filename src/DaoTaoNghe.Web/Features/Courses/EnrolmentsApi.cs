using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Courses;

/// <summary>Enrolments under /api/v1/enrolments: list, one with its support derivation, and the changes to one learner's place in a course.</summary>
public sealed class EnrolmentsApi : IEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/enrolments").WithTags("Người học theo lớp")
            .RequireAuthorization(CoursePolicies.Read);
        var keepers = CoursePolicies.Keep;

        group.MapGet("", ([AsParameters] Enrolments.Query query, Enrolments.Handler handler, CancellationToken cancellationToken) =>
                handler.PageAsync(query, cancellationToken))
            .WithSummary("Người học theo lớp trong phạm vi người gọi (lọc: q, nam, co-so, xa, trang-thai, lop; trang: page, pageSize ≤ 200). CCCD che bớt theo vai trò.");
        group.MapGet("/{id:int}", (int id, EnrolmentDetails.Handler handler, CancellationToken cancellationToken) => handler.HandleAsync(id, cancellationToken))
            .WithSummary("Một người học trong lớp, hỗ trợ và cách tính; mỗi lần xem được ghi nhật ký.");
        group.MapPut("/{id:int}/travel", async (int id, EnrolmentTravel.Command command, EnrolmentTravel.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(keepers)
            .WithSummary("Khoảng cách, giá vé, đã hưởng chính sách khác; tính lại hỗ trợ (lớp chưa kết thúc).");
        group.MapPost("/{id:int}/support/recompute", async (int id, EnrolmentTravel.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.RecomputeAsync(id, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(keepers)
            .WithSummary("Tính lại hỗ trợ theo hồ sơ hiện tại và chính sách có hiệu lực ngày khai giảng.");
        group.MapPut("/{id:int}/support/override", async (int id, SupportOverride.Command command, SupportOverride.Handler handler,
                CancellationToken cancellationToken) =>
            {
                await handler.SetAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Sở GD&ĐT điều chỉnh thủ công mức hỗ trợ (tuition, meals, travel) kèm lý do; được ghi nhật ký.");
        group.MapDelete("/{id:int}/support/override", async (int id, SupportOverride.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.ClearAsync(id, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Bỏ điều chỉnh thủ công.");
        group.MapPost("/{id:int}/dropout", async (int id, Dropout.Command command, Dropout.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(keepers)
            .WithSummary("Ghi nhận bỏ học (droppedOn, reason).");
        group.MapDelete("/{id:int}", async (int id, Unenrol handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(keepers)
            .WithSummary("Xóa ghi danh nhầm khi lớp chưa bắt đầu học.");
    }
}
