using System.Text;
using DaoTaoNghe.Features.Outreach;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Outreach;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.Imports.ImportSteps;
using static DaoTaoNghe.Tests.Features.Imports.OutreachFile;

namespace DaoTaoNghe.Tests.Features.Imports;

public class ImportsTests
{
    [Fact]
    public async Task A_dry_run_counts_rows_and_names_every_rejected_row_then_the_commit_writes_and_a_rerun_changes_nothing()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, organisation) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var m = TestData.Unique();
        var kept = await OutreachTests.CreateAsync(browser, commune.Id, $"Hội nghị giữ nguyên {m}");
        var changed = await OutreachTests.CreateAsync(browser, commune.Id, $"Hội nghị thay đổi {m}");
        var file = TestWorkbook.Build(new TestSheet("Danh sách",
        [
            ["DANH SÁCH HOẠT ĐỘNG TUYÊN TRUYỀN NĂM 2026"],
            null,
            Header,
            Row("05/03/2026", "Xã Bình Lư", $"Hội nghị giữ nguyên {m}", participants: 45),
            Row("05/03/2026", commune.Code, $"hội nghị   THAY ĐỔI {m}", participants: 80),
            Row(new DateOnly(2026, 4, 2), "Bình Lư", $"Tư vấn học nghề {m} một", "Loa truyền thanh xã", "1.250"),
            null,
            Row("6/4/2026", "xa binh lu", $"Tư vấn học nghề {m} hai", "loa truyen thanh xa", 30, "Có phát tờ rơi"),
            Row("31/02/2026", "Xã Bình Lư", $"Sai ngày {m}", participants: 10),
            Row("07/04/2026", "Xã Bình Lư", $"Sai số người {m}", participants: "nhiều"),
            Row("08/04/2026", "Xã Không Có", $"Sai xã {m}"),
            Row("09/04/2026", "Xã Bình Lư", ""),
            Row("06/04/2026", "Xã Bình Lư", $"Tư vấn học nghề {m} hai", "Loa truyền thanh xã", 31),
        ]) { Merges = ["A1:F1"] });

        var id = await UploadAsync(browser, "tuyen-truyen-2026.xlsx", file);
        var dryRun = await WaitAsync(browser, id);

        Status(dryRun).ShouldBe("Checked");
        Counts(dryRun).ShouldBe((9, 2, 1, 1, 5));
        Errors(dryRun).ShouldBe([
            (9, "A", "Ngày tổ chức: \"31/02/2026\" không phải ngày hợp lệ (dd/MM/yyyy)."),
            (10, "E", "Số người tham dự: \"nhiều\" không phải số nguyên hợp lệ (viết 1.250 hoặc 1250)."),
            (11, "B", "Xã, phường: không tìm thấy xã, phường \"Xã Không Có\" của Tỉnh Lai Châu; hãy ghi mã 5 chữ số hoặc tên đúng như trong danh mục."),
            (12, "C", "Vui lòng nhập nội dung hoạt động."),
            (13, "", "Trùng với dòng 8: cùng Xã, phường + Ngày tổ chức + Nội dung; mỗi bản ghi chỉ được có một dòng trong tệp."),
        ]);
        Notes(dryRun).ShouldContain("Đã đọc trang tính \"Danh sách\" (trang đầu tiên đang hiện).");
        (await EventsAsync(organisation.Id)).Count.ShouldBe(2);
        (await EventAsync(changed)).Participants.ShouldBe(45);
        var page = TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Imports/Job/{id}"));
        page.ShouldContain("Kết quả kiểm tra thử");
        page.ShouldContain("Ghi 4 dòng hợp lệ");

        var committed = await CommitAsync(browser, id);

        Status(committed).ShouldBe("Committed");
        Counts(committed).ShouldBe((9, 2, 1, 1, 5));
        var events = await EventsAsync(organisation.Id);
        events.Count.ShouldBe(4);
        (await EventAsync(changed)).Participants.ShouldBe(80);
        var first = events.Single(e => e.Title == $"Tư vấn học nghề {m} một");
        (first.HeldOn, first.Channel, first.Participants, first.CommuneId).ShouldBe((new DateOnly(2026, 4, 2), OutreachChannel.Loudspeaker, 1250, commune.Id));
        events.Single(e => e.Title == $"Tư vấn học nghề {m} hai").Notes.ShouldBe("Có phát tờ rơi");
        var trail = await AuditAsync(events.Select(e => e.Id.ToString()).ToList());
        (await TestData.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditAction.Import && a.EntityId == id.ToString() && a.UserName == officer)))
            .ShouldBe(1);

        var again = await DryRunAsync(browser, "tuyen-truyen-2026 (1).xlsx", file);
        Counts(again).ShouldBe((9, 0, 0, 4, 5));
        var rerun = await CommitAsync(browser, again.GetProperty("jobId").GetInt32());

        Counts(rerun).ShouldBe((9, 0, 0, 4, 5));
        (await EventsAsync(organisation.Id)).Select(e => (e.Id, e.Title, e.Participants)).ShouldBe(events.Select(e => (e.Id, e.Title, e.Participants)));
        (await AuditAsync(events.Select(e => e.Id.ToString()).ToList())).ShouldBe(trail);
        (await EventAsync(kept)).Participants.ShouldBe(45);
    }

    [Fact]
    public async Task Rejected_rows_download_as_xlsx_with_row_column_and_reason()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var m = TestData.Unique();

        var job = await DryRunAsync(browser, "loi.xlsx", TestWorkbook.Sheet(Header,
            Row("05/03/2026", "Xã Bình Lư", $"Đúng {m}"),
            Row("05/13/2026", "Xã Bình Lư", $"Sai {m}", "Họp chợ", -5)));

        var rows = await Xlsx.DownloadAsync(browser, $"/Imports/Job/{job.GetProperty("jobId").GetInt32()}?handler=Errors");
        rows[1].ShouldBe(["Dòng", "Cột", "Tên cột", "Giá trị trong tệp", "Lý do"]);
        rows.Skip(2).Select(r => (r[0], r[1], r[3])).ShouldBe([("3", "A", "05/13/2026"), ("3", "D", "Họp chợ"), ("3", "E", "-5")]);
        rows[3][4].ShouldStartWith("Hình thức: \"Họp chợ\" không có trong danh sách: Hội nghị, họp thôn bản; Loa truyền thanh xã;");
        rows[4][4].ShouldBe("Số người tham dự phải từ 0 đến 1.000.000.");
    }

    [Fact]
    public async Task A_database_error_in_the_middle_of_a_commit_leaves_nothing_written_and_the_commit_can_be_retried()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, organisation) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var m = TestData.Unique();
        var poison = $"Bị cơ sở dữ liệu từ chối {m}";
        var id = await UploadAsync(browser, "lon.xlsx", Many("Xã Bình Lư", m, 1_200, i => i == 1_101 ? poison : $"{m} {i}"));
        Counts(await WaitAsync(browser, id)).ShouldBe((1_200, 1_200, 0, 0, 0));

        System.Text.Json.JsonElement failed;
        await RefuseInsertAsync(m, poison);
        try
        {
            failed = await CommitAsync(browser, id);
        }
        finally
        {
            await AllowInsertAsync(m);
        }

        Status(failed).ShouldBe("Failed");
        failed.GetProperty("error").GetString().ShouldBe(DaoTaoNghe.Features.Imports.ImportRunner.CommitFailed);
        (await EventsAsync(organisation.Id)).ShouldBeEmpty();
        (await TestData.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditAction.Import && a.EntityId == id.ToString()))).ShouldBe(0);
        TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Imports/Job/{id}")).ShouldContain("không dòng nào được ghi");

        var retried = await CommitAsync(browser, id);

        Status(retried).ShouldBe("Committed");
        (await EventsAsync(organisation.Id)).Count.ShouldBe(1_200);
    }

    [Fact]
    public async Task A_sheet_with_its_own_headers_is_mapped_once_and_the_organisation_remembers_the_mapping()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, organisation) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        var colleague = await TestData.UserAsync(Roles.CommuneOfficer, organisation);
        var (stranger, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var m = TestData.Unique();
        object?[] own = ["STT", "Thời điểm", "Tên xã", "Hoạt động", "Cách thức", "Số người", "Người phụ trách"];
        byte[] File(string title) => TestWorkbook.Sheet(own, [1, "05/03/2026", "Bình Lư", title, "Hội nghị, họp thôn bản", 25, "Tẩn Thị Mai"]);

        var id = await UploadAsync(browser, "so-theo-doi.xlsx", File($"Họp bản {m}"));
        var needs = await WaitAsync(browser, id);
        Status(needs).ShouldBe("NeedsMapping");
        Notes(needs).ShouldContain(n => n.Contains("Không tìm thấy cột \"Ngày tổ chức\", \"Xã, phường\", \"Nội dung\", \"Hình thức\""));
        var form = TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Imports/Job/{id}"));
        form.ShouldContain("Ghép cột của tệp với cột của mẫu");
        form.ShouldContain("D – Hoạt động");

        var incomplete = await browser.PostFormAsync($"/Imports/Job/{id}", new() { ["Map[HeldOn]"] = "1" }, $"/Imports/Job/{id}?handler=Map");
        TestBrowser.HtmlText(await incomplete.Content.ReadAsStringAsync()).ShouldContain("Chưa chọn cột của tệp cho \"Nội dung\" (bắt buộc).");

        var mapped = await browser.PostFormAsync($"/Imports/Job/{id}", new()
        {
            ["Map[HeldOn]"] = "1", ["Map[CommuneId]"] = "2", ["Map[Title]"] = "3", ["Map[Channel]"] = "4", ["Map[Participants]"] = "5", ["Remember"] = "true",
        }, $"/Imports/Job/{id}?handler=Map");
        mapped.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        var checkedJob = await WaitAsync(browser, id);
        Status(checkedJob).ShouldBe("Checked");
        Counts(checkedJob).ShouldBe((1, 1, 0, 0, 0));
        Notes(checkedJob).ShouldContain("Bỏ qua các cột không thuộc mẫu: A \"STT\", G \"Người phụ trách\".");

        using var colleagueBrowser = await TestBrowser.SignedInAsync(colleague);
        var remembered = await DryRunAsync(colleagueBrowser, "so-theo-doi-thang-4.xlsx", File($"Họp bản tháng 4 {m}"));
        Status(remembered).ShouldBe("Checked");
        Counts(remembered).ShouldBe((1, 1, 0, 0, 0));

        using var strangerBrowser = await TestBrowser.SignedInAsync(stranger);
        Status(await DryRunAsync(strangerBrowser, "so-theo-doi.xlsx", File($"Khác {m}"))).ShouldBe("NeedsMapping");
    }

    [Fact]
    public async Task The_template_downloads_as_a_valid_workbook_and_comes_back_as_it_went_out()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);

        var response = await browser.GetAsync($"/Imports/New/{Template}?handler=Template");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        var data = Xlsx.ReadRows(bytes);
        data[0].ShouldBe(["Ngày tổ chức", "Xã, phường", "Nội dung", "Hình thức", "Số người tham dự", "Ghi chú"]);
        data[1].Take(5).ShouldBe(["05/03/2026", "Xã Bình Lư", "Tuyên truyền chính sách hỗ trợ học nghề tại bản Nà Bó", "Hội nghị, họp thôn bản", "45"]);
        Xlsx.ReadRows(bytes, 1).SelectMany(r => r).ShouldContain("Khóa nhận diện: Xã, phường + Ngày tổ chức + Nội dung. Dòng có cùng khóa với bản ghi đã có sẽ cập nhật bản ghi đó.");
        Xlsx.ReadRows(bytes, 2).Skip(1).Select(r => r[0]).ShouldContain("Tư vấn trực tiếp tại hộ gia đình");
        var communes = Xlsx.ReadRows(bytes, 3);
        communes.Skip(1).Select(r => r[1]).ShouldContain("Xã Bình Lư");
        communes.Skip(1).Select(r => r[1]).ShouldNotContain("Xã Tân Uyên");

        var untouched = await DryRunAsync(browser, "mau-nhap-tuyen-truyen.xlsx", bytes);
        Counts(untouched).ShouldBe((0, 0, 0, 0, 0));
        Notes(untouched).ShouldContain("Bỏ qua dòng 2: dòng ví dụ của mẫu.");
    }

    [Fact]
    public async Task A_CSV_saved_from_Excel_with_BOM_and_semicolons_is_read_like_a_workbook()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, organisation) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var m = TestData.Unique();
        var csv = $"Ngày tổ chức;Xã, phường;Nội dung;Hình thức;Số người tham dự;Ghi chú\r\n" +
                  $"05/03/2026;{commune.Code};\"Tuyên truyền; tư vấn {m}\";Loa truyền thanh xã;1.250;\"hai\ndòng\"\r\n" +
                  $"05/03/2026;Xã Bình Lư;Nội dung {m};Sai;5;\r\n";
        byte[] bytes = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)];

        var id = await UploadAsync(browser, "tuyen-truyen.csv", bytes);
        var job = await CommitAsync(browser, (await WaitAsync(browser, id)).GetProperty("jobId").GetInt32());

        Counts(job).ShouldBe((2, 1, 0, 0, 1));
        Errors(job).Single().Row.ShouldBe(4);
        var written = (await EventsAsync(organisation.Id)).Single();
        (written.Title, written.Participants, written.Channel, written.Notes).ShouldBe(($"Tuyên truyền; tư vấn {m}", 1250, OutreachChannel.Loudspeaker, "hai\ndòng"));
    }

    [Fact]
    public async Task The_jobs_list_shows_my_imports_and_exports_them()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var m = TestData.Unique();
        await DryRunAsync(browser, $"danh-sach-{m}.xlsx", TestWorkbook.Sheet(Header, Row("05/03/2026", "Xã Bình Lư", $"Hội nghị {m}")));

        TestBrowser.HtmlText(await browser.GetHtmlAsync("/Imports")).ShouldContain($"danh-sach-{m}.xlsx");
        var rows = await Xlsx.DownloadAsync(browser, "/Imports?handler=Export");
        rows.Count.ShouldBe(3);
        rows[2][3].ShouldBe($"danh-sach-{m}.xlsx");
        rows[2][5].ShouldBe("Đã kiểm tra, chờ ghi");
    }

    internal static Task<List<OutreachEvent>> EventsAsync(int organisationId) =>
        TestData.WithDbAsync(db => db.OutreachEvents.AsNoTracking().Where(e => e.OrganisationId == organisationId).OrderBy(e => e.Id).ToListAsync());

    private static Task<OutreachEvent> EventAsync(int id) =>
        TestData.WithDbAsync(db => db.OutreachEvents.AsNoTracking().SingleAsync(e => e.Id == id));

    private static Task<List<(long, AuditAction)>> AuditAsync(List<string> ids) =>
        TestData.WithDbAsync(async db => (await db.AuditEntries.AsNoTracking()
                .Where(a => a.EntityType == nameof(OutreachEvent) && ids.Contains(a.EntityId!))
                .OrderBy(a => a.Id).Select(a => new { a.Id, a.Action }).ToListAsync())
            .Select(a => (a.Id, a.Action)).ToList());

    /// <summary>A rule only the database checks (a trigger), refusing one title: the stand-in for any constraint failing mid-commit.</summary>
    private static Task RefuseInsertAsync(string marker, string title) => RunSqlAsync(db => db.Database.IsSqlite()
        ? [$"CREATE TRIGGER refuse_{marker} BEFORE INSERT ON outreach_events WHEN NEW.title = '{title}' BEGIN SELECT RAISE(ABORT, 'refused'); END;"]
        : [$"CREATE FUNCTION refuse_{marker}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.title = '{title}' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$;",
           $"CREATE TRIGGER refuse_{marker} BEFORE INSERT ON outreach_events FOR EACH ROW EXECUTE FUNCTION refuse_{marker}();"]);

    private static Task AllowInsertAsync(string marker) => RunSqlAsync(db => db.Database.IsSqlite()
        ? [$"DROP TRIGGER refuse_{marker};"]
        : [$"DROP TRIGGER refuse_{marker} ON outreach_events;", $"DROP FUNCTION refuse_{marker}();"]);

    /// <summary>The statements are the test's own text (a hex marker and a fixed title), not user input.</summary>
    private static Task RunSqlAsync(Func<Microsoft.EntityFrameworkCore.DbContext, string[]> statements) => TestData.WithDbAsync(async db =>
    {
        foreach (var sql in statements(db)) await db.Database.ExecuteSqlRawAsync(sql);
    });
}
