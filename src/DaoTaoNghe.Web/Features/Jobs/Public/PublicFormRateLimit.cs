using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace DaoTaoNghe.Features.Jobs.Public;

/// <summary>
/// ASP.NET Core's rate limiter on the public site's form posts: a fixed window per client address.
/// Reading the site is never limited. A refused post answers 429, which the status-code pages turn
/// into the Vietnamese error page.
/// </summary>
public static class PublicFormRateLimit
{
    public const string PathPrefix = "/viec-lam";

    public static IServiceCollection AddPublicFormRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("PublicForms:PermitsPerWindow", 5);
        var window = TimeSpan.FromMinutes(configuration.GetValue("PublicForms:WindowMinutes", 10));
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments(PathPrefix)
                    ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(""));
        });
    }
}
