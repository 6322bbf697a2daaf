using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Features.Outreach;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.Outreach;

public class OutreachTests
{
    public static Dictionary<string, string> Form(int communeId, string title, string heldOn = "2026-03-05", string participants = "45") => new()
    {
        ["Data.CommuneId"] = communeId.ToString(),
        ["Data.HeldOn"] = heldOn,
        ["Data.Title"] = title,
        ["Data.Channel"] = nameof(OutreachChannel.Meeting),
        ["Data.Participants"] = participants,
    };

    public static async Task<int> CreateAsync(TestBrowser browser, int communeId, string title, string heldOn = "2026-03-05")
    {
        var response = await browser.PostFormAsync("/Outreach/Create", Form(communeId, title, heldOn));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    [Fact]
    public async Task A_commune_officer_records_an_activity_and_finds_it_without_diacritics()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var title = $"Tuyên truyền học nghề chè Shan tuyết {TestData.Unique()}";

        var id = await CreateAsync(browser, commune.Id, title);

        TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Outreach/Details/{id}")).ShouldContain("05/03/2026");
        var found = TestBrowser.HtmlText(await browser.GetHtmlAsync("/Outreach?q=" + Uri.EscapeDataString("tuyen truyen hoc nghe che shan")));
        found.ShouldContain(title);
    }

    [Fact]
    public async Task The_list_exports_to_xlsx_as_filtered()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var marker = TestData.Unique();
        await CreateAsync(browser, commune.Id, $"Hội nghị {marker} =SUM(A1)");
        await CreateAsync(browser, commune.Id, $"Hội nghị khác {TestData.Unique()}");

        var rows = await Xlsx.DownloadAsync(browser, $"/Outreach?handler=Export&q={marker}");

        rows.Count.ShouldBe(3);
        rows[2][0].ShouldBe(new DateTime(2026, 3, 5).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture));
        rows[2][1].ShouldBe($"Hội nghị {marker} =SUM(A1)");
        rows[2][6].ShouldBe("45");
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_is_saved()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, organisation) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);

        var response = await browser.PostFormAsync("/Outreach/Create", Form(commune.Id, "", heldOn: "31/02/2026", participants: "-3"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = TestBrowser.HtmlText(await response.Content.ReadAsStringAsync());
        page.ShouldContain("Ngày tổ chức: \"31/02/2026\" không phải ngày hợp lệ (dd/MM/yyyy).");
        page.ShouldContain("Vui lòng nhập nội dung hoạt động.");
        page.ShouldContain("Số người tham dự phải từ 0 đến 1.000.000.");
        (await TestData.WithDbAsync(db => db.OutreachEvents.CountAsync(e => e.OrganisationId == organisation.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task A_commune_officer_cannot_record_in_another_commune()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var tanUyen = await TestData.CommuneAsync("Xã Tân Uyên");
        var (officer, organisation) = await TestData.ActorAsync(Roles.CommuneOfficer, binhLu);
        using var browser = await TestBrowser.SignedInAsync(officer);

        var page = await browser.PostFormAsync("/Outreach/Create", Form(tanUyen.Id, "Sai xã"));
        var api = await browser.PostJsonAsync("/api/v1/outreach", new
        {
            communeId = tanUyen.Id, heldOn = "2026-03-05", title = "Sai xã", channel = "Meeting", participants = 10,
        });

        TestBrowser.HtmlText(await page.Content.ReadAsStringAsync()).ShouldContain("nằm ngoài phạm vi của bạn");
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("title").GetString().ShouldBe("Dữ liệu không hợp lệ");
        problem.GetProperty("errors").GetProperty("CommuneId")[0].GetString()!.ShouldContain("ngoài phạm vi");
        (await TestData.WithDbAsync(db => db.OutreachEvents.CountAsync(e => e.OrganisationId == organisation.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task Activity_of_2024_in_a_merged_commune_belongs_to_the_commune_it_became()
    {
        var taMung = await TestData.OldCommuneAsync("Xã Tà Mung");
        var muongKim = await TestData.CommuneAsync("Xã Mường Kim");
        var (successorOfficer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, muongKim);
        var (otherOfficer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Bình Lư"));
        using var successor = await TestBrowser.SignedInAsync(successorOfficer);

        var id = await CreateAsync(successor, taMung.Id, "Tuyên truyền năm 2024 " + TestData.Unique(), heldOn: "2024-05-10");
        var refusedAfterMerger = await successor.PostFormAsync("/Outreach/Create", Form(taMung.Id, "Sau sáp nhập", heldOn: "2025-09-01"));

        TestBrowser.HtmlText(await successor.GetHtmlAsync($"/Outreach/Details/{id}")).ShouldContain("nay thuộc Xã Mường Kim");
        TestBrowser.HtmlText(await refusedAfterMerger.Content.ReadAsStringAsync()).ShouldContain("không có hiệu lực vào ngày 01/09/2025");
        using var other = await TestBrowser.SignedInAsync(otherOfficer);
        (await other.GetAsync($"/Outreach/Details/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_change_is_in_the_audit_trail_with_before_and_after()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var id = await CreateAsync(browser, commune.Id, "Trước khi sửa");

        await browser.PostFormAsync($"/Outreach/Edit/{id}", Form(commune.Id, "Sau khi sửa"));
        await browser.PostFormAsync($"/Outreach/Edit/{id}", Form(commune.Id, "Sau khi sửa"), $"/Outreach/Edit/{id}?handler=Delete");

        var trail = await TestData.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(OutreachEvent) && a.EntityId == id.ToString()).OrderBy(a => a.Id).ToListAsync());
        trail.Select(a => a.Action).ShouldBe([AuditAction.Create, AuditAction.Update, AuditAction.Delete]);
        trail.ShouldAllBe(a => a.UserName == officer);
        trail[0].After!.ShouldContain("Trước khi sửa");
        trail[1].Before!.ShouldContain("Trước khi sửa");
        trail[1].After!.ShouldContain("Sau khi sửa");
        (await TestData.WithDbAsync(db => db.OutreachEvents.AnyAsync(e => e.Id == id))).ShouldBeFalse();
    }
}
