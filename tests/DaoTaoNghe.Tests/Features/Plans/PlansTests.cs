using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Plans;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DaoTaoNghe.Tests.Features.Plans;

public class PlansTests
{
    [Fact]
    public async Task The_admin_records_a_plan_that_replaces_another_with_the_headings_of_its_appendix()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var old = await PlansTestData.PlanAsync(admin, number: "4656/KH-UBND");
        var title = "Thực hiện Quyết định số 326/QĐ-TTg " + TestData.Unique();

        var response = await admin.PostFormAsync("/Plans/Create", new()
        {
            ["Data.Number"] = "", ["Data.IssuedOn"] = "2026-04-15", ["Data.Title"] = title, ["Data.ReplacesId"] = old.ToString(),
            ["Data.LegalBasis"] = "Quyết định số 326/QĐ-TTg ngày 24/02/2026", ["Data.Sections"] = "I. Nâng cao nhận thức xã hội\nII. Nâng cao hiệu lực quản lý",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var id = int.Parse(response.Headers.Location!.ToString().Split('/').Last());
        var page = TestBrowser.HtmlText(await admin.GetHtmlAsync($"/Plans/Details/{id}"));
        page.ShouldContain("Kế hoạch (chưa ghi số)");
        page.ShouldContain("15/04/2026");
        page.ShouldContain("4656/KH-UBND ngày 01/04/2026");
        page.ShouldContain("I. Nâng cao nhận thức xã hội");
        TestBrowser.HtmlText(await admin.GetHtmlAsync($"/Plans/Details/{old}")).ShouldContain("Đã được thay thế");
        var list = TestBrowser.HtmlText(await admin.GetHtmlAsync("/Plans?q=" + Uri.EscapeDataString(title.Split(' ').Last())));
        list.ShouldContain(title);
    }

    [Fact]
    public async Task Bad_plan_and_task_input_is_refused_field_by_field()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var title = "Kế hoạch lỗi " + TestData.Unique();

        var plan = await admin.PostFormAsync("/Plans/Create", new() { ["Data.IssuedOn"] = "", ["Data.Title"] = title, ["Data.Sections"] = "Nâng cao nhận thức" });
        var planId = await PlansTestData.PlanAsync(admin);
        var task = await admin.PostFormAsync($"/Plans/TaskCreate?ke-hoach={planId}", new()
        {
            ["ke-hoach"] = planId.ToString(), ["Data.Number"] = "1", ["Data.Content"] = "", ["Data.TimeFrame"] = "Period", ["Data.FromYear"] = "2030", ["Data.ToYear"] = "2026",
        });

        var planPage = TestBrowser.HtmlText(await plan.Content.ReadAsStringAsync());
        planPage.ShouldContain("Vui lòng nhập ngày ban hành.");
        planPage.ShouldContain("Các mục của Phụ lục, dòng 1: cần bắt đầu bằng số mục");
        var taskPage = TestBrowser.HtmlText(await task.Content.ReadAsStringAsync());
        taskPage.ShouldContain("Vui lòng nhập nội dung nhiệm vụ.");
        taskPage.ShouldContain("Đến năm phải sau Từ năm.");
        taskPage.ShouldContain("Vui lòng chọn ít nhất một cơ quan chủ trì.");
        (await TestData.WithDbAsync(db => db.Plans.AnyAsync(p => p.Title == title))).ShouldBeFalse();
        (await TestData.WithDbAsync(db => db.PlanTasks.AnyAsync(t => t.PlanId == planId))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_group_party_gives_every_member_its_own_assignment_and_bodies_outside_the_system_stay_text()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var (_, department) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var planId = await PlansTestData.PlanAsync(admin);
        var sectionId = await TestData.WithDbAsync(db => db.PlanSections.Where(s => s.PlanId == planId && s.Code == "II").Select(s => s.Id).SingleAsync());

        var taskId = await PlansTestData.TaskAsync(admin, planId, lead: [department.Id], coordinatingGroups: ["CommuneGovernments"],
            sectionId: sectionId, timeFrame: "Period", coordinatingOthers: "Hiệp hội doanh nghiệp tỉnh; Doanh nghiệp");

        var communes = await TestData.WithDbAsync(db => db.Organisations
            .Where(o => o.Kind == OrganisationKind.CommuneGovernment && o.IsActive && o.Province.Code == TestData.LaiChau).Select(o => o.Id).ToListAsync());
        var assignments = await TestData.WithDbAsync(db => db.TaskAssignments.Where(a => a.TaskId == taskId).ToListAsync());
        assignments.Single(a => a.Role == PartyRole.Lead).OrganisationId.ShouldBe(department.Id);
        assignments.Where(a => a.Role == PartyRole.Coordinating).Select(a => a.OrganisationId).Order().ShouldBe(communes.Order());
        var page = TestBrowser.HtmlText(await admin.GetHtmlAsync($"/Plans/TaskDetails/{taskId}"));
        page.ShouldContain("Nhiệm vụ II.1");
        page.ShouldContain("Chưa có trong hệ thống (không giao tự động): Hiệp hội doanh nghiệp tỉnh; Doanh nghiệp");
        page.ShouldContain("Giai đoạn");

        var (_, newcomer) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Bình Lư"));
        (await admin.PostFormAsync($"/Plans/Details/{planId}", [], $"/Plans/Edit/{planId}?handler=Sync")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.WithDbAsync(db => db.TaskAssignments.AnyAsync(a => a.TaskId == taskId && a.OrganisationId == newcomer.Id))).ShouldBeTrue();

        // The same through the API: one more commune, one more assignment; again, nothing.
        var (_, later) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Tân Uyên"));
        var synced = await admin.PostJsonAsync($"/api/v1/plans/{planId}/assignments/sync", new { });
        (await synced.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("added").GetInt32().ShouldBe(1);
        (await TestData.WithDbAsync(db => db.TaskAssignments.AnyAsync(a => a.TaskId == taskId && a.OrganisationId == later.Id))).ShouldBeTrue();
        var again = await (await admin.Http.PostAsync($"/api/v1/plans/{planId}/assignments/sync", null)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        again.GetProperty("added").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task An_agency_posts_progress_with_evidence_and_sees_only_its_own_tasks()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var (officerName, commune) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Bình Lư"));
        var (_, otherCommune) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Tân Uyên"));
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var planId = await PlansTestData.PlanAsync(admin);
        var marker = TestData.Unique();
        var mine = await PlansTestData.TaskAsync(admin, planId, lead: [commune.Id], content: "Nhiệm vụ của Bình Lư " + marker);
        await PlansTestData.TaskAsync(admin, planId, lead: [otherCommune.Id], content: "Nhiệm vụ của Tân Uyên " + marker);
        using var officer = await TestBrowser.SignedInAsync(officerName);
        var assignment = await TestData.WithDbAsync(db => db.TaskAssignments.Where(a => a.TaskId == mine).Select(a => a.Id).SingleAsync());
        var pdf = "%PDF-1.4 biên bản hội nghị"u8.ToArray();

        var response = await officer.PostMultipartAsync($"/Plans/TaskDetails/{mine}", new()
        {
            ["AssignmentId"] = assignment.ToString(), ["Data.Status"] = "InProgress", ["Data.Note"] = "Đã tổ chức 3 hội nghị tại các bản.",
        }, "Files", "bien-ban.pdf", pdf);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var page = await officer.GetHtmlAsync($"/Plans/TaskDetails/{mine}");
        TestBrowser.HtmlText(page).ShouldContain("Đã tổ chức 3 hội nghị tại các bản.");
        var evidence = await TestData.WithDbAsync(db => db.TaskEvidence.Where(e => e.Update.AssignmentId == assignment).SingleAsync());
        var download = await officer.GetAsync($"/Plans/TaskDetails/{mine}?handler=Evidence&file={evidence.Id}");
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(pdf);
        (await TestData.WithDbAsync(db => db.TaskAssignments.SingleAsync(a => a.Id == assignment))).Status.ShouldBe(AssignmentStatus.InProgress);

        var list = TestBrowser.HtmlText(await officer.GetHtmlAsync("/Plans/Tasks?q=" + marker));
        list.ShouldContain("Nhiệm vụ của Bình Lư");
        list.ShouldNotContain("Nhiệm vụ của Tân Uyên");
        var rows = await Xlsx.DownloadAsync(officer, "/Plans/Tasks?handler=Export&q=" + marker);
        rows.Count.ShouldBe(3);
        rows[2][3].ShouldBe(commune.Name);
        rows[2][7].ShouldBe("Đang thực hiện");
        var adminList = TestBrowser.HtmlText(await admin.GetHtmlAsync($"/Plans/Tasks?q={marker}"));
        adminList.ShouldContain("Nhiệm vụ của Tân Uyên");
    }

    [Fact]
    public async Task A_refused_update_leaves_no_record_and_no_file()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var (officerName, commune) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Bình Lư"));
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var taskId = await PlansTestData.TaskAsync(admin, await PlansTestData.PlanAsync(admin), lead: [commune.Id]);
        var assignment = await TestData.WithDbAsync(db => db.TaskAssignments.Where(a => a.TaskId == taskId).Select(a => a.Id).SingleAsync());
        using var officer = await TestBrowser.SignedInAsync(officerName);
        var root = TestApp.Instance.Services.GetRequiredService<IConfiguration>()["Files:Root"]!;
        int FilesOnDisk() => Directory.Exists(root) ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).Length : 0;
        var filesBefore = FilesOnDisk();

        var noNote = await officer.PostMultipartAsync($"/Plans/TaskDetails/{taskId}",
            new() { ["AssignmentId"] = assignment.ToString(), ["Data.Status"] = "Completed", ["Data.Note"] = "" }, "Files", "anh.jpg", [1, 2, 3]);
        var badFile = await officer.PostMultipartAsync($"/Plans/TaskDetails/{taskId}",
            new() { ["AssignmentId"] = assignment.ToString(), ["Data.Status"] = "Completed", ["Data.Note"] = "Xong" }, "Files", "virus.exe", [1, 2, 3]);

        TestBrowser.HtmlText(await noNote.Content.ReadAsStringAsync()).ShouldContain("Vui lòng nhập nội dung cập nhật");
        TestBrowser.HtmlText(await badFile.Content.ReadAsStringAsync()).ShouldContain("Không nhận tệp \"virus.exe\"");
        (await TestData.WithDbAsync(db => db.TaskUpdates.AnyAsync(u => u.AssignmentId == assignment))).ShouldBeFalse();
        (await TestData.WithDbAsync(db => db.TaskAssignments.SingleAsync(a => a.Id == assignment))).Status.ShouldBe(AssignmentStatus.NotStarted);
        FilesOnDisk().ShouldBe(filesBefore);
    }

    [Fact]
    public async Task The_April_2026_appendix_data_holds_every_task_and_names_only_bodies_of_the_demo()
    {
        using var stream = typeof(DaoTaoNghe.Demo.PlansDemoSeeder).Assembly.GetManifestResourceStream("PlanDemoData/ke-hoach-thang-4-2026-phu-luc.json")!;
        var appendix = await JsonDocument.ParseAsync(stream);
        var tasks = appendix.RootElement.GetProperty("tasks").EnumerateArray().ToList();
        var bodies = DaoTaoNghe.Demo.OrganisationsDemoSeeder.ProvincialBodies.Select(b => b.Name).Append("Trường Cao đẳng Lai Châu").ToHashSet();

        appendix.RootElement.GetProperty("sections").GetArrayLength().ShouldBe(4);
        tasks.Count.ShouldBe(34);
        tasks.GroupBy(t => t.GetProperty("section").GetString()).Select(g => g.Count()).ShouldBe([6, 10, 6, 12]);
        foreach (var task in tasks)
        {
            task.GetProperty("lead").GetArrayLength().ShouldBeGreaterThan(0);
            foreach (var party in task.GetProperty("lead").EnumerateArray().Concat(task.GetProperty("coordinating").EnumerateArray()))
                if (party.TryGetProperty("organisation", out var name)) bodies.ShouldContain(name.GetString()!);
        }
    }
}
