using System.Net;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.Learners;

/// <summary>Names, CCCDs and forms for the learner tests; each test's people are its own.</summary>
public static class LearnerTestData
{
    private static int _sequence = Random.Shared.Next(100_000, 800_000);

    /// <summary>Eight letters no other test uses (names may hold letters only).</summary>
    public static string Letters() =>
        new(Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))).ToArray());

    public static string Name(string prefix = "Lò Thị") => $"{prefix} {char.ToUpperInvariant(Letters()[0])}{Letters()}";

    /// <summary>A well-formed CCCD agreeing with <paramref name="sex"/> and <paramref name="year"/>, unique in this run.</summary>
    public static string Cccd(Sex sex, int year, string province = "012") =>
        $"{province}{(year / 100 - 19) * 2 + (sex == Sex.Female ? 1 : 0)}{year % 100:00}{Interlocked.Increment(ref _sequence):000000}";

    public static Dictionary<string, string> Form(int communeId, string name, string birthDate = "1995-04-12", Sex sex = Sex.Female,
        string? cccd = null, bool consent = true)
    {
        var form = new Dictionary<string, string>
        {
            ["Data.FullName"] = name,
            ["Data.BirthDate"] = birthDate,
            ["Data.Sex"] = sex.ToString(),
            ["Data.Cccd"] = cccd ?? "",
            ["Data.CommuneId"] = communeId.ToString(),
            ["Data.Address"] = "Bản Nà Bó",
            ["Data.Phone"] = "0912 345 678",
            ["Data.EducationLevel"] = nameof(EducationLevel.LowerSecondary),
        };
        if (consent)
        {
            form["Data.ConsentGiven"] = "true";
            form["Data.ConsentDate"] = "2025-06-01";
            form["Data.ConsentPurpose"] = "Quản lý đào tạo nghề";
            form["Data.ConsentMethod"] = nameof(ConsentMethod.SignedForm);
        }
        return form;
    }

    public static async Task<int> CreateAsync(TestBrowser browser, Dictionary<string, string> form)
    {
        var response = await browser.PostFormAsync("/Learners/Create", form);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()));
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    public static Task<int> EthnicGroupIdAsync(string code) =>
        TestData.WithDbAsync(db => db.EthnicGroups.Where(e => e.Code == code).Select(e => e.Id).SingleAsync());

    public static Task<Learner> LoadAsync(int id) =>
        TestData.WithDbAsync(db => db.Learners.AsNoTracking().IgnoreQueryFilters()
            .Include(l => l.Households).Include(l => l.Consents).Include(l => l.Priorities)
            .SingleAsync(l => l.Id == id));

    /// <summary>One of today's communes of a province other tests leave alone (Lào Cai 15, Thái Nguyên 19...).</summary>
    public static Task<AdministrativeUnit> CommuneOfAsync(string provinceCode, int skip = 0) =>
        TestData.WithDbAsync(db => db.AdministrativeUnits.AsNoTracking()
            .Where(u => u.Level == UnitLevel.Commune && u.ValidTo == null && u.Province!.Code == provinceCode)
            .OrderBy(u => u.Code).Skip(skip).FirstAsync());
}
