using System.Net;
using System.Net.Http.Json;
using DaoTaoNghe.Features.Indicators;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.Indicators.IndicatorTestData;

namespace DaoTaoNghe.Tests.Features.Indicators;

/// <summary>Entering aggregate values: the catalogue's validation rules in Vietnamese, nothing half-written, who entered what and when.</summary>
public class AggregateEntryTests
{
    /// <summary>The entry form of a unit and year as a browser posts it, with the values given by element code (others left empty).</summary>
    public static async Task<Dictionary<string, string>> FormAsync(TestBrowser browser, int unitId, int year, Dictionary<string, string> values)
    {
        var html = await browser.GetHtmlAsync($"/Indicators/Entry?don-vi={unitId}&nam={year}");
        var codes = System.Text.RegularExpressions.Regex.Matches(html, "name=\"Data.Values\\[(\\d+)\\].Code\" value=\"([^\"]+)\"")
            .ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value);
        var form = new Dictionary<string, string> { ["Data.UnitId"] = unitId.ToString(), ["Data.Year"] = year.ToString() };
        foreach (var (code, index) in codes)
        {
            form[$"Data.Values[{index}].Code"] = code;
            form[$"Data.Values[{index}].Value"] = values.GetValueOrDefault(code, "");
        }
        return form;
    }

    [Fact]
    public async Task A_commune_officer_enters_values_and_a_broken_rule_is_explained_in_vietnamese_with_nothing_saved()
    {
        var p = await ProvinceAsync();
        var (officer, _) = await ActorAsync(Roles.CommuneOfficer, p.A);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var url = $"/Indicators/Entry?don-vi={p.A.Id}&nam=2026";

        var broken = await browser.PostFormAsync(url, await FormAsync(browser, p.A.Id, 2026, new()
        {
            ["education.rural_graduates"] = "120", ["education.vet_entrants"] = "150", ["support.budget"] = "40.000.000",
        }));

        broken.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = TestBrowser.HtmlText(await broken.Content.ReadAsStringAsync());
        page.ShouldContain("Số học sinh vào học giáo dục nghề nghiệp (150) không được lớn hơn số học sinh tốt nghiệp THCS, THPT ở nông thôn (120) của cùng đơn vị, cùng năm.");
        (await TestData.WithDbAsync(db => db.AggregateValues.CountAsync(v => v.UnitId == p.A.Id))).ShouldBe(0);

        var saved = await browser.PostFormAsync(url, await FormAsync(browser, p.A.Id, 2026, new()
        {
            ["education.rural_graduates"] = "1.250", ["education.vet_entrants"] = "150", ["support.budget"] = "40.000.000",
        }));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestBrowser.HtmlText(await saved.Content.ReadAsStringAsync()));
        var values = await TestData.WithDbAsync(db => db.AggregateValues.AsNoTracking().Where(v => v.UnitId == p.A.Id).ToListAsync());
        values.Single(v => v.ElementCode == "education.rural_graduates").Value.ShouldBe(1250);
        values.Single(v => v.ElementCode == "education.vet_entrants").EnteredBy.ShouldContain("Người dùng thử");
        var audited = await TestData.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(AggregateValue) && a.Action == AuditAction.Create
            && values.Select(v => v.Id.ToString()).Contains(a.EntityId)));
        audited.ShouldBe(3);
        TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Indicators/Data?don-vi={p.A.Id}&nam=2026")).ShouldContain("1.250");

        // Emptying a value removes it; the rule is judged on what remains.
        var cleared = await browser.PostFormAsync(url, await FormAsync(browser, p.A.Id, 2026, new() { ["education.vet_entrants"] = "150" }));
        TestBrowser.HtmlText(await cleared.Content.ReadAsStringAsync()).ShouldNotContain("không được lớn hơn");
        (await TestData.WithDbAsync(db => db.AggregateValues.CountAsync(v => v.UnitId == p.A.Id))).ShouldBe(1);
    }

    [Fact]
    public async Task Ranges_decimals_levels_and_validity_are_checked_for_every_value()
    {
        var p = await ProvinceAsync();
        using var admin = await AdminAsync(p);

        var rate = await admin.PostFormAsync($"/Indicators/Entry?don-vi={p.Id}&nam=2026",
            await FormAsync(admin, p.Id, 2026, new() { ["labour.unemployment_rate"] = "120", ["education.rural_graduates"] = "12,5" }));
        var page = TestBrowser.HtmlText(await rate.Content.ReadAsStringAsync());
        page.ShouldContain("\"Tỷ lệ thất nghiệp\" phải từ 0 đến 100 %.");
        page.ShouldContain("\"Số học sinh tốt nghiệp THCS, THPT ở nông thôn\" phải là số nguyên.");

        var fine = await admin.PostFormAsync($"/Indicators/Entry?don-vi={p.Id}&nam=2026",
            await FormAsync(admin, p.Id, 2026, new() { ["labour.unemployment_rate"] = "1,23" }));
        fine.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.WithDbAsync(db => db.AggregateValues.SingleAsync(v => v.UnitId == p.Id))).Value.ShouldBe(123);

        var commune = await admin.Http.PutAsJsonAsync("/api/v1/indicators/data", new
        {
            unitId = p.A.Id, year = 2026, values = new[] { new { code = "labour.unemployment_rate", value = 1.1 } },
        });
        commune.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await commune.Content.ReadAsStringAsync()).ShouldContain($"không nhập cho {p.A.Name} (chỉ nhập ở cấp tỉnh)");

        var former = await admin.Http.PutAsJsonAsync("/api/v1/indicators/data", new
        {
            unitId = p.FormerA1.Id, year = 2026, values = new[] { new { code = "education.rural_graduates", value = 10 } },
        });
        former.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await former.Content.ReadAsStringAsync()).ShouldContain("chỉ có đến ngày 30/06/2025");
        (await admin.Http.PutAsJsonAsync("/api/v1/indicators/data", new
        {
            unitId = p.FormerA1.Id, year = 2024, values = new[] { new { code = "education.rural_graduates", value = 10 } },
        })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Value(await ValuesAsync(admin, $"indicator=education.rural_graduates&period=2024&unit={p.A.Id}"), "education.rural_graduates").ShouldBe(10);
    }

    [Fact]
    public async Task Inspectors_and_department_officers_read_values_but_do_not_enter_them()
    {
        var p = await ProvinceAsync();
        await ValueAsync("education.rural_graduates", p.Province, p.Id, 2026, 1234);
        foreach (var role in new[] { Roles.Inspector, Roles.DepartmentOfficer })
        {
            using var browser = await SignInAsync(role, p.Province);
            TestBrowser.HtmlText(await browser.GetHtmlAsync("/Indicators/Data?nam=2026")).ShouldContain("1.234");
            var api = await browser.Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/indicators/data?nam=2026&ma=education.rural_graduates&don-vi={p.Id}");
            api.GetProperty("total").GetInt32().ShouldBe(1);
            api.GetProperty("items")[0].GetProperty("value").GetDouble().ShouldBe(1234);
            (await browser.GetAsync("/Indicators/Entry")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
    }
}
