using System.Collections;
using System.IO.Compression;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DaoTaoNghe.Tests.Infrastructure.Scope;

/// <summary>One answer, reduced to what the checks need.</summary>
public sealed record ProbeAnswer(int Status, string? Location, string Text)
{
    public bool IsSuccess => Status is >= 200 and < 300;
    public bool IsRefusal => Status is 403 or 404;
    public bool IsRedirect => Status is >= 300 and < 400;

    public override string ToString() => IsRedirect ? $"{Status} → {Location}" : Status.ToString();
}

/// <summary>
/// Sends routes as a signed-in actor and reads the answers: page forms with the actor's antiforgery
/// token, API bodies generated from the endpoint's body type, and any text of the answer (HTML,
/// JSON, and the text inside .xlsx/.docx downloads) for world markers.
/// </summary>
public sealed partial class ScopeProbe : IDisposable
{
    private readonly HttpClient _client;
    private string? _token;

    private ScopeProbe(HttpClient client) => _client = client;

    public HttpClient Client => _client;

    public static ScopeProbe Anonymous() =>
        new(TestApp.Instance.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>Over a client already signed in elsewhere (the national tier's app); the probe disposes it.</summary>
    public static ScopeProbe Over(HttpClient client) => new(client);

    public static async Task<ScopeProbe> SignInAsync(ScopeActor actor)
    {
        var browser = await TestBrowser.SignedInAsync(actor.UserName);
        return new ScopeProbe(browser.Http);
    }

    public async Task<ProbeAnswer> GetAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        return await ReadAsync(response);
    }

    /// <summary>Sends a write: an API body built for <paramref name="own"/> (the caller's own world), or a page form.</summary>
    public async Task<ProbeAnswer> SendAsync(ScopeRoute route, string url, Dictionary<string, string>? form, string? ownJson, ScopeWorld own)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), url);
        if (route.IsApi)
        {
            if (route.IsMultipart)
            {
                var multipart = new MultipartFormDataContent { { new StringContent("Kiểm tra phạm vi"), "title" } };
                multipart.Add(new ByteArrayContent("%PDF-1.4\n%kiem tra\n"u8.ToArray()), "file", "kiem-tra.pdf");
                request.Content = multipart;
            }
            else if (route.BodyType is { } body)
                request.Content = new StringContent(JsonSerializer.Serialize(Overlay(body, Body(body, "", own, 0), ownJson)), Encoding.UTF8, "application/json");
        }
        else
        {
            var fields = new Dictionary<string, string>(form ?? []) { ["__RequestVerificationToken"] = await TokenAsync() };
            request.Content = new FormUrlEncodedContent(fields);
        }
        using var response = await _client.SendAsync(request);
        return await ReadAsync(response);
    }

    /// <summary>The fields of the forms on a page, as a browser would post them (token excluded).</summary>
    public static Dictionary<string, string> FormFields(string html)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match input in Input().Matches(html))
        {
            var tag = input.Value;
            var name = Attribute(tag, "name");
            if (name is null || name == "__RequestVerificationToken") continue;
            var type = Attribute(tag, "type")?.ToLowerInvariant();
            if (type is "checkbox" or "radio" && !tag.Contains(" checked", StringComparison.Ordinal)) continue;
            if (type is "file" or "submit" or "button") continue;
            fields.TryAdd(name, WebUtility.HtmlDecode(Attribute(tag, "value") ?? ""));
        }
        foreach (Match area in TextArea().Matches(html)) fields.TryAdd(area.Groups[1].Value, WebUtility.HtmlDecode(area.Groups[2].Value));
        foreach (Match select in Select().Matches(html))
        {
            var options = Option().Matches(select.Groups[2].Value).ToList();
            var chosen = options.FirstOrDefault(o => o.Value.Contains(" selected", StringComparison.Ordinal)) ?? options.FirstOrDefault();
            if (chosen is not null) fields.TryAdd(select.Groups[1].Value, WebUtility.HtmlDecode(Attribute(chosen.Value, "value") ?? ""));
        }
        return fields;
    }

    private async Task<string> TokenAsync()
    {
        if (_token is not null) return _token;
        var home = await GetAsync("/");
        var match = Token().Match(home.Text);
        if (!match.Success) throw new InvalidOperationException("No antiforgery token on the home page.");
        return _token = WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static async Task<ProbeAnswer> ReadAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var media = response.Content.Headers.ContentType?.MediaType ?? "";
        string text;
        if (bytes.Length > 4 && bytes[0] == 'P' && bytes[1] == 'K')
            text = ZipText(bytes);
        else if (media.StartsWith("image/", StringComparison.Ordinal) || media == "application/pdf" || media == "application/octet-stream")
            text = "";
        else
            text = Encoding.UTF8.GetString(bytes);
        return new ProbeAnswer((int)response.StatusCode, response.Headers.Location?.OriginalString, text);
    }

    /// <summary>The text inside an .xlsx/.docx: an export leaks as much as the page it comes from.</summary>
    private static string ZipText(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes));
            var text = new StringBuilder();
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
            {
                using var reader = new StreamReader(entry.Open());
                text.Append(reader.ReadToEnd());
            }
            return text.ToString();
        }
        catch (InvalidDataException)
        {
            return "";
        }
    }

    /// <summary>
    /// A JSON body for a command type, filled for the caller's own world: ids of its own records,
    /// commune, organisations; texts, dates, enums' first members. The point is not a valid command
    /// but one whose refusal comes from the record the route names, not from the body.
    /// </summary>
    public static object? Body(Type type, string name, ScopeWorld own, int depth)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string)) return TextFor(name);
        // Confirmations ("these two are the same person") must be given for a command to reach its record.
        if (underlying == typeof(bool)) return true;
        if (name.Contains("Birth", StringComparison.OrdinalIgnoreCase))
            return underlying == typeof(DateOnly) ? own.Date.AddYears(-35).ToString("yyyy-MM-dd") : own.Date.Year - 35;
        if (underlying == typeof(int) || (underlying == typeof(long) && name.EndsWith("id", StringComparison.OrdinalIgnoreCase)))
        {
            if (name.EndsWith("year", StringComparison.OrdinalIgnoreCase)) return ScopeWorld.Year;
            if (name.EndsWith("id", StringComparison.OrdinalIgnoreCase)) return IdFor(name, own);
            return 1;
        }
        if (underlying == typeof(long)) return 1_000_000L; // money, in whole đồng
        if (underlying == typeof(decimal) || underlying == typeof(double) || underlying == typeof(float)) return 1;
        if (underlying == typeof(DateOnly))
            return (Later().IsMatch(name) ? own.Date.AddYears(1) : own.Date).ToString("yyyy-MM-dd");
        if (underlying == typeof(DateTime) || underlying == typeof(DateTimeOffset)) return own.Date.ToString("yyyy-MM-dd") + "T02:00:00Z";
        if (underlying.IsEnum) return underlying.GetFields(BindingFlags.Public | BindingFlags.Static)[0].Name;
        if (underlying != typeof(string) && typeof(IEnumerable).IsAssignableFrom(underlying))
            // One organisation cannot lead and coordinate the same task: only the leading list gets one.
            return name.EndsWith("Ids", StringComparison.Ordinal) && !name.Contains("Coordinat", StringComparison.Ordinal)
                ? new object[] { IdFor(name[..^1], own) } : Array.Empty<object>();
        if (depth > 3 || !underlying.IsClass) return null;
        var body = new Dictionary<string, object?>();
        foreach (var property in underlying.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            body[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = Body(property.PropertyType, property.Name, own, depth + 1);
        return body;
    }

    /// <summary>The generated body with every value the role's own record has under the same name (its GET answer).</summary>
    private static object? Overlay(Type type, object? body, string? ownJson)
    {
        if (body is not Dictionary<string, object?> fields || ownJson is null) return body;
        JsonElement record;
        try
        {
            record = JsonSerializer.Deserialize<JsonElement>(ownJson);
        }
        catch (JsonException)
        {
            return body;
        }
        if (record.ValueKind != JsonValueKind.Object) return body;
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        foreach (var value in record.EnumerateObject())
        {
            var name = fields.Keys.FirstOrDefault(k => string.Equals(k, value.Name, StringComparison.OrdinalIgnoreCase));
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, value.Name, StringComparison.OrdinalIgnoreCase));
            if (name is not null && property is not null && Fits(property.PropertyType, value.Value)) fields[name] = value.Value;
        }
        return fields;
    }

    /// <summary>Whether a JSON value can bind to a property of this type (a list of objects or a nested record cannot).</summary>
    private static bool Fits(Type type, JsonElement value)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return value.ValueKind switch
        {
            JsonValueKind.String => underlying == typeof(string) || underlying == typeof(DateOnly) || underlying == typeof(DateTime) || underlying.IsEnum,
            JsonValueKind.Number => underlying.IsPrimitive && underlying != typeof(bool) || underlying == typeof(decimal) || underlying.IsEnum,
            JsonValueKind.True or JsonValueKind.False => underlying == typeof(bool),
            JsonValueKind.Array => underlying != typeof(string) && typeof(IEnumerable).IsAssignableFrom(underlying)
                                   && value.EnumerateArray().All(e => e.ValueKind is JsonValueKind.Number or JsonValueKind.String),
            _ => false,
        };
    }

    private static string? TextFor(string name) => name.ToLowerInvariant() switch
    {
        var n when n.Contains("phone") => "0912345678",
        var n when n.Contains("url") => "https://example.org/tai-lieu",
        var n when n.Contains("sections") => "I. Kiểm tra phạm vi", // numbered headings, one per line
        var n when n.Contains("email") || n.Contains("cccd") => null,
        _ => "Kiểm tra phạm vi",
    };

    private static int IdFor(string name, ScopeWorld own)
    {
        if (name.Contains("Province", StringComparison.OrdinalIgnoreCase)) return own.ProvinceId;
        if (name.Contains("Commune", StringComparison.OrdinalIgnoreCase) || name.Equals("UnitId", StringComparison.OrdinalIgnoreCase)) return own.CommuneId;
        if (name.Contains("Institution", StringComparison.OrdinalIgnoreCase)) return own.Organisations[OrganisationKind.TrainingInstitution];
        if (name.Contains("Enterprise", StringComparison.OrdinalIgnoreCase)) return own.Organisations[OrganisationKind.Enterprise];
        if (name.Contains("Organisation", StringComparison.OrdinalIgnoreCase)) return own.Organisations[OrganisationKind.CommuneGovernment];
        if (name.Contains("User", StringComparison.OrdinalIgnoreCase)) return own.Actors[Roles.CommuneOfficer].UserId;
        return own.Id;
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"");
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>Dates that must come after another (an end, an expiry, a return).</summary>
    [GeneratedRegex("End|Expir|To$|Until|Return")]
    private static partial Regex Later();

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Input();

    [GeneratedRegex("<textarea\\b[^>]*name=\"([^\"]+)\"[^>]*>(.*?)</textarea>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex TextArea();

    [GeneratedRegex("<select\\b[^>]*name=\"([^\"]+)\"[^>]*>(.*?)</select>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Select();

    [GeneratedRegex("<option\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Option();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    public void Dispose() => _client.Dispose();
}
