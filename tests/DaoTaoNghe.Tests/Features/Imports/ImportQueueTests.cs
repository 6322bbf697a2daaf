using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Features.Imports;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DaoTaoNghe.Tests.Features.Imports.ImportSteps;
using static DaoTaoNghe.Tests.Features.Imports.OutreachFile;

namespace DaoTaoNghe.Tests.Features.Imports;

/// <summary>
/// API imports go through the pages' bounded queue: accepted with the job's address, limited per user,
/// a retry of a file still being imported named rather than run twice, a restart visible on the job,
/// and the caller's jobs listed so a client that lost its connection finds its own.
/// </summary>
public class ImportQueueTests
{
    [Fact]
    public async Task A_retry_while_the_same_file_is_still_being_imported_is_a_Vietnamese_409_naming_that_job()
    {
        var (officer, organisation) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Bình Lư"));
        using var client = await ImportsApiTests.ClientWithKeyAsync(officer);
        var file = TestWorkbook.Sheet(Header, Row("05/03/2026", "Xã Bình Lư", $"Họp {TestData.Unique()}"));
        var running = await UnfinishedJobsAsync(officer, 1, ImportStatus.Committing, Sha256(file));
        try
        {
            var retry = await PostAsync(client, "a.xlsx", file, dryRun: false);

            retry.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            var problem = await retry.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("title").GetString().ShouldBe("Xung đột dữ liệu");
            problem.GetProperty("detail").GetString()!.ShouldStartWith($"Tệp này đang được nhập ở lần nhập số {running[0]} (đang ghi dữ liệu, tải lên lúc ");
            problem.GetProperty("detail").GetString()!.ShouldContain($"/api/v1/imports/jobs/{running[0]}");
            (await ImportsTests.EventsAsync(organisation.Id)).ShouldBeEmpty();
        }
        finally
        {
            await FinishAsync(running);
        }
    }

    [Fact]
    public async Task More_unfinished_files_than_a_user_may_have_is_a_Vietnamese_429_and_another_user_is_not_held_up()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        var (other, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var client = await ImportsApiTests.ClientWithKeyAsync(officer);
        using var otherClient = await ImportsApiTests.ClientWithKeyAsync(other);
        var waiting = await UnfinishedJobsAsync(officer, 3, ImportStatus.Queued);
        try
        {
            var refused = await PostAsync(client, "a.xlsx", TestWorkbook.Sheet(Header, Row("05/03/2026", "Xã Bình Lư", $"Họp {TestData.Unique()}")));
            var accepted = await RunAsync(otherClient, "a.xlsx", TestWorkbook.Sheet(Header, Row("05/03/2026", "Xã Bình Lư", $"Họp {TestData.Unique()}")));

            refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()
                .ShouldBe("Bạn đang có 3 tệp chờ hoặc đang xử lý, là mức tối đa cho một người. Hãy đợi một lần nhập xong rồi gửi tiếp (danh sách: /api/v1/imports/jobs).");
            Status(accepted).ShouldBe("Checked");
        }
        finally
        {
            await FinishAsync(waiting);
        }
    }

