using System.Security.Cryptography;
using Scalar.AspNetCore;

namespace DaoTaoNghe.Infrastructure.Web;

/// <summary>
/// The API reference page at /api (Scalar, its script served from the package itself, so it works
/// offline), reading /openapi/v1.json; behind sign-in unless the document is public. The page runs
/// Scalar's own script with a nonce and lets it style itself: the only page whose policy allows that.
/// </summary>
public static class ApiReference
{
    public const string Path = "/api";
    private const string NonceKey = "dtn:api-reference-nonce";

    public static void MapApiReference(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path) && !context.Request.Path.StartsWithSegments("/api/v1"), page => page.Use((context, next) =>
        {
            // Hex: nothing in it is escaped when Scalar writes it into the page.
            var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.ContentSecurityPolicy =
                    $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
                    "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
                return Task.CompletedTask;
            });
            return next(context);
        }));

        var reference = app.MapScalarApiReference(Path, (options, context) => options
            .WithTitle("DaoTaoNghe – Tài liệu API")
            .WithOpenApiRoutePattern(ApiDocument.Path)
            .WithNonce(context.Items[NonceKey] as string ?? "")
            .DisableDefaultFonts()
            .DisableAgent()
            .DisableMcp());
        if (!ApiDocument.IsPublic(app)) reference.RequireAuthorization();
    }
}
