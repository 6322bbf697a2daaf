namespace DaoTaoNghe.Infrastructure.Web;

public static class SecurityHeaders
{
    /// <summary>
    /// No inline script anywhere, no framing, no MIME sniffing of uploaded files. Nothing is kept by a
    /// browser or a proxy (API answers, pages and downloads carry personal data): only the static files,
    /// which set their own caching later, are cached.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers["X-Content-Type-Options"] = "nosniff";
            headers["X-Frame-Options"] = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            // As antiforgery sets it on a page with a form (it warns when it finds anything else).
            headers.CacheControl = "no-cache, no-store";
            headers.Pragma = "no-cache";
            headers["Content-Security-Policy"] =
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
            return next(context);
        });
}
