using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.TrainingNeeds;

/// <summary>Training needs under /api/v1/training-needs, scoped to the caller's commune or province.</summary>
public sealed class TrainingNeedsApi : IEndpoints
{
    /// <summary>A page of needs (the lists' paging: items, page, pageSize, total) with the whole filter's people count and its breakdown by occupation.</summary>
    public sealed record NeedsPage(long People, IReadOnlyList<Index.ByOccupation> ByOccupation, IReadOnlyList<Index.Row> Items, int Page, int PageSize, int Total,
        int TotalPages)
    {
        public NeedsPage(long people, IReadOnlyList<Index.ByOccupation> byOccupation, PagedList<Index.Row> page)
            : this(people, byOccupation, page.Items, page.PageNumber, page.PageSize, page.TotalCount, page.TotalPages) { }
    }

    public void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/training-needs").WithTags("Nhu cầu học nghề")
            .RequireAuthorization(TrainingNeedPolicies.Read);
        var writers = TrainingNeedPolicies.Write;

        group.MapGet("", async ([AsParameters] Index.Query query, Index.Handler handler, AuditTrail audit, CancellationToken cancellationToken) => new NeedsPage(
                await handler.PeopleAsync(query, cancellationToken),
                await handler.ByOccupationAsync(query, cancellationToken),
                await audit.ListedAsync(await handler.Rows(query).ToPagedListAsync(query, cancellationToken: cancellationToken),
                    "TrainingNeed", "Xem danh sách nhu cầu học nghề", r => r.Id, cancellationToken)))
            .WithSummary("Nhu cầu học nghề trong phạm vi người gọi, tổng số người và theo nghề (lọc: q, nam, xa, nghe, loai PerPerson/Counted; trang: page, pageSize ≤ 200).");
        group.MapGet("/{id:int}", (int id, Edit.Handler handler, CancellationToken cancellationToken) => handler.LoadAsync(id, cancellationToken))
            .WithSummary("Một nhu cầu học nghề; ngoài phạm vi trả về 404.");
        group.MapPost("", async (Create.Command command, Create.Handler handler, CancellationToken cancellationToken) =>
            {
                var id = await handler.HandleAsync(command, cancellationToken);
                return ApiResults.Created($"/api/v1/training-needs/{id}", id);
            })
            .RequireAuthorization(writers)
            .WithSummary("Ghi nhu cầu: của một người (learnerId) hoặc theo số lượng (communeId, count); occupationId, year, surveyedOn.");
        group.MapPut("/{id:int}", async (int id, Create.Command command, Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(writers)
            .WithSummary("Sửa một nhu cầu học nghề.");
        group.MapDelete("/{id:int}", async (int id, Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.DeleteAsync(id, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(writers)
            .WithSummary("Xóa một nhu cầu học nghề.");
    }
}
