using DaoTaoNghe.Features.Indicators;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Reports;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.Reports;

public class ReportsTests
{
    [Fact]
    public async Task An_obligation_creates_a_prefilled_draft_for_every_reporting_unit_and_no_other()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var muongKim = await TestData.CommuneAsync("Xã Mường Kim");
        var taMung = await TestData.OldCommuneAsync("Xã Tà Mung");
        var (officer, commune) = await TestData.ActorAsync(Roles.CommuneOfficer, muongKim);
        var (_, department) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        var (_, otherDepartment) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        await ReportsTestData.AddOutreachAsync(taMung.Id, commune, new DateOnly(2016, 3, 10), 40);
        await ReportsTestData.AddOutreachAsync(taMung.Id, commune, new DateOnly(2016, 4, 2), 25);
        await ReportsTestData.AddOutreachAsync(taMung.Id, commune, new DateOnly(2016, 6, 1), 999);
        await ReportsTestData.AddOutreachAsync((await TestData.CommuneAsync("Xã Bình Lư")).Id, department, new DateOnly(2016, 3, 20), 30);
        using var admin = await TestBrowser.SignedInAsync(adminName);

        var id = await ReportsTestData.ObligationAsync(admin, [department.Id], ReportsTestData.TodayInVietnam.AddDays(10),
            new DateOnly(2016, 3, 1), new DateOnly(2016, 4, 30), groups: ["CommuneGovernments"]);

        var communeGovernments = await TestData.WithDbAsync(db => db.Organisations
            .Where(o => o.Kind == OrganisationKind.CommuneGovernment && o.IsActive && o.Province.Code == TestData.LaiChau).Select(o => o.Id).ToListAsync());
        var reporters = await TestData.WithDbAsync(db => db.Reports.Where(r => r.ObligationId == id).Select(r => r.OrganisationId).ToListAsync());
        reporters.Order().ShouldBe(communeGovernments.Append(department.Id).Order());
        reporters.ShouldNotContain(otherDepartment.Id);

        var own = await ReportsTestData.ReportAsync(await ReportsTestData.ReportIdAsync(id, commune.Id));
        own.State.ShouldBe(ReportState.Draft);
        own.Figures.Single(f => f.Code == ReportFigures.OutreachEvents).Value.ShouldBe(2);
        own.Figures.Single(f => f.Code == ReportFigures.OutreachPeople).Value.ShouldBe(65);
        own.Place.ShouldBe("Mường Kim");
        own.Events.Single().Action.ShouldBe(ReportAction.Created);
        var departmentReport = await ReportsTestData.ReportAsync(await ReportsTestData.ReportIdAsync(id, department.Id));
        departmentReport.Figures.Single(f => f.Code == ReportFigures.OutreachPeople).Value.ShouldBe(30);

