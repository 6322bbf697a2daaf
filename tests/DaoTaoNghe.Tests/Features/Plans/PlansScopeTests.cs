using System.Net;
using System.Net.Http.Json;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.Plans;

/// <summary>
/// A plan is the province's published document: everyone of the province reads it, nobody outside.
/// A commune's assignment, its updates and evidence are its own: only it (and the province admin)
/// posts progress; province-wide roles read; everyone else is told they do not exist.
/// </summary>
public class PlansScopeTests
{
    public enum Where { CommuneA, CommuneB, Province, OtherProvince }

    public static TheoryData<string, Where, bool, bool, bool> Matrix => new()
    {
        // role, where, reads the plan, reads commune A's progress, may post it
        { Roles.CommuneOfficer, Where.CommuneA, true, true, true },
        { Roles.CommuneOfficer, Where.CommuneB, true, false, false },
        { Roles.ProvinceAdmin, Where.Province, true, true, true },
        { Roles.ProvinceAdmin, Where.OtherProvince, false, false, false },
        { Roles.DepartmentOfficer, Where.Province, true, true, false },
        { Roles.Inspector, Where.Province, true, true, false },
        { Roles.InstitutionStaff, Where.CommuneA, true, false, false },
        { Roles.Enterprise, Where.CommuneA, true, false, false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task A_communes_progress_is_read_and_posted_only_within_scope(string role, Where where, bool readsPlan, bool readsProgress, bool mayPost)
    {
        var communeA = await TestData.CommuneAsync("Xã Bình Lư");
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var (ownerName, owner) = await TestData.ActorAsync(Roles.CommuneOfficer, communeA);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var planId = await PlansTestData.PlanAsync(admin);
        var taskId = await PlansTestData.TaskAsync(admin, planId, lead: [owner.Id]);
        var assignment = await TestData.WithDbAsync(db => db.TaskAssignments.Where(a => a.TaskId == taskId).Select(a => a.Id).SingleAsync());
        using var ownerBrowser = await TestBrowser.SignedInAsync(ownerName);
        (await ownerBrowser.PostMultipartAsync($"/Plans/TaskDetails/{taskId}",
            new() { ["AssignmentId"] = assignment.ToString(), ["Data.Status"] = "InProgress", ["Data.Note"] = "Ghi chú riêng của xã A" },
            "Files", "bien-ban.pdf", "%PDF-1.4"u8.ToArray())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var evidence = await TestData.WithDbAsync(db => db.TaskEvidence.Where(e => e.Update.AssignmentId == assignment).Select(e => e.Id).SingleAsync());

        var unit = where switch
        {
            Where.CommuneA => communeA,
            Where.CommuneB => await TestData.CommuneAsync("Xã Tân Uyên"),
            Where.Province => await TestData.ProvinceAsync(),
            _ => await TestData.ProvinceAsync("11"),
        };
        var (user, _) = role == Roles.CommuneOfficer && where == Where.CommuneA ? (ownerName, owner) : await TestData.ActorAsync(role, unit);
        using var browser = await TestBrowser.SignedInAsync(user);

        (await browser.GetAsync($"/Plans/Details/{planId}")).StatusCode.ShouldBe(readsPlan ? HttpStatusCode.OK : HttpStatusCode.NotFound);
        (await browser.GetAsync($"/api/v1/plans/{planId}")).StatusCode.ShouldBe(readsPlan ? HttpStatusCode.OK : HttpStatusCode.NotFound);
        var task = await browser.GetAsync($"/Plans/TaskDetails/{taskId}");
        task.StatusCode.ShouldBe(readsPlan ? HttpStatusCode.OK : HttpStatusCode.NotFound);
        if (readsPlan)
        {
            var text = TestBrowser.HtmlText(await task.Content.ReadAsStringAsync());
            if (readsProgress) text.ShouldContain("Ghi chú riêng của xã A");
            else text.ShouldNotContain("Ghi chú riêng của xã A");
        }
        var download = readsProgress ? HttpStatusCode.OK : HttpStatusCode.NotFound;
        (await browser.GetAsync($"/Plans/TaskDetails/{taskId}?handler=Evidence&file={evidence}")).StatusCode.ShouldBe(download);
        (await browser.GetAsync($"/api/v1/tasks/evidence/{evidence}")).StatusCode.ShouldBe(download);

        var post = await browser.PostJsonAsync($"/api/v1/tasks/assignments/{assignment}/updates", new { status = "Completed", note = "Đã bị sửa" });
        post.StatusCode.ShouldBe(mayPost ? HttpStatusCode.Created : readsProgress ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound);
        if (!mayPost)
            (await TestData.WithDbAsync(db => db.TaskUpdates.CountAsync(u => u.AssignmentId == assignment))).ShouldBe(1);
    }

    [Theory]
    [InlineData(Roles.DepartmentOfficer)]
    [InlineData(Roles.CommuneOfficer)]
    [InlineData(Roles.InstitutionStaff)]
    [InlineData(Roles.Inspector)]
    public async Task Only_the_province_admin_records_plans_and_tasks(string role)
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var planId = await PlansTestData.PlanAsync(admin);
        var (_, department) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        var taskId = await PlansTestData.TaskAsync(admin, planId, lead: [department.Id]);
        var (user, _) = await TestData.ActorAsync(role, role == Roles.CommuneOfficer ? await TestData.CommuneAsync("Xã Bình Lư") : await TestData.ProvinceAsync());
        using var browser = await TestBrowser.SignedInAsync(user);

        foreach (var url in new[] { "/Plans/Create", $"/Plans/Edit/{planId}", $"/Plans/TaskCreate?ke-hoach={planId}", $"/Plans/TaskEdit/{taskId}" })
            (await browser.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, url);
        (await browser.PostJsonAsync("/api/v1/plans", new { title = "X", issuedOn = "2026-01-01" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.PostJsonAsync($"/api/v1/plans/{planId}/tasks", new { number = "9", content = "X", timeFrame = "Yearly" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.Http.PutAsJsonAsync($"/api/v1/tasks/{taskId}", new { number = "9", content = "X", timeFrame = "Yearly" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
