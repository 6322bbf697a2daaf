using System.Net;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using static DaoTaoNghe.Tests.Features.Indicators.IndicatorTestData;

namespace DaoTaoNghe.Tests.Features.Indicators;

/// <summary>
/// The 2025 merger: records of pre-2025 communes count toward their successors in today's figures,
/// and a 2024 period can still be drawn on the map of the time, commune by commune and district by district.
/// </summary>
public class IndicatorMergerTests
{
    private static async Task<(TestProvince Province, int Organiser)> ArrangeAsync()
    {
        var p = await ProvinceAsync();
        var (_, organiser) = await ActorAsync(Roles.CommuneOfficer, p.A);
        foreach (var (commune, count) in new[] { (p.FormerA1, 3), (p.FormerA2, 1), (p.FormerB1, 2) })
            for (var i = 0; i < count; i++) await OutreachAsync(commune, organiser.Id, new DateOnly(2024, 4, 10 + i), 10);
        await OutreachAsync(p.A, organiser.Id, new DateOnly(2025, 9, 1), 10);
        await LearnerAsync(p, p.A, Sex.Female, new DateOnly(2024, 8, 1));
        await LearnerAsync(p, p.B, Sex.Male, new DateOnly(2024, 8, 2));
        return (p, organiser.Id);
    }

    [Fact]
    public async Task Records_of_former_communes_count_toward_their_successors_today()
    {
        var (p, _) = await ArrangeAsync();
        using var admin = await AdminAsync(p);

        var current = await ValuesAsync(admin, "indicator=outreach.events&period=2024&by=Commune");
        Value(current, "outreach.events").ShouldBe(6);
        Groups(current, "outreach.events").ShouldBe(new Dictionary<string, double?> { [p.A.Id.ToString()] = 4, [p.B.Id.ToString()] = 2 }, ignoreOrder: true);
        Value(await ValuesAsync(admin, $"indicator=outreach.events&period=2024&unit={p.A.Id}"), "outreach.events").ShouldBe(4);
        Value(await ValuesAsync(admin, $"indicator=outreach.events&period=2025&unit={p.A.Id}"), "outreach.events").ShouldBe(1);

        var page = TestBrowser.HtmlText(await admin.GetHtmlAsync($"/Indicators?nam=2024&don-vi={p.Id}"));
        page.ShouldContain($"Xã An {p.Province.Code} 4");
    }

    [Fact]
    public async Task A_2024_period_is_drawn_on_the_map_of_the_time_by_former_commune_and_district()
    {
        var (p, _) = await ArrangeAsync();
        using var admin = await AdminAsync(p);

        var communes = await ValuesAsync(admin, "indicator=outreach.events&period=2024&by=Commune&map=2024");
        Groups(communes, "outreach.events").ShouldBe(new Dictionary<string, double?>
        {
            [p.FormerA1.Id.ToString()] = 3, [p.FormerA2.Id.ToString()] = 1, [p.FormerB1.Id.ToString()] = 2,
        }, ignoreOrder: true);
        var districts = await ValuesAsync(admin, "indicator=outreach.events&period=2024&by=District&map=2024");
        Groups(districts, "outreach.events").ShouldBe(new Dictionary<string, double?> { [p.District.Id.ToString()] = 6 }, ignoreOrder: true);
        Value(await ValuesAsync(admin, $"indicator=outreach.events&period=2024&unit={p.FormerA1.Id}"), "outreach.events").ShouldBe(3);
        Value(await ValuesAsync(admin, $"indicator=outreach.events&period=2024&unit={p.District.Id}"), "outreach.events").ShouldBe(6);

        // A 2024 registration counts where the person lived then: today's B came from B1 alone, so B1; today's A came
        // from A1 and A2 and nobody recorded which, so it shows under A ("không rõ xã cũ"). All still sum to the total.
        var learners = await ValuesAsync(admin, "indicator=learners.registered&period=2024&by=Commune&map=2024");
        var groups = Groups(learners, "learners.registered");
        groups[p.A.Id.ToString()].ShouldBe(1);
        groups[p.FormerB1.Id.ToString()].ShouldBe(1);
        groups.ShouldNotContainKey(p.B.Id.ToString());
        groups.Values.Sum().ShouldBe(Value(learners, "learners.registered"));

        var page = TestBrowser.HtmlText(await admin.GetHtmlAsync($"/Indicators?nam=2024&ban-do=2024&don-vi={p.Id}"));
        page.ShouldContain("Theo xã, phường (bản đồ trước 01/7/2025)");
        page.ShouldContain($"Xã An Thượng {p.Province.Code} (Huyện Cũ {p.Province.Code}) 3");
        var details = TestBrowser.HtmlText(await admin.GetHtmlAsync($"/Indicators/Details?ma=outreach.events&nam=2024&ban-do=2024&don-vi={p.Id}&theo=District"));
        details.ShouldContain($"Huyện Cũ {p.Province.Code} 6");
    }

    [Fact]
    public async Task A_commune_officer_opens_their_former_communes_but_no_other()
    {
        var (p, _) = await ArrangeAsync();
        using var officer = await SignInAsync(Roles.CommuneOfficer, p.A);

        Value(await ValuesAsync(officer, "indicator=outreach.events&period=2024"), "outreach.events").ShouldBe(4);
        Value(await ValuesAsync(officer, $"indicator=outreach.events&period=2024&unit={p.FormerA2.Id}"), "outreach.events").ShouldBe(1);
        var own = await ValuesAsync(officer, "indicator=outreach.events&period=2024&by=Commune&map=2024");
        Groups(own, "outreach.events").ShouldBe(new Dictionary<string, double?>
        {
            [p.A.Id.ToString()] = 0, [p.FormerA1.Id.ToString()] = 3, [p.FormerA2.Id.ToString()] = 1,
        }, ignoreOrder: true);
        (await officer.GetAsync($"/api/v1/indicators/values?period=2024&unit={p.FormerB1.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await officer.GetAsync($"/api/v1/indicators/values?period=2024&unit={p.District.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
