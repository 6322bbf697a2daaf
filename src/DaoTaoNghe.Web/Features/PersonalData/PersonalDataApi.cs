using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.PersonalData;

/// <summary>The register of data subjects' requests for the province's own software, under the pages' permission and scope.</summary>
public sealed class PersonalDataApi : IEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/personal-data/requests").WithTags("Yêu cầu về dữ liệu cá nhân").RequireAuthorization(PersonalDataPolicies.Requests);
        group.MapGet("", async ([AsParameters] Index.Query query, Index.Handler handler, AuditTrail audit, CancellationToken cancellationToken) =>
                await audit.ListedAsync(await handler.Rows(query).ToPagedListAsync(query, cancellationToken: cancellationToken),
                    nameof(SubjectRequest), "Yêu cầu về dữ liệu cá nhân", r => r.Id, cancellationToken))
            .WithSummary("Yêu cầu của chủ thể dữ liệu trong phạm vi người gọi, đang xử lý theo hạn gần nhất trước (lọc: q, loai, tt, xa, nam; trang: page, pageSize ≤ 200).");
        group.MapGet("/{id:int}", async (int id, Details.Handler handler, AuditTrail audit, CancellationToken cancellationToken) =>
            {
                var request = await handler.HandleAsync(id, cancellationToken);
                await audit.RecordViewAsync(nameof(SubjectRequest), id, request.PersonName, cancellationToken);
                return request;
            })
            .WithSummary("Một yêu cầu với các thời hạn, ngày trả lời và kết quả; ngoài phạm vi trả về 404.");
    }
}
