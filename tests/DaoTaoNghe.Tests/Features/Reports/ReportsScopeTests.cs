using System.Net;
using System.Net.Http.Json;
using DaoTaoNghe.Features.Reports;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;

namespace DaoTaoNghe.Tests.Features.Reports;

/// <summary>
/// Every role tries a commune's report by page and by API: its own commune and the province admin
/// write it; province-wide roles read it; everyone else is told it does not exist. Nothing changes
/// when a write is refused.
/// </summary>
public class ReportsScopeTests
{
    public enum Where { CommuneA, CommuneB, Province, OtherProvince }

    public static TheoryData<string, Where, bool, bool> Matrix => new()
    {
        { Roles.CommuneOfficer, Where.CommuneA, true, true },
        { Roles.CommuneOfficer, Where.CommuneB, false, false },
        { Roles.ProvinceAdmin, Where.Province, true, true },
        { Roles.ProvinceAdmin, Where.OtherProvince, false, false },
        { Roles.DepartmentOfficer, Where.Province, true, false },
        { Roles.Inspector, Where.Province, true, false },
        { Roles.InstitutionStaff, Where.CommuneA, false, false },
        { Roles.Enterprise, Where.CommuneA, false, false },
        { Roles.EmploymentCentre, Where.Province, false, false },
        { Roles.SocialPolicyBank, Where.Province, false, false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task A_commune_report_is_read_and_written_only_within_scope(string role, Where where, bool mayRead, bool mayWrite)
    {
        var communeA = await TestData.CommuneAsync("Xã Bình Lư");
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var (ownerName, owner) = await TestData.ActorAsync(Roles.CommuneOfficer, communeA);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var obligation = await ReportsTestData.ObligationAsync(admin, [owner.Id], ReportsTestData.TodayInVietnam.AddDays(5));
        var id = await ReportsTestData.ReportIdAsync(obligation, owner.Id);
        var before = await ReportsTestData.ReportAsync(id);

        var unit = where switch
        {
            Where.CommuneA => communeA,
            Where.CommuneB => await TestData.CommuneAsync("Xã Tân Uyên"),
            Where.Province => await TestData.ProvinceAsync(),
            _ => await TestData.ProvinceAsync("11"),
        };
        var (userName, _) = role == Roles.CommuneOfficer && where == Where.CommuneA ? (ownerName, owner) : await TestData.ActorAsync(role, unit);
        using var browser = await TestBrowser.SignedInAsync(userName);

        var page = await browser.GetAsync($"/Reports/Details/{id}");
        var api = await browser.GetAsync($"/api/v1/reports/{id}");
        var docx = await browser.GetAsync($"/Reports/Details/{id}?handler=Docx");
        var apiDocx = await browser.GetAsync($"/api/v1/reports/{id}/docx");
        var list = TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Reports?yeu-cau={obligation}"));
        var save = await browser.Http.PutAsJsonAsync($"/api/v1/reports/{id}", ReportsTestData.DraftJson(before, [], "Đã bị sửa"));

        foreach (var response in new[] { page, api, docx, apiDocx })
            response.StatusCode.ShouldBe(mayRead ? HttpStatusCode.OK : HttpStatusCode.NotFound, response.RequestMessage!.RequestUri!.ToString());
        if (mayRead) list.ShouldContain(owner.Name);
        else list.ShouldNotContain(owner.Name);
        if (mayWrite)
        {
            save.StatusCode.ShouldBe(HttpStatusCode.NoContent);
            return;
        }
        save.StatusCode.ShouldBe(mayRead ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound);
        (await browser.Http.PostAsync($"/api/v1/reports/{id}/submit", null)).StatusCode.ShouldBe(mayRead ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound);
        if (mayRead)
        {
            var form = await browser.PostFormAsync($"/Reports/Details/{id}", await ReportsTestData.DraftFormAsync(id), $"/Reports/Details/{id}?handler=Submit");
            form.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
        var after = await ReportsTestData.ReportAsync(id);
        after.State.ShouldBe(ReportState.Draft);
        after.Title.ShouldBe(before.Title);
        after.Events.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(Roles.CommuneOfficer)]
    [InlineData(Roles.InstitutionStaff)]
    [InlineData(Roles.EmploymentCentre)]
    [InlineData(Roles.SocialPolicyBank)]
    [InlineData(Roles.Enterprise)]
    public async Task Obligations_and_the_overview_are_for_province_wide_roles_only(string role)
    {
        var (user, organisation) = await TestData.ActorAsync(role, role == Roles.CommuneOfficer ? await TestData.CommuneAsync("Xã Bình Lư") : await TestData.ProvinceAsync());
        var (other, otherOrganisation) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Tân Uyên"));
        using var browser = await TestBrowser.SignedInAsync(user);

        foreach (var url in new[] { "/Reports/Overview", "/Reports/Obligations", "/Reports/Obligations/Create", "/api/v1/obligations" })
            (await browser.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, url);
        (await browser.PostJsonAsync("/api/v1/obligations", new { title = "X" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.GetAsync($"/Reports/Unit/{otherOrganisation.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetAsync($"/Reports/Unit/{organisation.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(Roles.DepartmentOfficer)]
    [InlineData(Roles.Inspector)]
    public async Task Province_wide_readers_see_the_overview_but_cannot_ask_for_reports(string role)
    {
        var (user, _) = await TestData.ProvinceActorAsync(role);
        using var browser = await TestBrowser.SignedInAsync(user);

        (await browser.GetAsync("/Reports/Overview")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync("/Reports/Obligations")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync("/Reports/Obligations/Create")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.PostJsonAsync("/api/v1/obligations", new { title = "X" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_department_officer_drafts_and_sends_its_own_agency_report()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var (officerName, department) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        using var officer = await TestBrowser.SignedInAsync(officerName);
        var obligation = await ReportsTestData.ObligationAsync(admin, [department.Id], ReportsTestData.TodayInVietnam.AddDays(5));

        await ReportsTestData.SubmitByApiAsync(officer, await ReportsTestData.ReportIdAsync(obligation, department.Id));

        (await ReportsTestData.ReportAsync(await ReportsTestData.ReportIdAsync(obligation, department.Id))).State.ShouldBe(ReportState.Submitted);
    }
}

public class PlansAndReportsApiTests
{
    [Fact]
    public async Task The_OpenAPI_document_lists_the_plan_task_obligation_and_report_endpoints()
    {
        var document = await TestApp.OpenApiDocumentAsync();

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[]
                 {
                     "/api/v1/plans", "/api/v1/plans/{id}", "/api/v1/plans/{id}/tasks", "/api/v1/tasks", "/api/v1/tasks/{id}",
                     "/api/v1/tasks/assignments/{assignmentId}/updates", "/api/v1/tasks/evidence/{id}", "/api/v1/obligations", "/api/v1/obligations/{id}",
                     "/api/v1/reports", "/api/v1/reports/{id}", "/api/v1/reports/{id}/submit", "/api/v1/reports/{id}/approve",
                     "/api/v1/reports/{id}/return", "/api/v1/reports/{id}/docx", "/api/v1/reports/{id}/xlsx", "/api/v1/report-templates",
                 })
            paths.ShouldContain(path);
    }
}
