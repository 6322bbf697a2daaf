using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DaoTaoNghe.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DaoTaoNghe.Tests.Infrastructure.Scope;

/// <summary>One operation a caller can send: an API operation or a page handler.</summary>
public sealed partial record ScopeRoute(
    bool IsApi, string Method, string Template, string? Handler, IReadOnlyList<string> Parameters,
    IReadOnlyList<string> QueryParameters, Type? BodyType, bool IsMultipart)
{
    /// <summary>Ids a page handler takes from the query string (<c>OnGetEvidenceAsync(int file)</c>, <c>[FromQuery] int id</c>).</summary>
    public IReadOnlyList<string> QueryIds { get; init; } = [];

    /// <summary>The page's file, for page handlers.</summary>
    public string? Page { get; init; }

    public string Key => $"{Method} {Template}{(Handler is null ? "" : "?handler=" + Handler)}{string.Concat(QueryIds.Select(q => $"&{q}="))}";
    public bool IsWrite => Method != "GET";
    public bool HasParameters => Parameters.Count > 0 || QueryIds.Count > 0;

    /// <summary>Whether the list accepts a search (?q=).</summary>
    public bool Searches => QueryParameters.Contains("q");

    /// <summary>The URL with each parameter filled by <paramref name="value"/> (parameter name → text).</summary>
    public string Url(Func<string, string> value, string? query = null)
    {
        var path = Parameter().Replace(Template, m => Uri.EscapeDataString(value(m.Groups[1].Value)));
        path = path.Replace("//", "/");
        var parts = new List<string>();
        if (Handler is not null) parts.Add("handler=" + Handler);
        parts.AddRange(QueryIds.Select(q => $"{q}={Uri.EscapeDataString(value(q))}"));
        if (query is not null) parts.Add(query);
        return parts.Count == 0 ? path : path + "?" + string.Join("&", parts);
    }

    public override string ToString() => Key;

    [GeneratedRegex(@"\{([A-Za-z]+)(?::[a-z]+)?\??\}")]
    public static partial Regex Parameter();
}

/// <summary>
/// Every route of the running app, read from the app itself: API operations from /openapi/v1.json
/// (their body types from the endpoint metadata), and Razor page handlers from the endpoint table
/// and the compiled pages' OnGet*/OnPost* methods. Nothing is listed by hand.
/// </summary>
public static class RouteCatalogue
{
    public static async Task<IReadOnlyList<ScopeRoute>> ReadAsync()
    {
        var app = TestApp.Instance;
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var routes = new List<ScopeRoute>();

        var document = await TestApp.OpenApiDocumentAsync();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var method = operation.Name.ToUpperInvariant();
                var parameters = operation.Value.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
                var endpoint = endpoints.FirstOrDefault(e => Normalise(e.RoutePattern.RawText) == Normalise(path.Name)
                    && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(method) == true)
                    ?? throw new InvalidOperationException($"No endpoint answers {method} {path.Name} of the OpenAPI document.");
                var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>();
                routes.Add(new ScopeRoute(
                    IsApi: true, method, path.Name, Handler: null,
                    Parameters: parameters.Where(p => p.GetProperty("in").GetString() == "path").Select(p => p.GetProperty("name").GetString()!).ToList(),
                    QueryParameters: parameters.Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToList(),
                    BodyType: accepts?.RequestType,
                    IsMultipart: accepts?.ContentTypes.Any(c => c.StartsWith("multipart/", StringComparison.Ordinal)) == true));
            }
        }

        var loader = app.Services.GetRequiredService<PageLoader>();
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } descriptor) continue;
            var compiled = await loader.LoadAsync(descriptor, endpoint.Metadata);
            var template = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var parameters = ScopeRoute.Parameter().Matches(template).Select(m => m.Groups[1].Value).ToList();
            foreach (var handler in compiled.HandlerMethods)
            {
                var method = handler.HttpMethod.ToUpperInvariant();
                if (method is not ("GET" or "POST")) continue;
                var queryIds = handler.Parameters
                    .Where(p => (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType) is var t && (t == typeof(int) || t == typeof(long)))
                    .Select(p => p.Name).Where(n => !parameters.Contains(n) && n is not ("p" or "page")).ToList();
                routes.Add(new ScopeRoute(IsApi: false, method, template, handler.Name, parameters, QueryParameters: [], BodyType: null, IsMultipart: false)
                {
                    QueryIds = queryIds,
                    Page = descriptor.RelativePath,
                });
            }
        }
        // A page answers at several templates (an Index at "/X" and "/X/Index"): keep the shortest.
        return routes.GroupBy(r => (r.Page ?? r.Template, r.Method, r.Handler)).Select(g => g.OrderBy(r => r.Template.Length).First())
            .OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
    }

    private static string Normalise(string? raw)
    {
        var path = Regex.Replace("/" + (raw ?? "").Trim('/'), @"\{([A-Za-z]+)(?::[a-z]+)?\??\}", "{$1}");
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    /// <summary>What the route answers a caller who is not signed in: null when it asks for sign-in (401, or the login page).</summary>
    public static async Task<int?> AnonymousAnswerAsync(HttpClient anonymous, ScopeRoute route)
    {
        var url = route.Url(name => ScopeMatrix.IsRecordParameter(name) || route.QueryIds.Contains(name) ? ScopeWorlds.NoSuchId.ToString() : "404");
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), url);
        if (route.IsWrite) request.Content = route.IsApi ? JsonContent.Create(new { }) : new FormUrlEncodedContent([]);
        using var response = await anonymous.SendAsync(request);
        var toLogin = response.StatusCode == System.Net.HttpStatusCode.Redirect
            && response.Headers.Location?.OriginalString.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase) == true;
        return response.StatusCode == System.Net.HttpStatusCode.Unauthorized || toLogin ? null : (int)response.StatusCode;
    }
}
