using System.Net;
using DaoTaoNghe.Features.Indicators;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DaoTaoNghe.Tests.Features.Indicators.IndicatorTestData;

namespace DaoTaoNghe.Tests.Features.Indicators;

/// <summary>
/// The province admin's "Tính lại số liệu chỉ tiêu" page: the button starts a rebuild in the background, the page
/// follows it, then lists the value that was kept wrongly beside the count from the records, and the dashboard is repaired.
/// In the maintained values' collection: another rebuild running at the same time would repair the planted value first.
/// </summary>
[Collection(MaintainedValuesTests.Collection)]
public class RebuildPageTests
{
    [Fact]
    public async Task The_admin_starts_a_rebuild_follows_its_progress_and_sees_the_wrong_value_it_repaired()
    {
        var p = await ProvinceAsync();
        using var admin = await AdminAsync(p);
        await LearnerAsync(p, p.B, Sex.Male, new DateOnly(2026, 3, 2));
        var runner = TestApp.Instance.Services.GetRequiredService<MaintainedValuesRunner>();
        await runner.RebuildAsync("thử");
        var query = $"indicator=learners.registered&unit={p.B.Id}&period=2026";
        await TestData.WithDbAsync(db => db.IndicatorCells.Where(c => c.Computation == "learners.registered" && c.CommuneId == p.B.Id && c.Year == 2026
            && c.Dimension == null && c.Month == 0).ExecuteUpdateAsync(s => s.SetProperty(c => c.Value, 7)));
        Value(await ValuesAsync(admin, query), "learners.registered").ShouldBe(7);

        var started = await admin.PostFormAsync("/Indicators/Rebuild", []);
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        TestBrowser.HtmlText(await admin.GetHtmlAsync("/Indicators/Rebuild")).ShouldContain("Đã yêu cầu tính lại số liệu chỉ tiêu");

        // Polled, not slept: the worker picks the request up within a poll; the bound only stops a broken worker from hanging the suite.
        var html = "";
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            html = await admin.GetHtmlAsync("/Indicators/Rebuild");
            if (html.Contains("data-rebuild-state=\"idle\"", StringComparison.Ordinal)) break;
            await Task.Delay(100);
        }
        html.ShouldContain("data-rebuild-state=\"idle\"");
        var text = TestBrowser.HtmlText(html);
        html.ShouldContain("<button type=\"submit\" class=\"btn btn-primary\">", customMessage: "the button is back once the rebuild is done");
        // The planted value, kept 7 where the records give 1: indicator, year, month, commune, breakdown, kept, recomputed.
        text.ShouldContain($" Số người học được đăng ký mới 2026 Cả năm {p.B.Name} Tổng số 7 1 ");
        Value(await ValuesAsync(admin, query), "learners.registered").ShouldBe(1);

        (await TestData.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .CountAsync(a => a.EntityType == nameof(IndicatorCellsState) && a.Action == AuditAction.Update && a.ProvinceId == p.Id))).ShouldBe(1);
    }

    [Fact]
    public async Task Only_the_province_admin_may_open_the_page()
    {
        var p = await ProvinceAsync();
        using var officer = await SignInAsync(Roles.DepartmentOfficer, p.Province);
        var response = await officer.GetAsync("/Indicators/Rebuild");
        response.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
    }
}
