using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Map;

public sealed class MapApi : IEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/units").WithTags("Bản đồ hành chính");
        group.MapGet("", async ([AsParameters] Index.Query query, Index.Handler handler, CancellationToken cancellationToken) =>
                (await handler.HandleAsync(query, cancellationToken)).Units.ToPagedList(query, PagedQuery.MaxSize))
            .WithSummary("Xã, phường của tỉnh người gọi có hiệu lực vào ngày ?ngay= (mặc định hôm nay), kèm đơn vị kế thừa (lọc: ngay, q; trang: page, pageSize ≤ 200, mặc định 200).");
        group.MapGet("/{id:int}", (int id, Unit.Handler handler, CancellationToken cancellationToken) => handler.HandleAsync(id, cancellationToken))
            .WithSummary("Một đơn vị hành chính: hiệu lực, đơn vị tiền thân, kế thừa và cơ quan đặt tại đó.");
    }
}
