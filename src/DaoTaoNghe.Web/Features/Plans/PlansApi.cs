using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Files;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Plans;

public sealed class PlansApi : IEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var plans = api.MapGroup("/plans").WithTags("Kế hoạch");
        plans.MapGet("", async ([AsParameters] Index.Query query, Index.Handler handler, CancellationToken cancellationToken) =>
                await handler.Rows(query).ToPagedListAsync(query, cancellationToken: cancellationToken))
            .WithSummary("Kế hoạch của tỉnh (lọc: q, nam; trang: page, pageSize ≤ 200).");
        plans.MapGet("/{id:int}", (int id, Details.Handler handler, CancellationToken cancellationToken) => handler.HandleAsync(id, cancellationToken))
            .WithSummary("Một kế hoạch với phụ lục nhiệm vụ; tiến độ theo phạm vi người gọi.");
        plans.MapPost("", async (Create.Command command, Create.Handler handler, CancellationToken cancellationToken) =>
            {
                var id = await handler.HandleAsync(command, cancellationToken);
                return ApiResults.Created($"/api/v1/plans/{id}", id);
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Ghi nhận một kế hoạch (quản trị cấp tỉnh).");
        plans.MapPost("/{id:int}/assignments/sync", async (int id, Edit.Handler handler, CancellationToken cancellationToken) =>
                TypedResults.Ok(new AssignmentsSynced(await handler.SyncAssignmentsAsync(id, cancellationToken))))
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Cập nhật phân công theo các bên của kế hoạch (như nút trên trang sửa kế hoạch): trả về số lượt giao nhiệm vụ được thêm.");
        plans.MapPut("/{id:int}", async (int id, Create.Command command, Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Sửa một kế hoạch (quản trị cấp tỉnh).");
        plans.MapPost("/{id:int}/tasks", async (int id, TaskCreate.Command command, TaskCreate.Handler handler, CancellationToken cancellationToken) =>
            {
                var taskId = await handler.HandleAsync(id, command, cancellationToken);
                return ApiResults.Created($"/api/v1/tasks/{taskId}", taskId);
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Thêm một nhiệm vụ vào phụ lục và giao cho các đơn vị (quản trị cấp tỉnh).");

        var tasks = api.MapGroup("/tasks").WithTags("Nhiệm vụ");
        tasks.MapGet("", async ([AsParameters] Tasks.Query query, Tasks.Handler handler, CancellationToken cancellationToken) =>
                await handler.Rows(query).ToPagedListAsync(query, cancellationToken: cancellationToken))
            .WithSummary("Nhiệm vụ được giao trong phạm vi người gọi (lọc: q, ke-hoach, don-vi, tinh-trang, vai-tro; trang: page, pageSize ≤ 200).");
        tasks.MapGet("/{id:int}", (int id, TaskDetails.Handler handler, CancellationToken cancellationToken) => handler.HandleAsync(id, cancellationToken))
            .WithSummary("Một nhiệm vụ: các bên, đơn vị được giao và lịch sử cập nhật trong phạm vi người gọi.");
        tasks.MapPut("/{id:int}", async (int id, TaskCreate.Command command, TaskEdit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Sửa một nhiệm vụ và cập nhật phân công (quản trị cấp tỉnh).");
        tasks.MapPost("/assignments/{assignmentId:int}/updates", async (int assignmentId, PostUpdate.Command command, PostUpdate.Handler handler, CancellationToken cancellationToken) =>
            {
                var id = await handler.HandleAsync(assignmentId, command, [], cancellationToken);
                return ApiResults.Created($"/api/v1/tasks/assignments/{assignmentId}/updates/{id}", id);
            })
            .WithSummary("Cập nhật tiến độ một nhiệm vụ được giao (chỉ đơn vị được giao hoặc quản trị cấp tỉnh). Tệp minh chứng gửi qua trang web.");
        tasks.MapGet("/evidence/{id:int}", async (int id, TaskDetails.Handler handler, FileStore files, CancellationToken cancellationToken) =>
            {
                var evidence = await handler.EvidenceAsync(id, cancellationToken);
                return files.DownloadResult(evidence.FileKey, evidence.FileName, evidence.ContentType);
            })
            .ProducesFile("application/octet-stream")
            .WithSummary("Tải một tệp minh chứng; ngoài phạm vi trả về 404.");
    }

    /// <summary>How many assignments a sync added.</summary>
    public sealed record AssignmentsSynced(int Added);
}
