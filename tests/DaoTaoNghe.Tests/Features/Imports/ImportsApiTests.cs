using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Features.Users;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.Imports.ImportSteps;
using static DaoTaoNghe.Tests.Features.Imports.OutreachFile;

namespace DaoTaoNghe.Tests.Features.Imports;

/// <summary>An institution's or a commune's own software, holding an API key, brings the same files in.</summary>
public class ImportsApiTests
{
    /// <summary>A client authenticated the way machine clients are: an API key of the user, sent as a bearer token.</summary>
    public static async Task<HttpClient> ClientWithKeyAsync(string userName)
    {
        var secret = ApiKey.NewSecret();
        await TestData.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == userName);
            db.ApiKeys.Add(new ApiKey { UserId = user.Id, Name = "Phần mềm của đơn vị", KeyStart = secret[..10], KeyHash = ApiKey.Hash(secret), CreatedAt = TestData.Clock.UtcNow });
            await db.SaveChangesAsync();
        });
        var client = TestApp.Instance.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    [Fact]
    public async Task A_client_dry_runs_then_commits_and_a_second_commit_of_the_same_file_changes_nothing()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, organisation) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var client = await ClientWithKeyAsync(officer);
        var m = TestData.Unique();
        var file = TestWorkbook.Sheet(Header,
            Row("05/03/2026", commune.Code, $"Họp bản {m}", participants: 30),
            Row("06/03/2026", "Xã Bình Lư", $"Loa {m}", "Loa truyền thanh xã", "1.000"),
            Row("07/03/2026", "Xã Bình Lư", $"Sai {m}", participants: "-"));

        var accepted = await PostAsync(client, "tuyen-truyen.xlsx", file);
        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var location = accepted.Headers.Location!.ToString();
        location.ShouldStartWith("/api/v1/imports/jobs/");
        var checkedJob = await FollowAsync(client, location);
        Status(checkedJob).ShouldBe("Checked");
        checkedJob.GetProperty("committed").GetBoolean().ShouldBeFalse();
        Counts(checkedJob).ShouldBe((3, 2, 0, 0, 1));
        Errors(checkedJob).ShouldBe([(4, "E", "Số người tham dự: \"-\" không phải số nguyên hợp lệ (viết 1.250 hoặc 1250).")]);
        (await ImportsTests.EventsAsync(organisation.Id)).ShouldBeEmpty();

        var commit = await RunAsync(client, "tuyen-truyen.xlsx", file, dryRun: false);
        Status(commit).ShouldBe("Committed");
        Counts(commit).ShouldBe((3, 2, 0, 0, 1));
        (await ImportsTests.EventsAsync(organisation.Id)).Count.ShouldBe(2);

        var again = await RunAsync(client, "tuyen-truyen.xlsx", file, dryRun: false);
        Counts(again).ShouldBe((3, 0, 0, 2, 1));
        (await ImportsTests.EventsAsync(organisation.Id)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_checked_job_is_committed_by_its_id_once()
    {
        var (officer, organisation) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Bình Lư"));
        using var client = await ClientWithKeyAsync(officer);
        var m = TestData.Unique();
        var job = await RunAsync(client, "a.xlsx", TestWorkbook.Sheet(Header, Row("05/03/2026", "Xã Bình Lư", $"Họp {m}")));
        var id = job.GetProperty("jobId").GetInt32();

        var committed = await client.PostAsync($"/api/v1/imports/jobs/{id}/commit", null);
        committed.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        Status(await FollowAsync(client, committed.Headers.Location!.ToString())).ShouldBe("Committed");
        var twice = await client.PostAsync($"/api/v1/imports/jobs/{id}/commit", null);

        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().ShouldBe("Lần nhập này đã được ghi.");
        (await ImportsTests.EventsAsync(organisation.Id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_API_lists_the_callers_templates_and_serves_the_template_workbook()
    {
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Bình Lư"));
        using var client = await ClientWithKeyAsync(officer);

        var templates = await client.GetFromJsonAsync<JsonElement>("/api/v1/imports");
        var template = await client.GetAsync($"/api/v1/imports/{Template}/template");

        var outreach = templates.EnumerateArray().Single(t => t.GetProperty("code").GetString() == Template);
        outreach.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("header").GetString())
            .ShouldBe(["Ngày tổ chức", "Xã, phường", "Nội dung", "Hình thức", "Số người tham dự", "Ghi chú"]);
        templates.EnumerateArray().Select(t => t.GetProperty("code").GetString()).ShouldNotContain("co-quan-don-vi");
        template.StatusCode.ShouldBe(HttpStatusCode.OK);
        Xlsx.ReadRows(await template.Content.ReadAsByteArrayAsync())[0][0].ShouldBe("Ngày tổ chức");
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ShouldContain("/api/v1/imports/{template}");
    }

    [Fact]
    public async Task Refusals_are_Vietnamese_problem_documents()
    {
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Bình Lư"));
        using var client = await ClientWithKeyAsync(officer);
        using var anonymous = TestApp.Instance.CreateClient();

        var ownHeaders = await RunAsync(client, "rieng.xlsx", TestWorkbook.Sheet(["Ngày", "Nơi", "Việc"], ["05/03/2026", "Bình Lư", "Họp"]));
        var unknown = await PostAsync(client, "a.xlsx", TestWorkbook.Sheet(Header), template: "khong-co");
        using var empty = new MultipartFormDataContent { { new StringContent("x"), "ghi-chu" } };
        var noFile = await client.PostAsync($"/api/v1/imports/{Template}", empty);
        var signedOut = await PostAsync(anonymous, "a.xlsx", TestWorkbook.Sheet(Header));

        Status(ownHeaders).ShouldBe("NeedsMapping");
        Notes(ownHeaders).ShouldContain(n => n.StartsWith("Không tìm thấy cột \"Xã, phường\", \"Nội dung\", \"Hình thức\", \"Số người tham dự\" ở dòng tiêu đề (dòng 1)", StringComparison.Ordinal));
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().ShouldBe("Không có mẫu nhập này.");
        noFile.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noFile.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("file")[0].GetString()
            .ShouldBe("Vui lòng chọn tệp .xlsx hoặc .csv (UTF-8, dấu phẩy hoặc chấm phẩy) để tải lên.");
        signedOut.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
