using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using DaoTaoNghe.Features.Users;

namespace DaoTaoNghe.Tests.Support;

/// <summary>A program's HttpClient holding a read-and-write API key that the user made on /Account/ApiKeys, as a person does.</summary>
public static partial class ApiKeyClient
{
    public static async Task<HttpClient> ForAsync(string userName, string keyName)
    {
        using var browser = await TestBrowser.SignedInAsync(userName);
        var answer = await browser.PostFormAsync("/Account/ApiKeys", new()
        {
            ["Name"] = keyName + " " + TestData.Unique(), ["Scope"] = nameof(ApiKeyScope.ReadWrite),
            ["ExpiresOn"] = TestData.Clock.Today.AddYears(1).ToString("yyyy-MM-dd"),
        });
        var secret = NewSecret().Match(await answer.Content.ReadAsStringAsync()).Groups[1].Value;
        secret.ShouldStartWith(ApiKey.Prefix);
        var client = TestApp.Instance.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    [GeneratedRegex("<code id=\"new-secret\">([^<]+)</code>")]
    private static partial Regex NewSecret();
}
