using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;

namespace DaoTaoNghe.Features.Registries;

public sealed class RegistriesApi : IEndpoints
{
    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/indicators/registries", ([FromQuery(Name = "ngay")] DateOnly? at, [FromQuery(Name = "co-so")] int? institutionId,
                RegistryIndicators indicators, TimeProvider clock, CancellationToken cancellationToken) =>
                indicators.ComputeAsync(at ?? VietnamTime.Today(clock), institutionId, cancellationToken))
            .RequireAuthorization(RegistryPolicies.ReadIndicators)
            .WithTags("Chỉ số")
            .WithSummary("Tỷ lệ chương trình trọng điểm đạt kiểm định và tỷ lệ nghề trung cấp, cao đẳng có doanh nghiệp liên kết vào ngày ?ngay= (mặc định hôm nay).");
}
