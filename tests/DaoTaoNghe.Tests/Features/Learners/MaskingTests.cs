using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.Learners.LearnerTestData;

namespace DaoTaoNghe.Tests.Features.Learners;

/// <summary>A masked CCCD cannot be pieced back together: the mask hides what is derivable, and no lookup confirms a guess.</summary>
public class MaskingTests
{
    [Theory]
    [InlineData("012090001234")]
    [InlineData("001305987654")]
    [InlineData("011188000044")]
    public void A_mask_shows_no_digit_that_sex_birth_year_or_birth_province_give_and_hides_four_random_digits(string number)
    {
        var masked = DaoTaoNghe.Features.Learners.Cccd.Mask(number)!;

        masked.Length.ShouldBe(12);
        // Digits 1–3: the birth province; 4: century and sex; 5–6: birth year.
        masked[..6].ShouldBe("******");
        masked.Count(char.IsAsciiDigit).ShouldBe(2);
        masked[6..10].ShouldBe("****");
        masked[10..].ShouldBe(number[10..]);
    }

    [Theory]
    [InlineData(Roles.DepartmentOfficer)]
    [InlineData(Roles.EmploymentCentre)]
    public async Task An_exact_CCCD_lookup_by_a_masked_view_role_finds_nobody_it_does_not_see_unmasked(string role)
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var owner = await TestBrowser.SignedInAsync(officer);
        var name = Name();
        var cccd = Cccd(Sex.Female, 1995);
        var id = await CreateAsync(owner, Form(commune.Id, name, cccd: cccd));
        var (user, _) = await TestData.ProvinceActorAsync(role);
        using var browser = await TestBrowser.SignedInAsync(user);

        var byName = await browser.Http.GetFromJsonAsync<JsonElement>("/api/v1/learners?q=" + Uri.EscapeDataString(name));
        var byNumber = await browser.Http.GetFromJsonAsync<JsonElement>("/api/v1/learners?q=" + cccd);
        var spaced = await browser.Http.GetFromJsonAsync<JsonElement>($"/api/v1/learners?q={cccd[..4]}%20{cccd[4..8]}%20{cccd[8..]}");
        var page = TestBrowser.HtmlText(await browser.GetHtmlAsync("/Learners?q=" + cccd));
        var enrolments = TestBrowser.HtmlText(await browser.GetHtmlAsync("/Courses/Enrolments?q=" + cccd));

        // The person is in the role's view, masked: found by name, never by the whole number.
        byName.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ShouldBe([id]);
        byName.GetProperty("items")[0].GetProperty("cccd").GetString().ShouldBe("**********" + cccd[10..]);
        byNumber.GetProperty("items").GetArrayLength().ShouldBe(0);
        spaced.GetProperty("items").GetArrayLength().ShouldBe(0);
        page.ShouldNotContain(name);
        page.ShouldContain(CccdLookups.MaskedRoleCannotSearch);
        enrolments.ShouldContain(CccdLookups.MaskedRoleCannotSearch);
    }

    [Fact]
    public async Task A_whole_CCCD_lookup_is_audited_with_what_it_found_and_limited_per_user_with_a_Vietnamese_429()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var cccd = Cccd(Sex.Male, 1990);
        var id = await CreateAsync(browser, Form(commune.Id, Name("Lò Văn"), birthDate: "1990-03-04", sex: Sex.Male, cccd: cccd));
        var unknown = Cccd(Sex.Male, 1990);
        Task<List<AuditEntry>> LookupsAsync() => TestData.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.UserName == officer && a.Action == AuditAction.Lookup).OrderBy(a => a.Id).ToListAsync());
        var before = (await LookupsAsync()).Count;

        var found = await browser.Http.GetFromJsonAsync<JsonElement>("/api/v1/learners?q=" + cccd);
        var missed = await browser.Http.GetFromJsonAsync<JsonElement>("/api/v1/learners?q=" + unknown);

        found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ShouldBe([id]);
        missed.GetProperty("items").GetArrayLength().ShouldBe(0);
        var lines = (await LookupsAsync()).Skip(before).ToList();
        lines.Count.ShouldBe(2);
        lines[0].Summary.ShouldBe($"Tìm người học theo số CCCD: số {cccd}, tìm thấy mã {id}");
        lines[0].EntityId.ShouldBe(id.ToString());
        lines[1].Summary.ShouldBe($"Tìm người học theo số CCCD: số {unknown}, không tìm thấy");
        lines.ShouldAllBe(l => l.ContainsPersonalData && l.EntityType == nameof(Learner));

        // The form's duplicate check counts too: it looks past the caller's view.
        HttpResponseMessage last = null!;
        for (var i = 0; i < 60; i++)
        {
            last = await browser.PostJsonAsync("/api/v1/learners/check", new { cccd = Cccd(Sex.Male, 1990) });
            if (last.StatusCode == HttpStatusCode.TooManyRequests) break;
        }
        last.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        var problem = await last.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("title").GetString().ShouldBe("Quá nhiều yêu cầu");
        problem.GetProperty("detail").GetString()!.ShouldStartWith("Bạn đã tra cứu theo số CCCD 60 lần trong một giờ");
        (await browser.GetAsync("/api/v1/learners?q=" + cccd)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        // A name search is no lookup and is not held back.
        (await browser.GetAsync("/api/v1/learners?q=lo%20van")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The registration's own population check is recorded but not counted: its duplicate check had just counted the number.
        (await LookupsAsync()).Count(l => !l.Summary!.StartsWith(PopulationChecks.Purpose)).ShouldBe(60);
    }

    [Fact]
    public async Task The_duplicate_check_tells_a_commune_officer_a_number_is_registered_elsewhere_and_how_to_ask_for_a_transfer_not_where()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var other = await TestData.CommuneAsync("Xã Tân Uyên");
        var (first, _) = await TestData.ActorAsync(Roles.CommuneOfficer, binhLu);
        var (second, _) = await TestData.ActorAsync(Roles.CommuneOfficer, other);
        using var owner = await TestBrowser.SignedInAsync(first);
        using var browser = await TestBrowser.SignedInAsync(second);
        var cccd = Cccd(Sex.Female, 1995);
        var name = Name();
        await CreateAsync(owner, Form(binhLu.Id, name, cccd: cccd));

        var answer = await (await browser.PostJsonAsync("/api/v1/learners/check", new { cccd })).Content.ReadFromJsonAsync<JsonElement>();
        var form = TestBrowser.HtmlText(await (await browser.PostFormAsync("/Learners/Create", Form(other.Id, Name(), cccd: cccd))).Content.ReadAsStringAsync());

        answer.GetProperty("sameCccdElsewhere").GetBoolean().ShouldBeTrue();
        answer.GetProperty("sameCccd").ValueKind.ShouldBe(JsonValueKind.Null);
        answer.GetProperty("elsewhere").GetString().ShouldBe(LearnerReviewResult.RegisteredElsewhere);
        LearnerReviewResult.RegisteredElsewhere.ShouldStartWith("Số CCCD này đã được đăng ký ở nơi khác.");
        LearnerReviewResult.RegisteredElsewhere.ShouldContain("đề nghị chuyển hồ sơ tới Sở Giáo dục và Đào tạo");
        form.ShouldContain(LearnerReviewResult.RegisteredElsewhere);
        var text = answer.GetRawText();
        text.ShouldNotContain(name);
        text.ShouldNotContain(binhLu.Name);
    }
}
