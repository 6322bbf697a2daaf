using System.Net;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Indicators;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Outreach;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.Indicators.IndicatorTestData;

namespace DaoTaoNghe.Tests.Features.Indicators;

/// <summary>The dashboards and targets as users meet them: each indicator beside its target, live numbers, links down, exports.</summary>
public class DashboardTests
{
    [Fact]
    public async Task The_province_admin_sets_targets_and_the_dashboard_shows_each_indicator_beside_its_target()
    {
        var p = await ProvinceAsync();
        using var admin = await AdminAsync(p);
        var (_, organiser) = await ActorAsync(Roles.CommuneOfficer, p.A);
        for (var i = 0; i < 3; i++) await OutreachAsync(p.A, organiser.Id, new DateOnly(2026, 2, 1 + i), 100);
        var html = await admin.GetHtmlAsync($"/Indicators/Targets?don-vi={p.Id}&nam=2026");
        var index = System.Text.RegularExpressions.Regex.Matches(html, "name=\"Data.Items\\[(\\d+)\\].Code\" value=\"([^\"]+)\"")
            .ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value);
        var form = new Dictionary<string, string> { ["Data.UnitId"] = p.Id.ToString(), ["Data.Year"] = "2026" };
        foreach (var (code, i) in index) form[$"Data.Items[{i}].Code"] = code;
        form[$"Data.Items[{index["outreach.events"]}].Value"] = "4";
        form[$"Data.Items[{index["outreach.events"]}].Direction"] = nameof(TargetDirection.AtLeast);
        form[$"Data.Items[{index["outreach.events"]}].Basis"] = "Kế hoạch thử";
        form[$"Data.Items[{index["employment.rate"]}].Value"] = "180";
        form[$"Data.Items[{index["employment.rate"]}].Direction"] = nameof(TargetDirection.AtLeast);
        form[$"Data.Items[{index["jobs.created"]}].Value"] = "100";

        var refused = await admin.PostFormAsync($"/Indicators/Targets?don-vi={p.Id}&nam=2026", form);
        var errors = TestBrowser.HtmlText(await refused.Content.ReadAsStringAsync());
        errors.ShouldContain("Chỉ tiêu \"Tỷ lệ người có việc làm sau đào tạo\" là tỷ lệ, phải từ 0 đến 100%.");
        errors.ShouldContain("Vui lòng chọn hướng (tối thiểu, tối đa, khoảng) cho chỉ tiêu \"Số lao động được giải quyết việc làm\".");
        (await TestData.WithDbAsync(db => db.IndicatorTargets.CountAsync(t => t.UnitId == p.Id))).ShouldBe(0);