    [Fact]
    public async Task The_API_lists_the_callers_own_jobs_newest_first_with_the_files_hash()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, organisation) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        var colleague = await TestData.UserAsync(Roles.CommuneOfficer, organisation);
        using var client = await ImportsApiTests.ClientWithKeyAsync(officer);
        using var colleagueClient = await ImportsApiTests.ClientWithKeyAsync(colleague);
        var first = TestWorkbook.Sheet(Header, Row("05/03/2026", "Xã Bình Lư", $"Một {TestData.Unique()}"));
        var a = (await RunAsync(client, "mot.xlsx", first)).GetProperty("jobId").GetInt32();
        var b = (await RunAsync(client, "hai.xlsx", TestWorkbook.Sheet(Header, Row("05/03/2026", "Xã Bình Lư", $"Hai {TestData.Unique()}")))).GetProperty("jobId").GetInt32();
        await RunAsync(colleagueClient, "cua-dong-nghiep.xlsx", first);

        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/imports/jobs");

        var items = list.GetProperty("items").EnumerateArray().ToList();
        items.Select(j => j.GetProperty("jobId").GetInt32()).ShouldBe([b, a]);
        items[1].GetProperty("fileName").GetString().ShouldBe("mot.xlsx");
        items[1].GetProperty("fileSha256").GetString().ShouldBe(Sha256(first));
        items[1].GetProperty("done").GetBoolean().ShouldBeTrue();
        items[1].GetProperty("statusName").GetString().ShouldBe("Đã kiểm tra, chờ ghi");
    }

    [Fact]
    public async Task A_commit_a_restart_interrupted_is_run_again_and_the_job_says_so_and_when()
    {
        var (officer, organisation) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Bình Lư"));
        using var browser = await TestBrowser.SignedInAsync(officer);
        using var client = await ImportsApiTests.ClientWithKeyAsync(officer);
        var m = TestData.Unique();
        var id = (await RunAsync(client, "a.xlsx", TestWorkbook.Sheet(Header, Row("05/03/2026", "Xã Bình Lư", $"Họp {m}")))).GetProperty("jobId").GetInt32();
        // The process stopped while this commit ran: the worker had claimed it, nothing was written.
        await TestData.WithDbAsync(db => db.ImportJobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Committing)));

        var app = TestApp.Instance;
        await ImportWorker.RecoverAsync(app.Services, app.Services.GetRequiredService<ImportQueue>(), app.Clock, CancellationToken.None);
        var job = await FollowAsync(client, $"/api/v1/imports/jobs/{id}");

        Status(job).ShouldBe("Committed");
        job.GetProperty("resumes").GetInt32().ShouldBe(1);
        job.GetProperty("resumedAt").GetDateTime().ShouldBe(app.Clock.UtcNow, TimeSpan.FromMinutes(1));
        job.GetProperty("interruption").GetString()!.ShouldStartWith("Lần nhập bị gián đoạn vì hệ thống khởi động lại; phần đang làm dở không được ghi, hệ thống đã tự chạy lại từ đầu lúc ");
        (await ImportsTests.EventsAsync(organisation.Id)).Single().Title.ShouldBe($"Họp {m}");
        TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Imports/Job/{id}")).ShouldContain("Lần nhập bị gián đoạn vì hệ thống khởi động lại");
    }

    [Fact]
    public async Task Upload_APIs_take_a_sign_in_cookie_only_with_the_pages_antiforgery_token()
    {
        var (officer, organisation) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Bình Lư"));
        using var browser = await TestBrowser.SignedInAsync(officer);
        var (staff, _) = await TestData.ActorAsync(Roles.InstitutionStaff, await TestData.CommuneAsync("Xã Bình Lư"));
        using var staffBrowser = await TestBrowser.SignedInAsync(staff);
        var file = TestWorkbook.Sheet(Header, Row("05/03/2026", "Xã Bình Lư", $"Họp {TestData.Unique()}"));

        var forged = await PostAsync(browser.Http, "a.xlsx", file, dryRun: false);
        using var material = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4"u8.ToArray()), "file", "a.pdf" } };
        var forgedMaterial = await staffBrowser.Http.PostAsync("/api/v1/programmes/1/materials/files", material);
        await browser.WithAntiforgeryHeaderAsync();
        var fromPage = await RunAsync(browser.Http, "a.xlsx", file, dryRun: false);

        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await forged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("antiforgery")[0].GetString()!
            .ShouldStartWith("Tải tệp lên bằng phiên đăng nhập của trình duyệt cần mã chống giả mạo của trang");
        forgedMaterial.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Status(fromPage).ShouldBe("Committed");
        (await ImportsTests.EventsAsync(organisation.Id)).Count.ShouldBe(1);
    }

    [Fact]
    public void A_command_timeout_wrapped_in_another_exception_is_a_refusal_of_the_database_not_a_crash()
    {
        ImportRunner.IsDatabaseRefusal(new InvalidOperationException("An exception has been raised that is likely due to a transient failure.",
            new TimeoutException("Timeout during reading attempt"))).ShouldBeTrue();
        ImportRunner.IsDatabaseRefusal(new InvalidOperationException("bug")).ShouldBeFalse();
    }

    private static string Sha256(byte[] content) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content));

    /// <summary>Jobs of the user the worker never sees (no file, not queued): they hold the user's places in the queue until finished.</summary>
    private static Task<List<int>> UnfinishedJobsAsync(string userName, int count, ImportStatus status, string sha256 = "") =>
        TestData.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == userName);
            var organisation = await db.Organisations.IgnoreQueryFilters().SingleAsync(o => o.Id == user.OrganisationId);
            var jobs = Enumerable.Range(0, count).Select(_ => new ImportJob
            {
                TemplateCode = Template, Status = status, FileKey = "khong-co.xlsx", FileName = "a.xlsx", FileSha256 = sha256,
                CreatedAt = TestData.Clock.UtcNow, UserId = user.Id, UserName = userName, Role = Roles.CommuneOfficer,
                OrganisationId = organisation.Id, ProvinceId = organisation.ProvinceId, CommuneId = organisation.UnitId,
            }).ToList();
            db.ImportJobs.AddRange(jobs);
            await db.SaveChangesAsync();
            return jobs.Select(j => j.Id).ToList();
        });

    private static Task FinishAsync(List<int> ids) =>
        TestData.WithDbAsync(db => db.ImportJobs.Where(j => ids.Contains(j.Id)).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Failed)));
}
