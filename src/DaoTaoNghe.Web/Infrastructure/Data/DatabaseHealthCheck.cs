using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DaoTaoNghe.Infrastructure.Data;

public sealed class DatabaseHealthCheck(DbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy("Cơ sở dữ liệu sẵn sàng.")
                : HealthCheckResult.Unhealthy("Không kết nối được cơ sở dữ liệu.");
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("Không kết nối được cơ sở dữ liệu.", exception);
        }
    }
}
