using DaoTaoNghe.Features.Indicators;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Exchange;

public sealed class ExchangeApi : IEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/exchange").WithTags("Trao đổi dữ liệu theo chuẩn").RequireAuthorization(IndicatorPolicies.ReadDashboards);
        group.MapGet("/adx", async ([AsParameters] ExchangeQuery query, IndicatorExchange exchange, TimeProvider clock, CancellationToken cancellationToken) =>
                TypedResults.File(Adx.Write(await query.ReadAsync(exchange, cancellationToken), clock.GetUtcNow()), Adx.ContentType))
            .ProducesFile(Adx.ContentType)
            .WithSummary("Giá trị chỉ số của một đơn vị trong một năm theo chuẩn IHE ADX (XML): period = năm, unit = mã đơn vị hành chính " +
                         "(2 số: tỉnh và từng xã, phường; 5 số: một xã, phường); trong phạm vi người gọi. Xem docs/data-dictionary.md.");
        group.MapGet("/dhis2", async ([AsParameters] ExchangeQuery query, IndicatorExchange exchange, CancellationToken cancellationToken) =>
                Dhis2.From(await query.ReadAsync(exchange, cancellationToken), exchange.Today))
            .WithSummary("Cùng các giá trị chỉ số ở dạng dataValueSets của DHIS2 (JSON, idScheme=CODE): period = năm, unit = mã đơn vị hành chính; " +
                         "trong phạm vi người gọi. Xem docs/data-dictionary.md.");
    }
}
