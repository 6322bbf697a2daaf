using System.Net;
using System.Text.RegularExpressions;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.Indicators.IndicatorTestData;

namespace DaoTaoNghe.Tests.Features.Learners;

/// <summary>
/// A registration counts where the person lived on the day they were registered, on that day's map: a move
/// later never carries a signed year's registration to the new commune. The test province: today's A merged
/// from old A1 and A2, today's B from old B1 alone.
/// </summary>
public class RegistrationPlacementTests
{
    [Fact]
    public async Task A_person_registered_in_2024_in_an_old_commune_who_moved_in_2026_stays_in_that_commune_for_2024_on_both_maps()
    {
        var p = await ProvinceAsync();
        // Registered in 2024 while living in old A1 (today's A); a neighbour registered in B this year.
        var mover = await LearnerAsync(p, p.A, Sex.Female, new DateOnly(2024, 3, 12));
        var neighbour = await LearnerAsync(p, p.B, Sex.Male, new DateOnly(2026, 2, 3));
        var name = await TestData.WithDbAsync(db => db.Learners.Where(l => l.Id == mover).Select(l => l.FullName).SingleAsync());
        using var officerA = await SignInAsync(Roles.CommuneOfficer, p.A);
        var page = $"/Learners/Residence/{mover}";
        (await officerA.PostFormAsync(page, new() { ["Former.CommuneId"] = p.FormerA1.Id.ToString() }, page + "?handler=Former"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var admin = await AdminAsync(p);
        var b2026 = Value(await ValuesAsync(admin, $"indicator=learners.registered&period=2026&unit={p.B.Id}"), "learners.registered");
        b2026.ShouldBe(1);

        (await officerA.PostFormAsync(page, new() { ["Data.MovedOn"] = "2026-06-01", ["Data.CommuneId"] = p.B.Id.ToString() }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // 2024 on the old map: in A1, nowhere else; on today's map the same person in A (A1 rolled up), not in B.
        Groups(await ValuesAsync(admin, "indicator=learners.registered&period=2024&by=Commune&map=2024"), "learners.registered")
            .ShouldBe(new Dictionary<string, double?> { [p.FormerA1.Id.ToString()] = 1, [p.FormerA2.Id.ToString()] = 0, [p.FormerB1.Id.ToString()] = 0 }, ignoreOrder: true);
        Value(await ValuesAsync(admin, $"indicator=learners.registered&period=2024&unit={p.FormerA1.Id}"), "learners.registered").ShouldBe(1);
        Groups(await ValuesAsync(admin, "indicator=learners.registered&period=2024&by=Commune"), "learners.registered")
            .ShouldBe(new Dictionary<string, double?> { [p.A.Id.ToString()] = 1, [p.B.Id.ToString()] = 0 }, ignoreOrder: true);
        Value(await ValuesAsync(admin, $"indicator=learners.registered&period=2024&unit={p.B.Id}"), "learners.registered").ShouldBe(0);
        // B's 2026 registrations are B's own: the person moving in is not registered again.
        Value(await ValuesAsync(admin, $"indicator=learners.registered&period=2026&unit={p.B.Id}"), "learners.registered").ShouldBe(b2026);
        Value(await ValuesAsync(admin, $"indicator=learners.registered&period=2026&unit={p.A.Id}"), "learners.registered").ShouldBe(0);

        // The number's list, followed from the indicator page, lists exactly the person counted: on the old map and today's.
        foreach (var (unit, map) in new[] { (p.FormerA1, "&ban-do=2024"), (p.A, "") })
        {
            var list = RecordsLink(await admin.GetHtmlAsync($"/Indicators/Details?ma=learners.registered&nam=2024{map}&don-vi={unit.Id}"));
            var listed = TestBrowser.HtmlText(await admin.GetHtmlAsync(list));
            CountOf(listed, "Người Học Thử").ShouldBe(1, list);
            listed.ShouldContain(name);
            listed.ShouldNotContain("ngoài phạm vi của bạn");
        }
        var inB = TestBrowser.HtmlText(await admin.GetHtmlAsync($"/Learners?nam-dk=2024&xa-dk={p.B.Id}"));
        inB.ShouldNotContain(name);
        var bThisYear = TestBrowser.HtmlText(await admin.GetHtmlAsync($"/Learners?nam-dk=2026&xa-dk={p.B.Id}"));
        CountOf(bThisYear, "Người Học Thử").ShouldBe(1);
        bThisYear.ShouldNotContain(name);

        // A's officer still sees A's 2024 figure with the person in it, and is told why the list cannot show them.
        Value(await ValuesAsync(officerA, $"indicator=learners.registered&period=2024&unit={p.FormerA1.Id}"), "learners.registered").ShouldBe(1);
        var own = TestBrowser.HtmlText(await officerA.GetHtmlAsync($"/Learners?nam-dk=2024&xa-dk={p.FormerA1.Id}"));
        own.ShouldNotContain(name);
        own.ShouldContain("Con số còn tính 1 người ngoài phạm vi của bạn (đã chuyển nơi cư trú");
        using var officerB = await SignInAsync(Roles.CommuneOfficer, p.B);
        TestBrowser.HtmlText(await officerB.GetHtmlAsync($"/Learners?nam-dk=2024&xa-dk={p.FormerA1.Id}")).ShouldContain(name);
        neighbour.ShouldNotBe(mover);
    }

    /// <summary>
    /// The old commune keeps counting the person but no longer reads their record (it follows them to the commune
    /// that keeps it): its officer gets 403 saying where the person moved and whom to ask; any other commune still 404.
    /// </summary>
    [Fact]
    public async Task The_old_communes_officer_opening_a_person_who_moved_away_is_told_where_they_went_and_whom_to_ask()
    {
        var p = await ProvinceAsync();
        var mover = await LearnerAsync(p, p.A, Sex.Male, new DateOnly(2025, 9, 1));
        using var officerA = await SignInAsync(Roles.CommuneOfficer, p.A);
        TestBrowser.HtmlText(await officerA.GetHtmlAsync($"/Learners/Details/{mover}")).ShouldContain("Xã An");
        var page = $"/Learners/Residence/{mover}";
        (await officerA.PostFormAsync(page, new() { ["Data.MovedOn"] = "2026-08-15", ["Data.CommuneId"] = p.B.Id.ToString() }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var refused = await officerA.GetAsync($"/Learners/Details/{mover}");
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var message = TestBrowser.HtmlText(await refused.Content.ReadAsStringAsync());
        message.ShouldContain($"Người học mã hồ sơ {mover} đã chuyển nơi cư trú đến Phường Bình {p.Province.Code} từ ngày 15/08/2026");
        message.ShouldContain($"liên hệ cán bộ phụ trách của Phường Bình {p.Province.Code} hoặc Sở Giáo dục và Đào tạo");

        // Nothing tells another commune that the person exists.
        var elsewhere = await ProvinceAsync();
        using var stranger = await SignInAsync(Roles.CommuneOfficer, elsewhere.A);
        (await stranger.GetAsync($"/Learners/Details/{mover}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var officerB = await SignInAsync(Roles.CommuneOfficer, p.B);
        (await officerB.GetAsync($"/Learners/Details/{mover}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // A's 2025 registration stays A's.
        using var admin = await AdminAsync(p);
        Value(await ValuesAsync(admin, $"indicator=learners.registered&period=2025&unit={p.A.Id}"), "learners.registered").ShouldBe(1);
        Value(await ValuesAsync(admin, $"indicator=learners.registered&period=2025&unit={p.B.Id}"), "learners.registered").ShouldBe(0);
    }

    [Fact]
    public async Task A_survivor_of_a_merge_taking_the_duplicates_residence_history_is_counted_where_that_history_places_its_registration()
    {
        var p = await ProvinceAsync();
        var survivor = await LearnerAsync(p, p.A, Sex.Female, new DateOnly(2024, 5, 6));
        var duplicate = await LearnerAsync(p, p.A, Sex.Female, new DateOnly(2025, 10, 1));
        using var admin = await AdminAsync(p);
        var page = $"/Learners/Residence/{duplicate}";
        (await admin.PostFormAsync(page, new() { ["Former.CommuneId"] = p.FormerA2.Id.ToString() }, page + "?handler=Former"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var oldMap = "indicator=learners.registered&period=2024&by=Commune&map=2024";
        Groups(await ValuesAsync(admin, oldMap), "learners.registered")[p.A.Id.ToString()].ShouldBe(1);

        (await admin.PostJsonAsync($"/api/v1/learners/{duplicate}/merge", new { survivorId = survivor, reason = "Trùng hồ sơ (thử)", confirmed = true }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // The same person lived in A2 before 1/7/2025: her 2024 registration is A2's; the merged record counts nowhere.
        Groups(await ValuesAsync(admin, oldMap), "learners.registered")
            .ShouldBe(new Dictionary<string, double?> { [p.FormerA1.Id.ToString()] = 0, [p.FormerA2.Id.ToString()] = 1, [p.FormerB1.Id.ToString()] = 0 }, ignoreOrder: true);
        Value(await ValuesAsync(admin, $"indicator=learners.registered&period=2025&unit={p.A.Id}"), "learners.registered").ShouldBe(0);
    }

    private static string RecordsLink(string html)
    {
        var link = Regex.Match(html, "href=\"([^\"]+)\" id=\"indicator-records\"");
        link.Success.ShouldBeTrue("the indicator page links to the records it counts");
        return WebUtility.HtmlDecode(link.Groups[1].Value);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
