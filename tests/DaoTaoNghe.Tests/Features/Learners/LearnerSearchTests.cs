using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.Learners.LearnerTestData;

namespace DaoTaoNghe.Tests.Features.Learners;

/// <summary>
/// Finding people by the beginnings of their name's words, without diacritics, in a list that may hold a province's
/// million: the count stops at 1,000 ("hơn 1.000 kết quả") and the next page follows the last row shown.
/// </summary>
public class LearnerSearchTests
{
    [Fact]
    public async Task A_name_is_found_by_the_beginnings_of_its_words_in_any_order_without_diacritics()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        // A word no query below begins (random letters alone once began "ang").
        var mark = Capitalised("zq" + Letters());
        var sang = $"Vi Văn Sáng {mark}";
        var viet = $"Lò Văn Việt {mark}";
        var van = $"Hoàng Thị Vân {mark}";
        var inside = $"Nguyễn Đavi Tuấn {mark}";
        var apostrophe = $"Lò Thị H'Mai {mark}";
        foreach (var name in new[] { sang, viet, van, inside, apostrophe })
            await CreateAsync(browser, Form(commune.Id, name, cccd: Cccd(Sex.Female, 1995)));

        async Task<List<string>> FoundAsync(string q)
        {
            var page = TestBrowser.HtmlText(await browser.GetHtmlAsync("/Learners?q=" + Uri.EscapeDataString(q)));
            var api = await browser.Http.GetFromJsonAsync<JsonElement>("/api/v1/learners?q=" + Uri.EscapeDataString(q));
            var names = api.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("fullName").GetString()!).ToList();
            foreach (var name in names) page.ShouldContain(name);
            api.GetProperty("total").GetInt32().ShouldBe(names.Count);
            api.GetProperty("totalCapped").GetBoolean().ShouldBeFalse();
            return names;
        }

        (await FoundAsync($"vi van {mark[..4]}")).ShouldBe([viet, sang]);
        (await FoundAsync($"{mark.ToLowerInvariant()} VAN vi")).ShouldBe([viet, sang]);
        (await FoundAsync($"vân {mark}")).ShouldBe([van, viet, sang]);
        (await FoundAsync($"thị vân {mark}")).ShouldBe([van]);
        (await FoundAsync($"{mark} da")).ShouldBe([inside]);
        (await FoundAsync($"avi {mark}")).ShouldBeEmpty();
        (await FoundAsync($"h mai {mark}")).ShouldBe([apostrophe]);
        (await FoundAsync($"h'm {mark}")).ShouldBe([apostrophe]);
        (await FoundAsync($"ang {mark}")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_search_matching_more_than_a_thousand_people_says_so_and_its_next_page_follows_the_last_row_shown()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var mark = Capitalised(Letters());
        var ids = await ManyAsync(commune.Id, mark, 1_010);

        var page = TestBrowser.HtmlText(await browser.GetHtmlAsync("/Learners?q=" + mark));
        var first = await browser.Http.GetFromJsonAsync<JsonElement>("/api/v1/learners?q=" + mark);

        page.ShouldContain("Hơn 1.000 kết quả");
        first.GetProperty("total").GetInt32().ShouldBe(1_000);
        first.GetProperty("totalCapped").GetBoolean().ShouldBeTrue();
        first.GetProperty("page").GetInt32().ShouldBe(1);
        Ids(first).ShouldBe(ids.Take(25));
        var next = first.GetProperty("next").GetInt32();
        next.ShouldBe(ids[24]);
        var html = await browser.GetHtmlAsync("/Learners?q=" + mark);
        html.ShouldContain($"page=2&amp;sau={next}");

        var second = await browser.Http.GetFromJsonAsync<JsonElement>($"/api/v1/learners?q={mark}&page=2&sau={next}");
        Ids(second).ShouldBe(ids.Skip(25).Take(25));
        second.GetProperty("page").GetInt32().ShouldBe(2);

        // Someone registered meanwhile who sorts first moves no one from the page after the row last shown.
        await ManyAsync(commune.Id, mark, 1, prefix: "An");
        var again = await browser.Http.GetFromJsonAsync<JsonElement>($"/api/v1/learners?q={mark}&page=2&sau={next}");
        Ids(again).ShouldBe(ids.Skip(25).Take(25));

        var last = await browser.Http.GetFromJsonAsync<JsonElement>($"/api/v1/learners?q={mark}&pageSize=200&page=6&sau={ids[999]}");
        Ids(last).ShouldBe(ids.Skip(1_000));
        last.TryGetProperty("next", out _).ShouldBeFalse();
    }

    private static List<int> Ids(JsonElement list) => list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();

    private static string Capitalised(string letters) => char.ToUpperInvariant(letters[0]) + letters[1..];

    /// <summary>
    /// People sharing the word <paramref name="mark"/>, arranged directly (registration is tested above), in the list's
    /// order: by name, and among the same names by record number.
    /// </summary>
    private static Task<List<int>> ManyAsync(int communeId, string mark, int count, string prefix = "Ma") =>
        TestData.WithDbAsync(async db =>
        {
            var province = await db.AdministrativeUnits.Where(u => u.Id == communeId).Select(u => u.ProvinceId!.Value).SingleAsync();
            var learners = Enumerable.Range(0, count).Select(i =>
            {
                var learner = new Learner
                {
                    BirthDate = new DateOnly(1990, 1, 1).AddDays(i), Sex = i % 2 == 0 ? Sex.Female : Sex.Male, CommuneId = communeId, RegisteredCommuneId = communeId, ProvinceId = province,
                    CreatedAt = TestData.Clock.UtcNow, UpdatedAt = TestData.Clock.UtcNow,
                };
                // A hundred names over and over, so the order among the same names falls back on the record number.
                learner.SetName($"{prefix} Văn {mark} {(char)('a' + i % 100 / 10)}{(char)('a' + i % 10)}");
                return learner;
            }).ToList();
            db.Learners.AddRange(learners);
            await db.SaveChangesAsync();
            return await db.Learners.IgnoreQueryFilters().Where(l => l.CommuneId == communeId && l.SearchName.Contains(mark.ToLowerInvariant()))
                .OrderBy(l => l.SearchName).ThenBy(l => l.Id).Select(l => l.Id).ToListAsync();
        });
}
