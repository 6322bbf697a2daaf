using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace DaoTaoNghe.Infrastructure.Web;

/// <summary>
/// Running behind a TLS reverse proxy (nginx): X-Forwarded-For/-Proto are believed only from the
/// addresses in <c>ReverseProxy:KnownProxies</c> (none by default, loopback included, so a client cannot
/// claim another address), and only the proxy's own hop is taken. With a proxy configured the app
/// redirects plain HTTP to HTTPS and marks its cookies Secure; outside Development it sends HSTS.
/// The rate limiter, sign-in throttling and audit then see the client's address, not the proxy's.
/// </summary>
public static class ReverseProxy
{
    public const string Section = "ReverseProxy";

    public static IReadOnlyList<IPAddress> KnownProxies(IConfiguration configuration) =>
        (configuration[$"{Section}:KnownProxies"] ?? "")
            .Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(a => IPAddress.TryParse(a, out var address) ? address : throw new InvalidOperationException($"{Section}:KnownProxies: \"{a}\" is not an IP address."))
            .ToList();

    public static bool IsConfigured(IConfiguration configuration) => KnownProxies(configuration).Count > 0;

    public static IServiceCollection AddReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = KnownProxies(configuration);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies) options.KnownProxies.Add(proxy);
            options.ForwardLimit = 1;
        });
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            // The proxy's own name may be localhost in a test; HSTS there is harmless and what is asked for.
            options.ExcludedHosts.Clear();
        });
        if (proxies.Count > 0)
            services.AddHttpsRedirection(options => options.HttpsPort = configuration.GetValue<int?>($"{Section}:HttpsPort") ?? 443);
        return services;
    }

    public static WebApplication UseReverseProxy(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        if (IsConfigured(app.Configuration)) app.UseHttpsRedirection();
        return app;
    }
}
