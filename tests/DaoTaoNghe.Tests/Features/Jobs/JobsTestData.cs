using System.Net;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Registries;
using DaoTaoNghe.Tests.Support;

namespace DaoTaoNghe.Tests.Features.Jobs;

/// <summary>Enterprises, their postings and anonymous visitors of the public site; every test makes its own.</summary>
public static class JobsTestData
{
    public static async Task<(string User, int EnterpriseId)> EnterpriseAsync(string commune = "Xã Tân Uyên")
    {
        var (user, organisation) = await TestData.ActorAsync(Roles.Enterprise, await TestData.CommuneAsync(commune));
        return (user, organisation.Id);
    }

    public static async Task<int> OccupationAsync(string name, string provinceCode = TestData.LaiChau) =>
        (await RegistryData.OccupationAsync(name + " " + TestData.Unique(), provinceCode: provinceCode)).Id;

    public static Dictionary<string, string> VacancyForm(int occupationId, int placeId, string title, string deadline = "2099-12-31",
        string quantity = "12", string wageFrom = "5.500.000", string wageTo = "7.000.000") => new()
    {
        ["Data.Title"] = title,
        ["Data.OccupationId"] = occupationId.ToString(),
        ["Data.Quantity"] = quantity,
        ["Data.WageFrom"] = wageFrom,
        ["Data.WageTo"] = wageTo,
        ["Data.PlaceCommuneId"] = placeId.ToString(),
        ["Data.Requirements"] = "Sức khỏe tốt, chịu khó",
        ["Data.Deadline"] = deadline,
    };

    public static async Task<int> CreateVacancyAsync(TestBrowser browser, Dictionary<string, string> form)
    {
        var response = await browser.PostFormAsync("/Jobs/Vacancies/Create", form);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()));
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    /// <summary>An enterprise of its own with one open vacancy in Xã Tân Uyên.</summary>
    public static async Task<(string User, int EnterpriseId, int VacancyId, string Title)> VacancyAsync(string title)
    {
        var (user, enterpriseId) = await EnterpriseAsync();
        using var browser = await TestBrowser.SignedInAsync(user);
        var tanUyen = await TestData.CommuneAsync("Xã Tân Uyên");
        var id = await CreateVacancyAsync(browser, VacancyForm(await OccupationAsync("Chế biến chè"), tanUyen.Id, title));
        return (user, enterpriseId, id, title);
    }

    /// <summary>An anonymous visitor at an address of its own, so rate limits of other tests never touch it.</summary>
    public static TestBrowser Visitor()
    {
        var browser = new TestBrowser(TestApp.Instance);
        var address = $"10.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}";
        browser.Http.DefaultRequestHeaders.Add(TestApp.ClientAddressHeader, address);
        return browser;
    }

    public static Dictionary<string, string> InterestForm(AdministrativeUnit commune, string name, string phone = "0912 345 678", bool consent = true,
        string website = "")
    {
        var form = new Dictionary<string, string>
        {
            ["Data.FullName"] = name,
            ["Data.Phone"] = phone,
            ["Data.CommuneId"] = commune.Id.ToString(),
            ["Data.Website"] = website,
        };
        if (consent) form["Data.Consent"] = "true";
        return form;
    }
}