        using var browser = await TestBrowser.SignedInAsync(officer);
        var page = TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Reports/Details/{own.Id}"));
        page.ShouldContain("Đang soạn");
        page.ShouldContain("Số lượt người được tuyên truyền, tư vấn lượt người 65");
        page.ShouldContain("Kết quả nổi bật; tồn tại, hạn chế và nguyên nhân.");
    }

    [Fact]
    public async Task The_provincial_government_reports_the_whole_province_including_communes_before_the_merger()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var province = await TestData.ProvinceAsync();
        var (_, commune) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Bình Lư"));
        await ReportsTestData.AddOutreachAsync((await TestData.CommuneAsync("Xã Tân Uyên")).Id, commune, new DateOnly(2019, 2, 3), 11);
        await ReportsTestData.AddOutreachAsync((await TestData.OldCommuneAsync("Xã Tà Mung")).Id, commune, new DateOnly(2019, 2, 4), 22);
        await ReportsTestData.AddOutreachAsync((await TestData.OldCommuneAsync("Xã Tà Mung")).Id, commune, new DateOnly(2019, 3, 4), 500);
        var government = await TestData.OrganisationAsync(OrganisationKind.ProvincialGovernment, province);
        using var admin = await TestBrowser.SignedInAsync(adminName);

        var obligation = await ReportsTestData.ObligationAsync(admin, [government.Id], ReportsTestData.TodayInVietnam.AddDays(5),
            new DateOnly(2019, 2, 1), new DateOnly(2019, 2, 28));

        var report = await ReportsTestData.ReportAsync(await ReportsTestData.ReportIdAsync(obligation, government.Id));
        report.Figures.Single(f => f.Code == ReportFigures.OutreachEvents).Value.ShouldBe(2);
        report.Figures.Single(f => f.Code == ReportFigures.OutreachPeople).Value.ShouldBe(33);
        report.Place.ShouldBe("Lai Châu");
        report.Symbol.ShouldBe("BC-UBND");
    }

    [Fact]
    public async Task A_report_is_submitted_returned_resubmitted_and_approved_and_wrong_roles_are_refused()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var (officerName, commune) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Bình Lư"));
        var (otherCommuneName, _) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Tân Uyên"));
        var (departmentName, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        var (inspectorName, _) = await TestData.ProvinceActorAsync(Roles.Inspector);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        using var officer = await TestBrowser.SignedInAsync(officerName);
        var obligation = await ReportsTestData.ObligationAsync(admin, [commune.Id], ReportsTestData.TodayInVietnam.AddDays(5));
        var id = await ReportsTestData.ReportIdAsync(obligation, commune.Id);
        var url = $"/Reports/Details/{id}";

        var empty = await officer.PostFormAsync(url, await ReportsTestData.DraftFormAsync(id, text: ""), url + "?handler=Submit");
        TestBrowser.HtmlText(await empty.Content.ReadAsStringAsync()).ShouldContain("Mục \"I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI THỰC HIỆN\" chưa có nội dung.");
        (await ReportsTestData.ReportAsync(id)).State.ShouldBe(ReportState.Draft);

        (await officer.PostFormAsync(url, await ReportsTestData.DraftFormAsync(id), url + "?handler=Submit")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var submitted = await ReportsTestData.ReportAsync(id);
        submitted.State.ShouldBe(ReportState.Submitted);
        submitted.FirstSubmittedAt.ShouldNotBeNull();

        foreach (var name in new[] { officerName, departmentName, inspectorName })
        {
            using var wrong = await TestBrowser.SignedInAsync(name);
            (await wrong.PostJsonAsync($"/api/v1/reports/{id}/approve", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden, name);
            (await wrong.PostJsonAsync($"/api/v1/reports/{id}/return", new { comment = "Sai" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden, name);
        }
        using (var other = await TestBrowser.SignedInAsync(otherCommuneName))
            (await other.PostJsonAsync($"/api/v1/reports/{id}/approve", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await officer.Http.PostAsync($"/api/v1/reports/{id}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var noComment = await admin.PostJsonAsync($"/api/v1/reports/{id}/return", new { comment = " " });
        noComment.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noComment.Content.ReadAsStringAsync()).ShouldContain("Vui lòng ghi ý kiến trả lại");
        (await admin.PostFormAsync(url, new() { ["ReviewData.Comment"] = "Bổ sung số lớp theo từng nghề." }, url + "?handler=Return"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ReportsTestData.ReportAsync(id)).State.ShouldBe(ReportState.Returned);
        TestBrowser.HtmlText(await officer.GetHtmlAsync(url)).ShouldContain("Báo cáo bị trả lại: Bổ sung số lớp theo từng nghề.");
        var told = TestBrowser.HtmlText(await officer.GetHtmlAsync("/Notifications"));
        told.ShouldContain("Báo cáo bị trả lại: ");
        told.ShouldContain("Ý kiến: Bổ sung số lớp theo từng nghề.");

        (await officer.PostFormAsync(url, await ReportsTestData.DraftFormAsync(id, "Đã bổ sung số lớp."), url + "?handler=Submit"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.PostFormAsync(url, new() { ["ReviewData.Comment"] = "" }, url + "?handler=Approve")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        TestBrowser.HtmlText(await officer.GetHtmlAsync("/Notifications")).ShouldContain("Báo cáo đã được duyệt: ");

        var approved = await ReportsTestData.ReportAsync(id);
        approved.State.ShouldBe(ReportState.Approved);
        approved.FirstSubmittedAt.ShouldBe(submitted.FirstSubmittedAt);
        approved.LastSubmittedAt!.Value.ShouldBeGreaterThan(submitted.FirstSubmittedAt!.Value);
        approved.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => e.Action).ShouldBe(
            [ReportAction.Created, ReportAction.Submitted, ReportAction.Returned, ReportAction.Resubmitted, ReportAction.Approved]);
        approved.Events.Single(e => e.Action == ReportAction.Returned).Comment.ShouldBe("Bổ sung số lớp theo từng nghề.");
        (await officer.PostFormAsync(url, await ReportsTestData.DraftFormAsync(id), url + "?handler=Submit")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var history = TestBrowser.HtmlText(await officer.GetHtmlAsync(url));
        history.ShouldContain("Gửi lại");
        history.ShouldContain("Đã duyệt");
    }

    [Fact]
    public async Task Timeliness_is_computed_from_submission_times_across_the_deadline()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var (officerName, commune) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Bình Lư"));
        using var admin = await TestBrowser.SignedInAsync(adminName);
        using var officer = await TestBrowser.SignedInAsync(officerName);
        var today = ReportsTestData.TodayInVietnam;
        var late = await ReportsTestData.ObligationAsync(admin, [commune.Id], today.AddDays(-1));
        var onTime = await ReportsTestData.ObligationAsync(admin, [commune.Id], today);
        var missing = await ReportsTestData.ObligationAsync(admin, [commune.Id], today.AddDays(-1));
        var notDue = await ReportsTestData.ObligationAsync(admin, [commune.Id], today.AddDays(1));

        await ReportsTestData.SubmitByApiAsync(officer, await ReportsTestData.ReportIdAsync(late, commune.Id));
        await ReportsTestData.SubmitByApiAsync(officer, await ReportsTestData.ReportIdAsync(onTime, commune.Id));

        async Task<string> TimelinessAsync(int obligation) =>
            (await ReportsTestData.ReportJsonAsync(officer, await ReportsTestData.ReportIdAsync(obligation, commune.Id))).GetProperty("timeliness").GetString()!;
        (await TimelinessAsync(late)).ShouldBe(nameof(Timeliness.Late));
        (await TimelinessAsync(onTime)).ShouldBe(nameof(Timeliness.OnTime));
        (await TimelinessAsync(missing)).ShouldBe(nameof(Timeliness.Missing));
        (await TimelinessAsync(notDue)).ShouldBe(nameof(Timeliness.NotDue));

        var obligation = await admin.Http.GetFromJsonAsync<JsonElement>($"/api/v1/obligations/{late}");
        obligation.GetProperty("summary").GetProperty("late").GetInt32().ShouldBe(1);
        obligation.GetProperty("summary").GetProperty("completeness").GetDouble().ShouldBe(1);
        var details = TestBrowser.HtmlText(await admin.GetHtmlAsync($"/Reports/Obligations/Details/{missing}"));
        details.ShouldContain("Quá hạn, chưa gửi");
        var unit = TestBrowser.HtmlText(await officer.GetHtmlAsync($"/Reports/Unit/{commune.Id}"));
        unit.ShouldContain("Trễ hạn");
        unit.ShouldContain("Đúng hạn");
        unit.ShouldContain("Chưa đến hạn");
        // Each obligation is of its due date's year: yesterday's is of last year on 1 January.
        var overview = WebUtility.HtmlDecode(await admin.GetHtmlAsync($"/Reports/Overview?nam={today.AddDays(-1).Year}"));
        overview.ShouldContain($"href=\"/Reports/Details/{await ReportsTestData.ReportIdAsync(late, commune.Id)}\">Trễ hạn");
        overview = WebUtility.HtmlDecode(await admin.GetHtmlAsync($"/Reports/Overview?nam={today.Year}"));
        overview.ShouldContain($"href=\"/Reports/Details/{await ReportsTestData.ReportIdAsync(onTime, commune.Id)}\">Đúng hạn");
    }

    [Fact]
    public async Task Extending_a_deadline_applies_to_reports_already_sent_and_each_unit_reads_its_own_record_over_the_API()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var (officerName, commune) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Bình Lư"));
        var (otherName, _) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Tân Uyên"));
        using var admin = await TestBrowser.SignedInAsync(adminName);
        using var officer = await TestBrowser.SignedInAsync(officerName);
        using var other = await TestBrowser.SignedInAsync(otherName);
        var today = ReportsTestData.TodayInVietnam;
        var obligation = await ReportsTestData.ObligationAsync(admin, [commune.Id], today.AddDays(-2));
        var reportId = await ReportsTestData.ReportIdAsync(obligation, commune.Id);
        await ReportsTestData.SubmitByApiAsync(officer, reportId);
        (await ReportsTestData.ReportJsonAsync(officer, reportId)).GetProperty("timeliness").GetString().ShouldBe(nameof(Timeliness.Late));

        var refused = await officer.Http.PutAsJsonAsync($"/api/v1/obligations/{obligation}",
            new { title = "Gia hạn", dueOn = today.ToString("yyyy-MM-dd"), remindDaysBefore = 0, remindDaysAfter = 0 });
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var badDate = await admin.Http.PutAsJsonAsync($"/api/v1/obligations/{obligation}",
            new { title = "Gia hạn", dueOn = today.AddYears(-1).ToString("yyyy-MM-dd"), remindDaysBefore = 0, remindDaysAfter = 0 });
        badDate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badDate.Content.ReadAsStringAsync()).ShouldContain("Hạn gửi báo cáo phải từ ngày");
        var extended = await admin.Http.PutAsJsonAsync($"/api/v1/obligations/{obligation}",
            new { title = "Báo cáo thử (gia hạn)", dueOn = today.ToString("yyyy-MM-dd"), remindDaysBefore = 0, remindDaysAfter = 0 });
        extended.StatusCode.ShouldBe(HttpStatusCode.NoContent, await extended.Content.ReadAsStringAsync());

        (await ReportsTestData.ReportJsonAsync(officer, reportId)).GetProperty("timeliness").GetString().ShouldBe(nameof(Timeliness.OnTime));
        var unit = await officer.Http.GetFromJsonAsync<JsonElement>($"/api/v1/reports/units/{commune.Id}");
        unit.GetProperty("organisationName").GetString().ShouldBe(commune.Name);
        var line = unit.GetProperty("reports").EnumerateArray().Single(r => r.GetProperty("id").GetInt32() == reportId);
        line.GetProperty("timeliness").GetString().ShouldBe(nameof(Timeliness.OnTime));
        (await other.GetAsync($"/api/v1/reports/units/{commune.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_province_report_is_the_sum_of_the_approved_reports_below_it()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var province = await TestData.ProvinceAsync();
        var communes = new[] { "Xã Bình Lư", "Xã Tân Uyên", "Xã Mường Kim" };
        var actors = new List<(string Name, Organisation Organisation, int CommuneId)>();
        foreach (var name in communes)
        {
            var unit = await TestData.CommuneAsync(name);
            var (user, organisation) = await TestData.ActorAsync(Roles.CommuneOfficer, unit);
            actors.Add((user, organisation, unit.Id));
        }
        var start = new DateOnly(2017, 5, 1);
        await ReportsTestData.AddOutreachAsync(actors[0].CommuneId, actors[0].Organisation, start.AddDays(1), 30);
        await ReportsTestData.AddOutreachAsync(actors[0].CommuneId, actors[0].Organisation, start.AddDays(2), 20);
        await ReportsTestData.AddOutreachAsync(actors[1].CommuneId, actors[1].Organisation, start.AddDays(3), 15);
        await ReportsTestData.AddOutreachAsync(actors[2].CommuneId, actors[2].Organisation, start.AddDays(4), 100);
        var government = await TestData.OrganisationAsync(OrganisationKind.ProvincialGovernment, province);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var due = ReportsTestData.TodayInVietnam.AddDays(3);
        var source = await ReportsTestData.ObligationAsync(admin, actors.Select(a => a.Organisation.Id).ToList(), due, start, start.AddDays(29));
        var reports = new List<int>();
        foreach (var actor in actors)
        {
            using var reporter = await TestBrowser.SignedInAsync(actor.Name);
            var id = await ReportsTestData.ReportIdAsync(source, actor.Organisation.Id);
            await ReportsTestData.SubmitByApiAsync(reporter, id);
            reports.Add(id);
        }
        foreach (var id in reports.Take(2))
            (await admin.PostJsonAsync($"/api/v1/reports/{id}/approve", new { })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var aggregate = await ReportsTestData.ObligationAsync(admin, [government.Id], due.AddDays(10), start, start.AddDays(29),
            template: "tong-hop-cua-tinh", sources: [source]);
        var provinceReport = await ReportsTestData.ReportIdAsync(aggregate, government.Id);

        var json = await ReportsTestData.ReportJsonAsync(admin, provinceReport);
        var approved = new List<JsonElement>();
        foreach (var id in reports.Take(2)) approved.Add(await ReportsTestData.ReportJsonAsync(admin, id));
        ReportsTestData.Figure(json, ReportFigures.OutreachEvents).ShouldBe(approved.Sum(r => ReportsTestData.Figure(r, ReportFigures.OutreachEvents)));
        ReportsTestData.Figure(json, ReportFigures.OutreachPeople).ShouldBe(approved.Sum(r => ReportsTestData.Figure(r, ReportFigures.OutreachPeople)));
        ReportsTestData.Figure(json, ReportFigures.OutreachPeople).ShouldBe(65);
        json.GetProperty("report").GetProperty("sourceFigures").EnumerateArray().Select(f => f.GetProperty("reportId").GetInt32()).Distinct().Order()
            .ShouldBe(reports.Take(2).Order());

        (await admin.PostJsonAsync($"/api/v1/reports/{reports[2]}/approve", new { })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var draft = await TestData.WithDbAsync(db => db.Reports.AsNoTracking().Include(r => r.Sections).SingleAsync(r => r.Id == provinceReport));
        (await admin.Http.PutAsJsonAsync($"/api/v1/reports/{provinceReport}", ReportsTestData.DraftJson(draft, draft.Sections.Where(s => s.Kind == SectionKind.Narrative))))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var refreshed = await ReportsTestData.ReportJsonAsync(admin, provinceReport);
        ReportsTestData.Figure(refreshed, ReportFigures.OutreachEvents).ShouldBe(4);
        ReportsTestData.Figure(refreshed, ReportFigures.OutreachPeople).ShouldBe(165);
        var docx = DocxText.Read(await (await admin.GetAsync($"/Reports/Details/{provinceReport}?handler=Docx")).Content.ReadAsByteArrayAsync());
        docx.ShouldContain(" | Tổng cộng | 4 | 165 | 0 | 0 | 0");
        docx.ShouldContain("Số liệu tổng hợp từ 3 báo cáo đã được duyệt.");
    }

    [Fact]
    public async Task A_report_downloads_as_a_docx_in_the_administrative_layout_and_as_an_xlsx()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var (officerName, commune) = await TestData.ActorAsync(Roles.CommuneOfficer, binhLu);
        await ReportsTestData.AddOutreachAsync(binhLu.Id, commune, new DateOnly(2018, 9, 9), 77);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        using var officer = await TestBrowser.SignedInAsync(officerName);
        var obligation = await ReportsTestData.ObligationAsync(admin, [commune.Id], ReportsTestData.TodayInVietnam.AddDays(5),
            new DateOnly(2018, 9, 1), new DateOnly(2018, 9, 30));
        var id = await ReportsTestData.ReportIdAsync(obligation, commune.Id);
        await ReportsTestData.SubmitByApiAsync(officer, id);

        var response = await officer.GetAsync($"/Reports/Details/{id}?handler=Docx");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        var lines = DocxText.Read(await response.Content.ReadAsByteArrayAsync());
        lines[0].ShouldStartWith("ỦY BAN NHÂN DÂN / XÃ BÌNH LƯ / Số:");
        lines[0].ShouldContain("/BC-UBND | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc / Bình Lư, ngày");
        lines[1].ShouldBe("BÁO CÁO");
        lines.ShouldContain("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI THỰC HIỆN");
        lines.ShouldContain("1 | Số hoạt động tuyên truyền, tư vấn học nghề đã tổ chức | hoạt động | 1");
        lines.ShouldContain("2 | Số lượt người được tuyên truyền, tư vấn | lượt người | 77");
        lines.ShouldContain(l => l.StartsWith("Nơi nhận: / - Sở Giáo dục và Đào tạo tỉnh Lai Châu (b/c); / - Lưu: VT. | TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"));
        // After the signature, how each figure is counted: the signed numbers say what they mean.
        var people = IndicatorCatalogue.Find(ReportFigures.OutreachPeople)!;
        people.CountingRule.ShouldStartWith("Đếm: ");
        var rules = lines.SkipWhile(l => l != "Cách tính các chỉ tiêu").ToList();
        rules.ShouldNotBeEmpty();
        rules.ShouldContain(l => l.EndsWith($" | Số lượt người được tuyên truyền, tư vấn | {people.CountingRule}"));
        rules.ShouldContain(l => l.EndsWith($" | Số hoạt động tuyên truyền, tư vấn học nghề đã tổ chức | {IndicatorCatalogue.Find(ReportFigures.OutreachEvents)!.CountingRule}"));

        var api = await officer.GetAsync($"/api/v1/reports/{id}/docx");
        DocxText.Read(await api.Content.ReadAsByteArrayAsync()).ShouldBe(lines);
        var figures = Xlsx.ReadRows(await (await officer.GetAsync($"/Reports/Details/{id}?handler=Xlsx")).Content.ReadAsByteArrayAsync(), sheet: 1);
        figures.ShouldContain(row => row.Count == 4 && row[0].All(char.IsDigit)
                                     && row.Skip(1).SequenceEqual(new[] { "Số lượt người được tuyên truyền, tư vấn", "lượt người", "77" }));
        figures.SelectMany(row => row).ShouldNotContain(ReportFigures.OutreachPeople);
        var counting = Xlsx.ReadRows(await (await officer.GetAsync($"/Reports/Details/{id}?handler=Xlsx")).Content.ReadAsByteArrayAsync(), sheet: 2);
        counting.ShouldContain(row => row.SequenceEqual(new[] { "Số lượt người được tuyên truyền, tư vấn", people.CountingRule }));
        foreach (var figure in figures.Where(row => row.Count == 4 && row[0].Length > 0 && row[0].All(char.IsDigit)))
            counting.ShouldContain(row => row.Count == 2 && row[0] == figure[1] && row[1].Length > 0, figure[1]);
        (await TestData.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditAction.Export && a.EntityType == $"Báo cáo {id} (.docx)"))).ShouldBe(2);
    }

    [Fact]
    public async Task The_list_names_a_reports_year_once_whether_or_not_its_title_already_does()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var (_, commune) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Tân Uyên"));
        using var admin = await TestBrowser.SignedInAsync(adminName);
        async Task<string> ListedAsync(string title)
        {
            var response = await admin.PostJsonAsync("/api/v1/obligations", new
            {
                title, templateCode = "ket-qua-thuc-hien-ke-hoach", periodKind = "Year", periodYear = 2026,
                dueOn = ReportsTestData.TodayInVietnam.AddDays(9).ToString("yyyy-MM-dd"), receiverName = "Sở Giáo dục và Đào tạo tỉnh Lai Châu",
                reporterGroups = Array.Empty<string>(), reporterOrganisationIds = new[] { commune.Id }, sourceIds = Array.Empty<int>(),
                remindDaysBefore = 5, remindDaysAfter = 1,
            });
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            return TestBrowser.HtmlText(await (await admin.GetAsync($"/Reports?yeu-cau={id}")).Content.ReadAsStringAsync());
        }

        var named = "Báo cáo kết quả đào tạo nghề năm 2026 " + TestData.Unique();
        var unnamed = "Báo cáo kết quả đào tạo nghề " + TestData.Unique();

        var listedNamed = await ListedAsync(named);
        listedNamed.ShouldContain(named + " " + commune.Name);
        listedNamed.ShouldNotContain("năm 2026 năm 2026");
        (await ListedAsync(unnamed)).ShouldContain(unnamed + " năm 2026 " + commune.Name);
    }

    [LibreOfficeFact]
    public async Task A_reports_docx_and_xlsx_open_in_LibreOffice()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var (officerName, commune) = await TestData.ActorAsync(Roles.CommuneOfficer, binhLu);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        using var officer = await TestBrowser.SignedInAsync(officerName);
        var obligation = await ReportsTestData.ObligationAsync(admin, [commune.Id], ReportsTestData.TodayInVietnam.AddDays(5));
        var id = await ReportsTestData.ReportIdAsync(obligation, commune.Id);

        var docx = await (await officer.GetAsync($"/Reports/Details/{id}?handler=Docx")).Content.ReadAsByteArrayAsync();
        var xlsx = await (await officer.GetAsync($"/Reports/Details/{id}?handler=Xlsx")).Content.ReadAsByteArrayAsync();

        (await LibreOffice.PdfPagesAsync(docx, "docx")).ShouldBeGreaterThan(0);
        (await LibreOffice.PdfPagesAsync(xlsx, "xlsx")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task The_list_of_reports_exports_to_xlsx_as_filtered()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var (_, commune) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Tân Uyên"));
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var due = ReportsTestData.TodayInVietnam.AddDays(9);
        var obligation = await ReportsTestData.ObligationAsync(admin, [commune.Id], due);

        var rows = await Xlsx.DownloadAsync(admin, $"/Reports?handler=Export&yeu-cau={obligation}");

        rows.Count.ShouldBe(3);
        rows[2][2].ShouldBe(commune.Name);
        rows[2][3].ShouldBe(due.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture));
        rows[2][4].ShouldBe("Đang soạn");
        rows[2][6].ShouldBe("Chưa đến hạn");
    }

    [Fact]
    public async Task Bad_obligations_are_refused_field_by_field_and_nothing_is_created()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var title = "Yêu cầu lỗi " + TestData.Unique();

        var response = await admin.PostFormAsync("/Reports/Obligations/Create", new()
        {
            ["Data.Title"] = title, ["Data.TemplateCode"] = "tong-hop-cua-tinh", ["Data.PeriodKind"] = "Quarter", ["Data.PeriodYear"] = "2026",
            ["Data.PeriodNumber"] = "5", ["Data.DueOn"] = "31/02/2026", ["Data.RemindDaysBefore"] = "90", ["Data.RemindDaysAfter"] = "1",
        });

        var page = TestBrowser.HtmlText(await response.Content.ReadAsStringAsync());
        page.ShouldContain("Quý phải từ 1 đến 4.");
        page.ShouldContain("Hạn gửi báo cáo: \"31/02/2026\" không phải ngày hợp lệ (dd/MM/yyyy).");
        page.ShouldContain("Vui lòng chọn cơ quan nhận báo cáo hoặc ghi tên cơ quan nhận.");
        page.ShouldContain("Vui lòng chọn ít nhất một đơn vị báo cáo.");
        page.ShouldContain("Mẫu báo cáo tổng hợp: vui lòng chọn các yêu cầu báo cáo được tổng hợp.");
        page.ShouldContain("Nhắc trước hạn: từ 0 đến 60 ngày.");
        (await TestData.WithDbAsync(db => db.ReportingObligations.AnyAsync(o => o.Title == title))).ShouldBeFalse();
    }
}
