using System.Net;
using OpenTelemetry.Metrics;

namespace DaoTaoNghe.Infrastructure.Web;

/// <summary>
/// What an operator's Prometheus scrapes at <c>/metrics</c>: requests per route with their latency
/// (ASP.NET Core's <c>http.server.request.duration</c>), the PostgreSQL connection pool in use, idle
/// and waited for (Npgsql's <c>db.client.connections.*</c>), and the app's own meters, each area's
/// named <c>DaoTaoNghe.&lt;Area&gt;</c> (the import queue…). Served only to the machine itself and to
/// the networks in <c>Metrics:AllowedNetworks</c> (e.g. "10.20.0.0/16"): the figures are no one else's,
/// and a scraper has no account to sign in with.
/// </summary>
public static class OperatorMetrics
{
    public const string Path = "/metrics";

    /// <summary>The prefix of the areas' own meters.</summary>
    public const string MeterPrefix = "DaoTaoNghe.";

    public static IServiceCollection AddOperatorMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Npgsql", MeterPrefix + "*")
            .AddPrometheusExporter());
        return services;
    }

    public static IApplicationBuilder UseOperatorMetrics(this IApplicationBuilder app, IConfiguration configuration)
    {
        var networks = AllowedNetworks(configuration);
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == Path && context.Connection.RemoteIpAddress is { } address
            && (IPAddress.IsLoopback(address) || networks.Any(n => n.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address))));
    }

    public static IReadOnlyList<IPNetwork> AllowedNetworks(IConfiguration configuration) =>
        (configuration["Metrics:AllowedNetworks"] ?? "")
            .Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(n => IPNetwork.TryParse(n, out var network) ? network : throw new InvalidOperationException($"Metrics:AllowedNetworks: \"{n}\" không phải một dải địa chỉ (vd. 10.20.0.0/16)."))
            .ToList();
}
