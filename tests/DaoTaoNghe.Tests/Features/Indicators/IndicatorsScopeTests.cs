using System.Net;
using System.Net.Http.Json;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.Indicators.IndicatorTestData;

namespace DaoTaoNghe.Tests.Features.Indicators;

/// <summary>
/// Every role against the dashboards, the values API, the targets and the aggregate values of a
/// commune: a commune sees only its own numbers, an institution only its own, other roles and other
/// provinces nothing; only the province admin sets targets; nothing out of scope changes.
/// </summary>
public class IndicatorsScopeTests
{
    public enum Where { CommuneA, CommuneB, Province, OtherProvince }

    public static TheoryData<string, Where, bool, bool> Matrix => new()
    {
        { Roles.CommuneOfficer, Where.CommuneA, true, true },
        { Roles.CommuneOfficer, Where.CommuneB, false, false },
        { Roles.ProvinceAdmin, Where.Province, true, true },
        { Roles.ProvinceAdmin, Where.OtherProvince, false, false },
        { Roles.DepartmentOfficer, Where.Province, true, false },
        { Roles.Inspector, Where.Province, true, false },
        { Roles.InstitutionStaff, Where.CommuneA, false, false },
        { Roles.Enterprise, Where.CommuneA, false, false },
        { Roles.EmploymentCentre, Where.Province, false, false },
        { Roles.SocialPolicyBank, Where.Province, false, false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task A_communes_numbers_and_values_are_read_and_entered_only_within_scope(string role, Where where, bool mayRead, bool mayWrite)
    {
        var p = await ProvinceAsync();
        var other = await ProvinceAsync();
        await ValueAsync("education.rural_graduates", p.A, p.Id, 2026, 321);
        var unit = where switch
        {
            Where.CommuneA => p.A,
            Where.CommuneB => p.B,
            Where.Province => p.Province,
            _ => other.Province,
        };
        using var browser = await SignInAsync(role, unit);

        var dashboard = await browser.GetAsync($"/Indicators?don-vi={p.A.Id}&nam=2026");
        var api = await browser.GetAsync($"/api/v1/indicators/values?unit={p.A.Id}&period=2026&indicator=education.rural_graduates");
        var data = await browser.GetAsync($"/Indicators/Data?don-vi={p.A.Id}&nam=2026");
        var write = await browser.Http.PutAsJsonAsync("/api/v1/indicators/data", new
        {
            unitId = p.A.Id, year = 2026, values = new[] { new { code = "education.rural_graduates", value = 999 } },
        });
        var target = await browser.Http.PutAsJsonAsync("/api/v1/indicators/targets", new
        {
            unitId = p.A.Id, year = 2026, items = new[] { new { code = "outreach.events", direction = "AtLeast", value = 9 } },
        });

        dashboard.StatusCode.ShouldBe(mayRead ? HttpStatusCode.OK : role is Roles.Enterprise or Roles.EmploymentCentre or Roles.SocialPolicyBank ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound);
        api.StatusCode.ShouldBe(mayRead ? HttpStatusCode.OK : role is Roles.Enterprise or Roles.EmploymentCentre or Roles.SocialPolicyBank ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound);
        if (mayRead)
        {
            Value(await api.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(), "education.rural_graduates").ShouldBe(321);
            TestBrowser.HtmlText(await data.Content.ReadAsStringAsync()).ShouldContain("321");
        }
        else data.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Forbidden);
        if (data.StatusCode == HttpStatusCode.OK && !mayRead)
            TestBrowser.HtmlText(await data.Content.ReadAsStringAsync()).ShouldNotContain("321");

        if (mayWrite) write.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        else write.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
        target.StatusCode.ShouldBe(role != Roles.ProvinceAdmin ? HttpStatusCode.Forbidden
            : where == Where.Province ? HttpStatusCode.NoContent : HttpStatusCode.NotFound);
        var stored = await TestData.WithDbAsync(db => db.AggregateValues.Where(v => v.UnitId == p.A.Id && v.Year == 2026).Select(v => v.Value).SingleAsync());
        stored.ShouldBe(mayWrite ? 999 : 321);
        var targets = await TestData.WithDbAsync(db => db.IndicatorTargets.CountAsync(t => t.UnitId == p.A.Id));
        targets.ShouldBe(role == Roles.ProvinceAdmin && where == Where.Province ? 1 : 0);
    }

    [Fact]
    public async Task A_commune_sees_only_its_own_numbers_and_an_institution_only_its_own()
    {
        var p = await ProvinceAsync();
        var (officer, communeA) = await ActorAsync(Roles.CommuneOfficer, p.A);
        var (staff, institution) = await ActorAsync(Roles.InstitutionStaff, p.A);
        var (_, otherInstitution) = await ActorAsync(Roles.InstitutionStaff, p.B);
        await OutreachAsync(p.A, communeA.Id, new DateOnly(2026, 2, 1), 10);
        await OutreachAsync(p.B, otherInstitution.Id, new DateOnly(2026, 2, 1), 20);
        await OutreachAsync(p.A, institution.Id, new DateOnly(2026, 2, 3), 40);

        using (var browser = await TestBrowser.SignedInAsync(officer))
        {
            var own = await ValuesAsync(browser, "period=2026");
            own.GetProperty("unit").GetProperty("id").GetInt32().ShouldBe(p.A.Id);
            Value(own, "outreach.people").ShouldBe(50);
            (await browser.GetAsync($"/api/v1/indicators/values?period=2026&unit={p.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await browser.GetAsync($"/api/v1/indicators/values?period=2026&unit={p.B.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await browser.GetAsync($"/api/v1/indicators/values?period=2026&institution={institution.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await browser.GetAsync($"/Indicators?don-vi={p.B.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await browser.GetAsync($"/Indicators/Details?ma=outreach.people&don-vi={p.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await browser.GetAsync($"/Indicators/Entry?don-vi={p.B.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await browser.GetAsync($"/Indicators/Targets?don-vi={p.B.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            var dashboard = TestBrowser.HtmlText(await browser.GetHtmlAsync("/Indicators?nam=2026"));
            dashboard.ShouldContain($"Bảng chỉ số: Xã An {p.Province.Code} – năm 2026");
            dashboard.ShouldNotContain("Theo xã, phường");
        }

        using (var browser = await TestBrowser.SignedInAsync(staff))
        {
            var own = await ValuesAsync(browser, "period=2026");
            own.GetProperty("unit").GetProperty("id").GetInt32().ShouldBe(institution.Id);
            Value(own, "outreach.people").ShouldBe(40);
            own.GetProperty("indicators").EnumerateArray().ShouldNotContain(i => i.GetProperty("code").GetString() == "learners.registered");
            (await browser.GetAsync($"/api/v1/indicators/values?period=2026&institution={otherInstitution.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await browser.GetAsync($"/api/v1/indicators/values?period=2026&unit={p.A.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await browser.GetAsync("/Indicators/Targets")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await browser.GetAsync("/Indicators/Entry")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task Breakdowns_by_ethnicity_and_priority_group_are_only_for_roles_that_see_sensitive_data()
    {
        var p = await ProvinceAsync();
        await LearnerAsync(p, p.A, DaoTaoNghe.Features.Catalogues.Sex.Female, new DateOnly(2026, 2, 1), Hmong);
        using var department = await SignInAsync(Roles.DepartmentOfficer, p.Province);
        using var inspector = await SignInAsync(Roles.Inspector, p.Province);

        (await department.GetAsync("/api/v1/indicators/values?indicator=learners.registered&period=2026&by=EthnicGroup")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await department.GetAsync("/api/v1/indicators/values?indicator=learners.registered&period=2026&by=Priority")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        Groups(await ValuesAsync(department, "indicator=learners.registered&period=2026&by=Sex"), "learners.registered")["Female"].ShouldBe(1);
        var page = TestBrowser.HtmlText(await department.GetHtmlAsync("/Indicators/Details?ma=learners.registered&nam=2026&theo=EthnicGroup"));
        page.ShouldNotContain("H'mông");
        page.ShouldNotContain("Nhóm đối tượng ưu tiên");
        Groups(await ValuesAsync(inspector, "indicator=learners.registered&period=2026&by=EthnicGroup"), "learners.registered").Values.Sum().ShouldBe(1);
    }
}