        form[$"Data.Items[{index["employment.rate"]}].Value"] = "80";
        form[$"Data.Items[{index["jobs.created"]}].Direction"] = nameof(TargetDirection.AtLeast);
        (await admin.PostFormAsync($"/Indicators/Targets?don-vi={p.Id}&nam=2026", form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var dashboard = TestBrowser.HtmlText(await admin.GetHtmlAsync($"/Indicators?don-vi={p.Id}&nam=2026"));
        var state = TestData.Clock.Year > 2026 ? "Không đạt" : "Đang thực hiện";
        dashboard.ShouldContain($"Số hoạt động tuyên truyền, tư vấn học nghề đã tổ chức 3 hoạt động 4 Kế hoạch thử 75,0% 75,0% {state}");
        var api = await ValuesAsync(admin, "indicator=outreach.events&period=2026");
        var target = Indicator(api, "outreach.events").GetProperty("target");
        target.GetProperty("value").GetDouble().ShouldBe(4);
        target.GetProperty("progress").GetDouble().ShouldBe(0.75);
        target.GetProperty("state").GetString().ShouldBe(TestData.Clock.Year > 2026 ? "Missed" : "InProgress");

        using var officer = await SignInAsync(Roles.CommuneOfficer, p.A);
        (await officer.GetAsync($"/Indicators/Targets?don-vi={p.A.Id}&nam=2026")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await officer.PostFormAsync($"/Indicators/Targets?don-vi={p.A.Id}&nam=2026", new() { ["Data.UnitId"] = p.A.Id.ToString(), ["Data.Year"] = "2026" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_record_saved_a_moment_ago_is_already_counted()
    {
        var p = await ProvinceAsync();
        var (officerName, _) = await ActorAsync(Roles.CommuneOfficer, p.A);
        using var officer = await TestBrowser.SignedInAsync(officerName);
        using var admin = await AdminAsync(p);
        var before = Value(await ValuesAsync(admin, "indicator=outreach.events&period=2026"), "outreach.events");

        await OutreachTests.CreateAsync(officer, p.A.Id, "Tuyên truyền vừa ghi " + TestData.Unique());

        Value(await ValuesAsync(admin, "indicator=outreach.events&period=2026"), "outreach.events").ShouldBe(before + 1);
        TestBrowser.HtmlText(await officer.GetHtmlAsync("/Indicators?nam=2026")).ShouldContain("Số hoạt động tuyên truyền, tư vấn học nghề đã tổ chức 1 hoạt động");
    }

    [Fact]
    public async Task The_commune_breakdown_leads_to_the_communes_dashboard_and_to_the_records_behind_a_number()
    {
        var p = await ProvinceAsync();
        var (_, organiser) = await ActorAsync(Roles.CommuneOfficer, p.B);
        await OutreachAsync(p.B, organiser.Id, new DateOnly(2026, 5, 5), 77);
        using var admin = await AdminAsync(p);

        var html = await admin.GetHtmlAsync($"/Indicators?don-vi={p.Id}&nam=2026");
        html.ShouldContain($"href=\"/Indicators?don-vi={p.B.Id}&amp;nam=2026\"");
        html.ShouldContain($"href=\"/Outreach?nam=2026&amp;xa={p.B.Id}\"");
        TestBrowser.HtmlText(await admin.GetHtmlAsync($"/Indicators?don-vi={p.B.Id}&nam=2026")).ShouldContain($"Bảng chỉ số: Phường Bình {p.Province.Code} – năm 2026");
        TestBrowser.HtmlText(await admin.GetHtmlAsync($"/Outreach?nam=2026&xa={p.B.Id}")).ShouldContain("1 hoạt động, 77 lượt người tham dự.");

        var details = await admin.GetHtmlAsync($"/Indicators/Details?ma=outreach.people&don-vi={p.Id}&nam=2026&theo=Commune");
        details.ShouldContain("id=\"chart-breakdown-data\"");
        details.ShouldContain("type=\"application/json\"");
        details.ShouldContain("/lib/chartjs/chart.umd.min.js");
        TestBrowser.HtmlText(details).ShouldContain($"Phường Bình {p.Province.Code} 77 100,0% Xem hồ sơ");
        (await admin.GetHtmlAsync("/Outreach")).ShouldNotContain("chart.umd.min.js");
    }

    [Fact]
    public async Task Every_dashboard_table_exports_to_xlsx_and_the_export_is_audited()
    {
        var p = await ProvinceAsync();
        var (_, organiser) = await ActorAsync(Roles.CommuneOfficer, p.A);
        await OutreachAsync(p.A, organiser.Id, new DateOnly(2026, 5, 5), 12);
        await LearnerAsync(p, p.A, DaoTaoNghe.Features.Catalogues.Sex.Female, new DateOnly(2026, 3, 3));
        using var admin = await AdminAsync(p);

        var lines = await Xlsx.DownloadAsync(admin, $"/Indicators?handler=Export&don-vi={p.Id}&nam=2026");
        lines.ShouldContain(r => r.Count > 4 && r[1] == "outreach.events" && r[4] == "1");
        var places = Xlsx.ReadRows(await (await admin.GetAsync($"/Indicators?handler=Export&don-vi={p.Id}&nam=2026")).Content.ReadAsByteArrayAsync(), sheet: 1);
        places.ShouldContain(r => r.Count > 1 && r[0] == p.A.Name);
        var breakdown = Xlsx.ReadRows(await (await admin.GetAsync($"/Indicators/Details?handler=Export&ma=learners.registered&don-vi={p.Id}&nam=2026&theo=Sex"))
            .Content.ReadAsByteArrayAsync(), sheet: 2);
        breakdown.ShouldContain(r => r.Count > 1 && r[0] == "Nữ" && r[1] == "1");
        (await Xlsx.DownloadAsync(admin, $"/Indicators/Targets?handler=Export&don-vi={p.Id}&nam=2026")).Count.ShouldBeGreaterThan(10);
        (await Xlsx.DownloadAsync(admin, "/Indicators/Definitions?handler=Export")).ShouldContain(r => r.Count > 0 && r[0] == "training.completed");
        (await Xlsx.DownloadAsync(admin, "/Indicators/Data?handler=Export")).Count.ShouldBe(2);
        var exports = await TestData.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.ProvinceId == p.Id && a.Action == DaoTaoNghe.Infrastructure.Audit.AuditAction.Export));
        exports.ShouldBeGreaterThanOrEqualTo(6);
    }
}
