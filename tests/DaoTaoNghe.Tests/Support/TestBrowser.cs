using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DaoTaoNghe.Tests.Support;

/// <summary>
/// An HTTP client that behaves like a browser without JavaScript: keeps cookies, reads the
/// antiforgery token from the form it is about to submit, and posts forms as a browser would.
/// </summary>
public sealed partial class TestBrowser : IDisposable
{
    private readonly HttpClient _client;

    public TestBrowser(WebApplicationFactory<Program> app) =>
        _client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public HttpClient Http => _client;

    public static Task<TestBrowser> SignedInAsync(string userName, string password = TestApp.Password) =>
        SignedInAsync(TestApp.Instance, userName, password);

    /// <summary>Signs in to <paramref name="app"/> (a host of a test's own, e.g. the demo site).</summary>
    public static async Task<TestBrowser> SignedInAsync(WebApplicationFactory<Program> app, string userName, string password)
    {
        var browser = new TestBrowser(app);
        var response = await browser.PostFormAsync("/Account/Login", new() { ["Data.UserName"] = userName, ["Data.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in of {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return browser;
    }

    public Task<HttpResponseMessage> GetAsync(string url) => _client.GetAsync(url);

    public async Task<string> GetHtmlAsync(string url)
    {
        var response = await _client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {html[..Math.Min(html.Length, 500)]}");
        return html;
    }

    /// <summary>Opens <paramref name="formPage"/>, then submits its form with the given fields to <paramref name="action"/> (default: the same page).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, Dictionary<string, string> fields, string? action = null)
    {
        var html = await GetHtmlAsync(formPage);
        var token = AntiforgeryToken().Match(html);
        if (!token.Success) throw new InvalidOperationException($"No antiforgery token on {formPage}.");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await _client.PostAsync(action ?? formPage, new FormUrlEncodedContent(form));
    }

    /// <summary>Posts a multipart form (file upload) from <paramref name="formPage"/>.</summary>
    public async Task<HttpResponseMessage> PostMultipartAsync(string formPage, Dictionary<string, string> fields, string fileField, string fileName, byte[] content, string? action = null)
    {
        var html = await GetHtmlAsync(formPage);
        var token = AntiforgeryToken().Match(html);
        using var form = new MultipartFormDataContent();
        foreach (var (key, value) in fields) form.Add(new StringContent(value), key);
        form.Add(new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken");
        form.Add(new ByteArrayContent(content), fileField, fileName);
        return await _client.PostAsync(action ?? formPage, form);
    }

    /// <summary>Sends the antiforgery token of a signed-in page with every later request, as a page's script calling the API does.</summary>
    public async Task<TestBrowser> WithAntiforgeryHeaderAsync(string page = "/")
    {
        var token = AntiforgeryToken().Match(await GetHtmlAsync(page));
        if (!token.Success) throw new InvalidOperationException($"No antiforgery token on {page}.");
        _client.DefaultRequestHeaders.Remove("RequestVerificationToken");
        _client.DefaultRequestHeaders.Add("RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value));
        return this;
    }

    public Task<HttpResponseMessage> PostJsonAsync<T>(string url, T body) => _client.PostAsJsonAsync(url, body);

    public static string HtmlText(string html) =>
        WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(html, "<[^>]+>", " "), @"\s+", " "));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    public void Dispose() => _client.Dispose();
}
