using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Outreach;
using DaoTaoNghe.Features.Reports;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.Reports;

/// <summary>Arranges reporting data for a test: obligations through the API, outreach records in a period no other test uses.</summary>
public static class ReportsTestData
{
    public static DateOnly TodayInVietnam => TestData.Clock.Today;

    /// <summary>An ad hoc obligation created by the province admin through the API; returns its id.</summary>
    public static async Task<int> ObligationAsync(TestBrowser admin, IReadOnlyCollection<int> reporters, DateOnly due,
        DateOnly? start = null, DateOnly? end = null, string template = "ket-qua-thuc-hien-ke-hoach", IReadOnlyCollection<int>? sources = null,
        string[]? groups = null, int remindBefore = 5, int remindAfter = 1, int? planId = null)
    {
        var response = await admin.PostJsonAsync("/api/v1/obligations", new
        {
            title = "Báo cáo thử " + TestData.Unique(), templateCode = template, planId, periodKind = "AdHoc", periodYear = (start ?? due).Year,
            periodStart = (start ?? due.AddDays(-30)).ToString("yyyy-MM-dd"), periodEnd = (end ?? due.AddDays(-1)).ToString("yyyy-MM-dd"),
            dueOn = due.ToString("yyyy-MM-dd"), receiverName = "Sở Giáo dục và Đào tạo tỉnh Lai Châu",
            reporterGroups = groups ?? [], reporterOrganisationIds = reporters, sourceIds = sources ?? [],
            remindDaysBefore = remindBefore, remindDaysAfter = remindAfter,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    public static Task<int> ReportIdAsync(int obligationId, int organisationId) =>
        TestData.WithDbAsync(db => db.Reports.Where(r => r.ObligationId == obligationId && r.OrganisationId == organisationId).Select(r => r.Id).SingleAsync());

    public static Task<Report> ReportAsync(int id) =>
        TestData.WithDbAsync(db => db.Reports.AsNoTracking().Include(r => r.Events).Include(r => r.Figures).SingleAsync(r => r.Id == id));

    /// <summary>An outreach activity recorded directly, as the organiser would have.</summary>
    public static Task AddOutreachAsync(int communeId, Organisation organiser, DateOnly heldOn, int participants) =>
        TestData.WithDbAsync(async db =>
        {
            var outreach = new OutreachEvent { CommuneId = communeId, OrganisationId = organiser.Id, HeldOn = heldOn, Channel = OutreachChannel.Meeting, Participants = participants };
            outreach.SetTitle("Tuyên truyền học nghề " + TestData.Unique());
            db.OutreachEvents.Add(outreach);
            await db.SaveChangesAsync();
        });

    /// <summary>The form of a report's page with its narrative sections filled in (index order), as a browser posts it.</summary>
    public static async Task<Dictionary<string, string>> DraftFormAsync(int reportId, string text = "Đã triển khai đầy đủ các nội dung.")
    {
        var report = await TestData.WithDbAsync(db => db.Reports.AsNoTracking().Include(r => r.Sections).SingleAsync(r => r.Id == reportId));
        var form = new Dictionary<string, string>
        {
            ["Data.Title"] = report.Title, ["Data.Symbol"] = report.Symbol, ["Data.Place"] = report.Place,
            ["Data.SignerAuthority"] = report.SignerAuthority, ["Data.SignerName"] = "Lò Văn Thử", ["Data.Recipients"] = report.Recipients,
        };
        var narratives = report.Sections.Where(s => s.Kind == SectionKind.Narrative).OrderBy(s => s.Order).ToList();
        for (var i = 0; i < narratives.Count; i++)
        {
            form[$"Data.Sections[{i}].Id"] = narratives[i].Id.ToString();
            form[$"Data.Sections[{i}].Text"] = text;
        }
        return form;
    }

    public static async Task<JsonElement> ReportJsonAsync(TestBrowser browser, int id)
    {
        var response = await browser.GetAsync($"/api/v1/reports/{id}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static long Figure(JsonElement report, string code) =>
        report.GetProperty("report").GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("code").GetString() == code).GetProperty("value").GetInt64();

    public static object DraftJson(Report report, IEnumerable<ReportSection> narratives, string text = "Đã triển khai đầy đủ.") => new
    {
        title = report.Title, symbol = report.Symbol, place = report.Place, signerAuthority = report.SignerAuthority, recipients = report.Recipients,
        sections = narratives.OrderBy(s => s.Order).Select(s => new { id = s.Id, text }),
    };

    /// <summary>Fills a report's narratives and submits it through the API, as its organisation.</summary>
    public static async Task SubmitByApiAsync(TestBrowser reporter, int reportId)
    {
        var report = await TestData.WithDbAsync(db => db.Reports.AsNoTracking().Include(r => r.Sections).SingleAsync(r => r.Id == reportId));
        var saved = await reporter.Http.PutAsJsonAsync($"/api/v1/reports/{reportId}", DraftJson(report, report.Sections.Where(s => s.Kind == SectionKind.Narrative)));
        saved.StatusCode.ShouldBe(HttpStatusCode.NoContent, await saved.Content.ReadAsStringAsync());
        var submitted = await reporter.Http.PostAsync($"/api/v1/reports/{reportId}/submit", null);
        submitted.StatusCode.ShouldBe(HttpStatusCode.NoContent, await submitted.Content.ReadAsStringAsync());
    }
}
