using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.Imports.ImportSteps;
using static DaoTaoNghe.Tests.Features.Imports.OutreachFile;

namespace DaoTaoNghe.Tests.Features.Imports;

/// <summary>
/// An import writes only what its user may write, row by row; a job (its file, its errors, its
/// commit) belongs to its uploader, readable also by the province's admin; roles without a
/// template are refused.
/// </summary>
public class ImportsScopeTests
{
    [Fact]
    public async Task A_commune_officer_importing_rows_of_other_communes_has_those_rows_refused_by_page_and_by_API()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var tanUyen = await TestData.CommuneAsync("Xã Tân Uyên");
        var (officer, organisation) = await TestData.ActorAsync(Roles.CommuneOfficer, binhLu);
        using var browser = await TestBrowser.SignedInAsync(officer);
        using var client = await ImportsApiTests.ClientWithKeyAsync(officer);
        var m = TestData.Unique();
        var file = TestWorkbook.Sheet(Header,
            Row("05/03/2026", "Xã Bình Lư", $"Của xã mình {m}"),
            Row("05/03/2026", "Xã Tân Uyên", $"Của xã khác {m}"),
            Row("10/05/2024", "Xã Tà Mung", $"Xã cũ nay thuộc xã khác {m}"),
            Row("10/05/2024", "Xã Bình Lư", $"Xã cũ nay thuộc xã mình {m}"));

        var page = await CommitAsync(browser, (await DryRunAsync(browser, "a.xlsx", file)).GetProperty("jobId").GetInt32());
        var api = await RunAsync(client, "a.xlsx", file, dryRun: false);

        foreach (var job in new[] { page, api })
        {
            Errors(job).ShouldBe([
                (3, "B", "Xã, phường: Xã Tân Uyên nằm ngoài phạm vi của bạn."),
                (4, "B", "Xã, phường: Xã Tà Mung nằm ngoài phạm vi của bạn."),
            ]);
        }
        Counts(page).ShouldBe((4, 2, 0, 0, 2));
        Counts(api).ShouldBe((4, 0, 0, 2, 2));
        (await ImportsTests.EventsAsync(organisation.Id)).Select(e => e.Title).ShouldBe([$"Của xã mình {m}", $"Xã cũ nay thuộc xã mình {m}"]);
        (await TestData.WithDbAsync(db => db.OutreachEvents.CountAsync(e => e.CommuneId == tanUyen.Id && e.Title.Contains(m)))).ShouldBe(0);
    }

    public static TheoryData<string, bool, bool> Viewers => new()
    {
        { "other-commune", false, false },
        { "colleague", false, false },
        { "province-admin", true, false },
        { "other-province-admin", false, false },
        { "inspector", false, false },
    };

    [Theory]
    [MemberData(nameof(Viewers))]
    public async Task A_job_is_seen_by_its_uploader_and_the_province_admin_and_committed_only_by_its_uploader(string viewer, bool maySee, bool mayCommit)
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var (owner, organisation) = await TestData.ActorAsync(Roles.CommuneOfficer, binhLu);
        using var ownerBrowser = await TestBrowser.SignedInAsync(owner);
        var m = TestData.Unique();
        var id = (await DryRunAsync(ownerBrowser, $"rieng-{m}.xlsx", TestWorkbook.Sheet(Header, Row("05/03/2026", "Xã Bình Lư", $"Họp {m}"), Row("x", "Xã Bình Lư", $"Sai {m}"))))
            .GetProperty("jobId").GetInt32();
        var user = viewer switch
        {
            "other-commune" => (await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Tân Uyên"))).UserName,
            "colleague" => await TestData.UserAsync(Roles.CommuneOfficer, organisation),
            "province-admin" => (await TestData.ProvinceActorAsync(Roles.ProvinceAdmin)).UserName,
            "other-province-admin" => (await TestData.ActorAsync(Roles.ProvinceAdmin, await TestData.ProvinceAsync("11"))).UserName,
            _ => (await TestData.ProvinceActorAsync(Roles.Inspector)).UserName,
        };
        using var browser = await TestBrowser.SignedInAsync(user);
        using var client = await ImportsApiTests.ClientWithKeyAsync(user);

        var expected = maySee ? HttpStatusCode.OK : HttpStatusCode.NotFound;
        (await browser.GetAsync($"/Imports/Job/{id}")).StatusCode.ShouldBe(expected);
        (await browser.GetAsync($"/Imports/Job/{id}?handler=Status")).StatusCode.ShouldBe(expected);
        (await browser.GetAsync($"/Imports/Job/{id}?handler=Errors")).StatusCode.ShouldBe(expected);
        (await browser.GetAsync($"/Imports/Job/{id}?handler=Original")).StatusCode.ShouldBe(expected);
        (await client.GetAsync($"/api/v1/imports/jobs/{id}")).StatusCode.ShouldBe(expected);
        TestBrowser.HtmlText(await browser.GetHtmlAsync("/Imports")).Contains($"rieng-{m}.xlsx").ShouldBe(maySee);

        var commit = await client.PostAsync($"/api/v1/imports/jobs/{id}/commit", null);
        commit.StatusCode.ShouldBe(mayCommit ? HttpStatusCode.OK : maySee ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound);
        var map = await browser.PostFormAsync("/Imports", new() { ["Map[Title]"] = "2" }, $"/Imports/Job/{id}?handler=Map");
        map.StatusCode.ShouldBe(maySee ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound);
        (await ImportsTests.EventsAsync(organisation.Id)).ShouldBeEmpty();
        Status(await ownerBrowser.Http.GetFromJsonAsync<JsonElement>($"/api/v1/imports/jobs/{id}")).ShouldBe("Checked");
    }

    [Theory]
    [InlineData(Roles.Inspector)]
    [InlineData(Roles.Enterprise)]
    [InlineData(Roles.SocialPolicyBank)]
    public async Task Roles_without_the_template_are_refused_on_pages_and_API(string role)
    {
        var (user, _) = await TestData.ActorAsync(role, await TestData.CommuneAsync("Xã Bình Lư"));
        using var browser = await TestBrowser.SignedInAsync(user);
        using var client = await ImportsApiTests.ClientWithKeyAsync(user);

        (await browser.GetAsync($"/Imports/New/{Template}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.GetAsync($"/Imports/New/{Template}?handler=Template")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PostAsync(client, "a.xlsx", TestWorkbook.Sheet(Header, Row("05/03/2026", "Xã Bình Lư", "Họp")), dryRun: false)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/imports")).EnumerateArray().ShouldBeEmpty();
        TestBrowser.HtmlText(await browser.GetHtmlAsync("/Imports")).ShouldContain("Chưa có mẫu nhập nào dành cho vai trò của bạn.");
    }
}
