using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.FollowUps;

public sealed class FollowUpsApi : IEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/follow-ups").WithTags("Theo dõi việc làm").RequireAuthorization(FollowUpPolicies.Read);
        group.MapGet("/due", async ([AsParameters] DueFollowUps.Query query, DueFollowUps due, AuditTrail audit, CancellationToken cancellationToken) =>
                await audit.ListedAsync(await due.Rows(query).ToPagedListAsync(query, cancellationToken: cancellationToken), "Enrolment", "Xem danh sách đến hạn theo dõi việc làm", r => r.EnrolmentId, cancellationToken))
            .WithSummary("Người hoàn thành khóa học đến hạn hoặc quá hạn theo dõi việc làm (lọc: thang=yyyy-MM, tt=den-han|qua-han, moc, xa, lop, nghe; trang: page, pageSize ≤ 200).");
        group.MapGet("/outcomes", async ([AsParameters] Outcomes.Query query, Outcomes.Handler handler, AuditTrail audit, CancellationToken cancellationToken) =>
                await audit.ListedAsync(await (await handler.RowsAsync(query, cancellationToken)).ToPagedListAsync(query, cancellationToken: cancellationToken), "EmploymentOutcome", "Xem danh sách kết quả việc làm", r => r.Id, cancellationToken))
            .WithSummary("Kết quả việc làm trong phạm vi người gọi (lọc: q, loai, nam, xa, kq, nguon, moc, gt, dt, uu-tien, trinh-do, nghe, co-so; trang: page, pageSize ≤ 200).");
        group.MapGet("/outcomes/{id:int}", (int id, Details.Handler handler, CancellationToken cancellationToken) => handler.HandleAsync(id, cancellationToken))
            .WithSummary("Một kết quả việc làm; ngoài phạm vi trả về 404.");
        group.MapPost("/outcomes", async (RecordFollowUps.Command command, RecordFollowUps handler, CancellationToken cancellationToken) =>
            {
                var id = await handler.HandleAsync(command, cancellationToken);
                return ApiResults.Created($"/api/v1/follow-ups/outcomes/{id}", id);
            })
            .RequireAuthorization(FollowUpPolicies.Write)
            .WithSummary("Ghi nhận (hoặc sửa) kết quả theo dõi việc làm của một người hoàn thành khóa học tại một mốc 3, 6 hoặc 12 tháng.")
            .WithBodyExample(new RecordFollowUps.Command
            {
                EnrolmentId = 301, Checkpoint = 3, Status = EmploymentStatus.EmployedByEnterprise, EmployerName = "Công ty CP Chè Tam Đường",
                IncomeBand = IncomeBand.From5To7, OutcomeOn = new DateOnly(2027, 2, 15),
            });
    }
}
