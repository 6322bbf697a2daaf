using System.Data;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Features.Indicators;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Import;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Tests.Features.Imports;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DaoTaoNghe.Tests.Features.Imports.ImportSteps;
using static DaoTaoNghe.Tests.Features.Learners.LearnerTestData;

namespace DaoTaoNghe.Tests.Features.Learners;

public class LearnersImportTests
{
    private const string Template = "nguoi-hoc";

    // A STT, B name, C birth date, D sex, E CCCD, F ethnicity, G phone, H commune, I hamlet, J education, K household, L year, M priorities, N consent, O consent date, P mismatch confirmed
    private static readonly object?[] Header =
    [
        "STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Dân tộc", "Số điện thoại", "Xã, phường", "Thôn, bản", "Trình độ học vấn",
        "Hộ nghèo, cận nghèo", "Năm xác định hộ", "Đối tượng ưu tiên", "Đồng ý xử lý dữ liệu cá nhân", "Ngày đồng ý", "Xác nhận lệch CCCD",
    ];

    private const string NoConsentEthnicity =
        "Chưa có sự đồng ý xử lý dữ liệu cá nhân của người học: không được ghi dân tộc (dữ liệu nhạy cảm theo Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15). Ghi \"Có\" ở cột \"Đồng ý xử lý dữ liệu cá nhân\" kèm ngày đồng ý nếu người học đã đồng ý.";

    private static object?[] Row(int number, string name, object birthDate, string sex, object? cccd, string commune, string? ethnic = null, object? phone = null,
        string? hamlet = null, string? education = null, string? household = null, object? year = null, string? priorities = null,
        string? consent = null, object? consentDate = null, string? confirm = null) =>
        [number, name, birthDate, sex, cccd, ethnic, phone, commune, hamlet, education, household, year, priorities, consent, consentDate, confirm];

    [Fact]
    public async Task A_committed_list_is_checked_with_the_population_registry_which_is_asked_no_more_once_it_stops_answering()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, binhLu);
        using var browser = await TestBrowser.SignedInAsync(officer);
        // The simulator answers by the last digits: 03 matches, 99 is "cannot connect".
        var cccds = new[] { PopulationChecksTests.Number("03"), PopulationChecksTests.Number("99"), PopulationChecksTests.Number("03") };
        var file = TestWorkbook.Sheet([Header, .. cccds.Select((cccd, i) => Row(i + 1, Name(), "12/04/1995", "Nữ", cccd, "Xã Bình Lư"))]);

        var dryRun = await DryRunAsync(browser, "kiem-tra-cccd.xlsx", file, Template);
        Counts(await CommitAsync(browser, dryRun.GetProperty("jobId").GetInt32())).ShouldBe((3, 3, 0, 0, 0));

        var ids = new List<int>();
        foreach (var cccd in cccds) ids.Add((await FindAsync(cccd))!.Id);
        // The checks follow the commit (they never hold its transaction); the job is done before they are.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await ChecksAsync(ids[1]) is [] && waited.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(100);
        (await ChecksAsync(ids[0])).ShouldBe([PopulationCheckResult.Match]);
        (await ChecksAsync(ids[1])).ShouldBe([PopulationCheckResult.Unreachable]);
        (await ChecksAsync(ids[2])).ShouldBeEmpty("after a registry that did not answer, the rest of the file is left for the officer to check");
        TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Learners/Details/{ids[0]}")).ShouldContain("Khớp (số CCCD, họ tên, ngày sinh)");
    }

    private static Task<List<PopulationCheckResult>> ChecksAsync(int learnerId) =>
        TestData.WithDbAsync(db => db.PopulationChecks.IgnoreQueryFilters().Where(c => c.LearnerId == learnerId).Select(c => c.Result).ToListAsync());

    [Fact]
    public async Task A_commune_officers_list_is_checked_row_by_row_then_committed_and_a_rerun_changes_nothing()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, binhLu);
        using var browser = await TestBrowser.SignedInAsync(officer);

        var (keptName, keptCccd) = (Name(), Cccd(Sex.Female, 1990));
        var keptId = await CreateAsync(browser, Form(binhLu.Id, keptName, "1990-03-04", cccd: keptCccd));
        var (changedName, changedCccd) = (Name(), Cccd(Sex.Female, 1991));
        var changedId = await CreateAsync(browser, Form(binhLu.Id, changedName, "1991-05-06", cccd: changedCccd));
        var bareLetters = Letters();
        var bareId = await CreateAsync(browser, Form(binhLu.Id, $"Lò Văn Ún {char.ToUpperInvariant(bareLetters[0])}{bareLetters[1..]}", "1985-01-02", Sex.Male));
        var laterName = Name("Tẩn Thị");
        var laterId = await CreateAsync(browser, Form(binhLu.Id, laterName, "1993-09-10", consent: false));
        var (newName, newCccd) = (Name("Giàng A"), Cccd(Sex.Male, 1988));
        var (confirmedName, confirmedCccd) = (Name(), Cccd(Sex.Male, 1995));
        var laterCccd = Cccd(Sex.Female, 1993);
        var keptUpdatedAt = (await LoadAsync(keptId)).UpdatedAt;

        var file = TestWorkbook.Sheet(
            Header,
            Row(1, keptName, "04/03/1990", "Nữ", keptCccd, "Xã Bình Lư", phone: "0912 345 678", hamlet: "Bản Nà Bó", education: "Trung học cơ sở", consent: "Có", consentDate: "01/06/2025"),
            Row(2, changedName, "06/05/1991", "Nữ", changedCccd, binhLu.Code, ethnic: "Thái", phone: "0987 654 321", household: "Hộ nghèo", year: 2025),
            Row(3, $"lo van un {bareLetters}", new DateOnly(1985, 1, 2), "nam", null, "Bình Lư", hamlet: "Bản Chu Va 6"),
            Row(4, laterName, "10/09/1993", "Nữ", laterCccd, "Xã Bình Lư"),
            Row(5, newName, new DateOnly(1988, 7, 15), "Nam", long.Parse(newCccd, CultureInfo.InvariantCulture), binhLu.Code, ethnic: "H'Mông", phone: 912345678,
                hamlet: "Bản Sin Câu", education: "9/12", household: "cận nghèo", year: 2025, priorities: "Bộ đội xuất ngũ; người khuyết tật",
                consent: "Có", consentDate: new DateOnly(2025, 6, 1)),
            Row(6, confirmedName, "02/03/1996", "Nữ", confirmedCccd, "Xã Bình Lư", confirm: "Có"),
            Row(7, Name(), "02/03/1996", "Nữ", Cccd(Sex.Male, 1996), "Xã Bình Lư"),
            Row(8, Name(), "02/03/1996", "Nữ", null, "Xã Bình Lư", ethnic: "Dao"),
            Row(9, Name(), "02/03/1996", "Nữ", null, "Xã Bình Lư", household: "Hộ nghèo", year: 2025),
            Row(10, Name(), "31/02/1990", "Nữ", null, "Xã Bình Lư"),
            Row(11, Name(), "02/03/1996", "Nữ", null, "Xã Tân Uyên"),
            Row(12, Name(), "02/03/1996", "Nữ", "123456789", "Xã Bình Lư"),
            Row(13, Name(), "15/07/1988", "Nam", newCccd, "Xã Bình Lư"),
            Row(14, Name(), "02/03/1996", "Nữ", null, "Xã Bình Lư", priorities: "Hộ nghèo"));

        var dryRun = await DryRunAsync(browser, "danh-sach-nguoi-hoc.xlsx", file, Template);

        Status(dryRun).ShouldBe("Checked");
        Counts(dryRun).ShouldBe((14, 2, 3, 1, 8));
        Errors(dryRun).ShouldBe([
            (8, "E", "Số CCCD cho biết giới tính Nam, khác giới tính đã nhập (Nữ). Hãy kiểm tra lại; nếu số CCCD và thông tin trên dòng đều đúng, ghi \"Có\" ở cột \"Xác nhận lệch CCCD\" rồi tải tệp lên lại."),
            (9, "F", NoConsentEthnicity),
            (10, "K", NoConsentEthnicity.Replace("dân tộc", "tình trạng hộ nghèo, cận nghèo")),
            (11, "C", "Ngày sinh: \"31/02/1990\" không phải ngày hợp lệ (dd/MM/yyyy)."),
            (12, "H", "Xã, phường: Xã Tân Uyên nằm ngoài phạm vi của bạn."),
            (13, "E", "Số CCCD phải gồm đúng 12 chữ số; số chứng minh nhân dân 9 số cũ không dùng được."),
            (14, "", "Trùng với dòng 6: cùng Số CCCD (nếu không có: Họ và tên + Ngày sinh + Xã, phường); mỗi bản ghi chỉ được có một dòng trong tệp."),
            (15, "M", "Đối tượng ưu tiên: \"Hộ nghèo\" không có trong danh sách: Người khuyết tật; Người có công với cách mạng; Hộ bị thu hồi đất nông nghiệp, đất kinh doanh; Bộ đội xuất ngũ; Lao động nữ bị mất việc làm; Ngư dân; Người cao tuổi còn khả năng lao động."),
        ]);
        (await FindAsync(newCccd)).ShouldBeNull();
        (await LoadAsync(changedId)).Phone.ShouldBe("0912345678");

        var committed = await CommitAsync(browser, dryRun.GetProperty("jobId").GetInt32());

        Status(committed).ShouldBe("Committed");
        Counts(committed).ShouldBe((14, 2, 3, 1, 8));
        var created = (await FindAsync(newCccd))!;
        (created.FullName, created.BirthDate, created.Sex, created.Phone, created.CommuneId, created.ProvinceId, created.Address, created.EducationLevel)
            .ShouldBe((newName, new DateOnly(1988, 7, 15), Sex.Male, "0912345678", binhLu.Id, binhLu.ProvinceId!.Value, "Bản Sin Câu", EducationLevel.LowerSecondary));
        created.EthnicGroupId.ShouldBe(await EthnicGroupIdAsync("08"));
        created.Households.Select(h => (h.Year, h.Status)).ShouldBe([(2025, HouseholdStatus.NearPoor)]);
        created.Priorities.Select(p => p.Category).Order().ShouldBe([PriorityCategory.Disabled, PriorityCategory.DemobilisedSoldier]);
        var consent = created.Consents.Single();
        (consent.GivenOn, consent.RecordedBy, consent.Purpose).ShouldBe((new DateOnly(2025, 6, 1), officer, Create.DefaultPurpose));
        (await FindAsync(confirmedCccd))!.CccdMismatchConfirmed.ShouldBeTrue();
        var changed = await LoadAsync(changedId);
        (changed.Phone, changed.EthnicGroupId).ShouldBe(("0987654321", await EthnicGroupIdAsync("03")));
        changed.Households.Select(h => (h.Year, h.Status)).ShouldBe([(2025, HouseholdStatus.Poor)]);
        var bare = await LoadAsync(bareId);
        (bare.Address, bare.Phone, bare.Cccd).ShouldBe(("Bản Chu Va 6", "0912345678", null));
        (await LoadAsync(laterId)).Cccd.ShouldBe(laterCccd);
        (await LoadAsync(keptId)).UpdatedAt.ShouldBe(keptUpdatedAt);
        var jobId = committed.GetProperty("jobId").GetInt32();
        (await TestData.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditAction.Import && a.EntityId == jobId.ToString())))
            .ContainsPersonalData.ShouldBeTrue();

        var ids = new[] { keptId, changedId, bareId, laterId, created.Id }.Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
        Task<int> ChangesAsync() => TestData.WithDbAsync(db => db.AuditEntries.CountAsync(a =>
            a.EntityType == nameof(Learner) && ids.Contains(a.EntityId!) && a.Action != AuditAction.View));
        var trail = await ChangesAsync();

        var again = await DryRunAsync(browser, "danh-sach-nguoi-hoc (1).xlsx", file, Template);
        Counts(again).ShouldBe((14, 0, 0, 6, 8));
        Counts(await CommitAsync(browser, again.GetProperty("jobId").GetInt32())).ShouldBe((14, 0, 0, 6, 8));

        (await LoadAsync(changedId)).UpdatedAt.ShouldBe(changed.UpdatedAt);
        (await ChangesAsync()).ShouldBe(trail);
    }

    [Fact]
    public async Task Sensitive_columns_need_a_consent_on_record_or_in_the_row_and_an_empty_cell_keeps_what_is_recorded()
    {
        var commune = await TestData.CommuneAsync("Xã Bản Bo");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var (consentingName, consentingCccd) = (Name(), Cccd(Sex.Female, 1994));
        var consentingForm = Form(commune.Id, consentingName, "1994-02-03", cccd: consentingCccd);
        consentingForm["Data.Categories"] = nameof(PriorityCategory.Fisher);
        var consentingId = await CreateAsync(browser, consentingForm);
        var (refusingName, refusingCccd) = (Name(), Cccd(Sex.Female, 1994));
        var refusingId = await CreateAsync(browser, Form(commune.Id, refusingName, "1994-02-03", cccd: refusingCccd, consent: false));
        var (givingName, givingCccd) = (Name(), Cccd(Sex.Female, 1994));
        var givingId = await CreateAsync(browser, Form(commune.Id, givingName, "1994-02-03", cccd: givingCccd, consent: false));

        var file = TestWorkbook.Sheet(
            Header,
            Row(1, consentingName, "03/02/1994", "Nữ", consentingCccd, "Xã Bản Bo", ethnic: "Dao", household: "Hộ nghèo", year: 2025, priorities: "Người khuyết tật"),
            Row(2, refusingName, "03/02/1994", "Nữ", refusingCccd, "Xã Bản Bo", priorities: "khuyết tật"),
            Row(3, givingName, "03/02/1994", "Nữ", givingCccd, "Xã Bản Bo", ethnic: "09", consent: "Có", consentDate: "15/03/2026"));

        var committed = await CommitAsync(browser, (await DryRunAsync(browser, "dong-y.xlsx", file, Template)).GetProperty("jobId").GetInt32());

        Counts(committed).ShouldBe((3, 0, 2, 0, 1));
        Errors(committed).ShouldBe([(3, "M", NoConsentEthnicity.Replace("dân tộc", "tình trạng khuyết tật"))]);
        var consenting = await LoadAsync(consentingId);
        (consenting.EthnicGroupId, consenting.Phone, consenting.Address).ShouldBe((await EthnicGroupIdAsync("09"), "0912345678", "Bản Nà Bó"));
        consenting.Priorities.Select(p => p.Category).Order().ShouldBe([PriorityCategory.Disabled, PriorityCategory.Fisher]);
        consenting.Households.Single().Status.ShouldBe(HouseholdStatus.Poor);
        consenting.Consents.Count.ShouldBe(1);
        (await LoadAsync(refusingId)).Priorities.ShouldBeEmpty();
        var giving = await LoadAsync(givingId);
        giving.EthnicGroupId.ShouldBe(await EthnicGroupIdAsync("09"));
        (giving.Consents.Single().GivenOn, giving.Consents.Single().RecordedBy).ShouldBe((new DateOnly(2026, 3, 15), officer));

        Counts(await DryRunAsync(browser, "dong-y.xlsx", file, Template)).ShouldBe((3, 0, 0, 2, 1));
    }

    [Fact]
    public async Task A_CCCD_disagreement_confirmed_once_is_not_asked_again_but_a_new_one_is()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var (name, cccd) = (Name(), Cccd(Sex.Male, 1995));
        var confirmed = TestWorkbook.Sheet(Header, Row(1, name, "02/03/1996", "Nữ", cccd, "Xã Bình Lư", confirm: "x"));
        Counts(await CommitAsync(browser, (await DryRunAsync(browser, "a.xlsx", confirmed, Template)).GetProperty("jobId").GetInt32())).ShouldBe((1, 1, 0, 0, 0));

        var unchanged = await DryRunAsync(browser, "b.xlsx", TestWorkbook.Sheet(Header, Row(1, name, "02/03/1996", "Nữ", cccd, "Xã Bình Lư")), Template);
        var otherYear = await DryRunAsync(browser, "c.xlsx", TestWorkbook.Sheet(Header, Row(1, name, "02/03/1997", "Nữ", cccd, "Xã Bình Lư")), Template);

        Counts(unchanged).ShouldBe((1, 0, 0, 1, 0));
        Counts(otherYear).ShouldBe((1, 0, 0, 0, 1));
        Errors(otherYear).Single().Message.ShouldStartWith("Số CCCD cho biết giới tính Nam, khác giới tính đã nhập (Nữ). Số CCCD cho biết năm sinh 1995, khác năm sinh đã nhập (1997).");
    }

    [Fact]
    public async Task Ethnic_groups_are_found_by_code_or_by_the_usual_spellings()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        string[] spellings = ["Mông", "HMONG", "Mèo", "8", "dân tộc Thái", "Kinh", "Việt", "Khơ Mú", "kho-mu", "Hà Nhì", "La Hủ", "01", "Giáy", "Sán Chỉ", "Bố Y"];
        string[] codes = ["08", "08", "08", "08", "03", "01", "01", "23", "23", "33", "39", "01", "26", "13", "48"];
        var people = spellings.Select(_ => (Name(), Cccd(Sex.Male, 1990))).ToList();

        var job = await DryRunAsync(browser, "dan-toc.xlsx", TestWorkbook.Sheet([
            Header,
            .. people.Select((p, i) => Row(i + 1, p.Item1, "01/01/1990", "Nam", p.Item2, "Xã Bình Lư", ethnic: spellings[i], consent: "Có", consentDate: "01/06/2025")),
            Row(99, Name(), "01/01/1990", "Nam", null, "Xã Bình Lư", ethnic: "Kinh Việt Nam", consent: "Có", consentDate: "01/06/2025"),
        ]), Template);
        Errors(job).ShouldBe([(17, "F", "Dân tộc: không có dân tộc \"Kinh Việt Nam\" trong danh mục 54 dân tộc; hãy ghi mã 2 chữ số hoặc tên như trang \"Dân tộc\" của mẫu.")]);
        await CommitAsync(browser, job.GetProperty("jobId").GetInt32());

        var found = await TestData.WithDbAsync(async db =>
        {
            var numbers = people.Select(p => p.Item2).ToList();
            return await db.Learners.IgnoreQueryFilters().Where(l => numbers.Contains(l.Cccd!)).Select(l => new { l.Cccd, l.EthnicGroup!.Code }).ToListAsync();
        });
        people.Select(p => found.Single(f => f.Cccd == p.Item2).Code).ShouldBe(codes);
    }

    [Fact]
    public async Task A_person_met_again_further_down_a_large_file_is_refused_alike_in_the_dry_run_and_the_commit()
    {
        var commune = await TestData.CommuneAsync("Xã Nậm Tăm");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var letters = Letters();
        var name = $"Lường Thị Ún {char.ToUpperInvariant(letters[0])}{letters[1..]}";
        var registered = Name();
        await CreateAsync(browser, Form(commune.Id, registered, "1990-01-01"));
        var rows = new List<object?[]?>
        {
            Header,
            Row(1, name, "05/05/1995", "Nữ", null, "Xã Nậm Tăm"),
            Row(2, $"luong thi un {letters}", "05/05/1995", "Nữ", null, "Nậm Tăm"),
            Row(3, registered, "01/01/1990", "Nữ", Cccd(Sex.Female, 1990), "Xã Nậm Tăm"),
        };
        rows.AddRange(Enumerable.Range(4, 597).Select(i => Row(i, Name(), "01/01/2000", "Nam", Cccd(Sex.Male, 2000), "Xã Nậm Tăm")));
        rows.Add(Row(601, name.ToUpperInvariant(), "05/05/1995", "Nữ", Cccd(Sex.Female, 1995), "Xã Nậm Tăm"));
        // Another CCCD under the same name, birth date and commune is another person, whether or not row 4 was saved yet.
        rows.Add(Row(602, registered, "01/01/1990", "Nữ", Cccd(Sex.Female, 1990), "Xã Nậm Tăm"));
        var file = TestWorkbook.Sheet([.. rows]);

        var dryRun = await DryRunAsync(browser, "dai.xlsx", file, Template);
        var committed = await CommitAsync(browser, dryRun.GetProperty("jobId").GetInt32());

        foreach (var job in new[] { dryRun, committed })
        {
            Counts(job).ShouldBe((602, 599, 1, 0, 2));
            Errors(job).ShouldBe([
                (3, "", "Trùng với dòng 2: cùng Số CCCD (nếu không có: Họ và tên + Ngày sinh + Xã, phường); mỗi bản ghi chỉ được có một dòng trong tệp."),
                (602, "B", "Trùng với dòng 2: cùng họ tên, ngày sinh và xã, phường; mỗi người chỉ được có một dòng trong tệp."),
            ]);
        }
    }

    [Fact]
    public async Task A_learner_of_another_commune_or_a_merged_record_is_refused_and_never_updated()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var tanUyen = await TestData.CommuneAsync("Xã Tân Uyên");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, binhLu);
        var (otherOfficer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, tanUyen);
        using var browser = await TestBrowser.SignedInAsync(officer);
        using var otherBrowser = await TestBrowser.SignedInAsync(otherOfficer);
        using var client = await ImportsApiTests.ClientWithKeyAsync(officer);
        var (strangerName, strangerCccd) = (Name(), Cccd(Sex.Female, 1992));
        var strangerId = await CreateAsync(otherBrowser, Form(tanUyen.Id, strangerName, "1992-08-09", cccd: strangerCccd));
        var survivorName = Name("Vàng Thị");
        var survivorId = await CreateAsync(browser, Form(binhLu.Id, survivorName, "1989-11-12"));
        var duplicateName = Name("Vang Thi");
        var duplicateForm = Form(binhLu.Id, duplicateName, "1989-11-12");
        var duplicateId = await CreateAsync(browser, duplicateForm);
        (await browser.PostFormAsync($"/Learners/Merge?id={duplicateId}&vao={survivorId}", new() { ["Data.Confirmed"] = "true" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var before = await LoadAsync(strangerId);

        var file = TestWorkbook.Sheet(
            Header,
            Row(1, strangerName, "09/08/1992", "Nữ", strangerCccd, "Xã Bình Lư", phone: "0977 000 111"),
            Row(2, duplicateName, "12/11/1989", "Nữ", null, "Xã Bình Lư", phone: "0977 000 222"),
            Row(3, Name(), "12/11/1989", "Nữ", null, "Xã Bình Lư"));
        var page = await CommitAsync(browser, (await DryRunAsync(browser, "nguoi-xa-khac.xlsx", file, Template)).GetProperty("jobId").GetInt32());
        var api = await RunAsync(client, "nguoi-xa-khac.xlsx", file, dryRun: false, template: Template);

        Counts(page).ShouldBe((3, 1, 0, 0, 2));
        Counts(api).ShouldBe((3, 0, 0, 1, 2));
        foreach (var job in new[] { page, api })
        {
            Errors(job).ShouldBe([
                (2, "E", "Số CCCD này đã có trong hồ sơ của một người học ngoài phạm vi của bạn; hồ sơ đó không được cập nhật. Liên hệ Sở Giáo dục và Đào tạo để chuyển hồ sơ về đơn vị của bạn."),
                (3, "B", $"Hồ sơ cùng họ tên, ngày sinh và xã, phường này đã được gộp vào hồ sơ mã {survivorId} ({survivorName}) và không được cập nhật; hãy ghi số CCCD, họ tên, ngày sinh như hồ sơ mã {survivorId} để cập nhật hồ sơ đó."),
            ]);
        }
        var after = await LoadAsync(strangerId);
        (after.CommuneId, after.Phone, after.UpdatedAt).ShouldBe((before.CommuneId, before.Phone, before.UpdatedAt));
        (await LoadAsync(duplicateId)).Phone.ShouldBe("0912345678");
        (await LoadAsync(survivorId)).Phone.ShouldBe("0912345678");
    }

    [Fact]
    public async Task The_learner_list_exported_by_the_app_comes_back_unchanged()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var marker = Letters();
        var withCategory = Form(commune.Id, $"Hoàng Văn Chiến {marker}", "1980-02-03", Sex.Male, cccd: Cccd(Sex.Male, 1980));
        withCategory["Data.Categories"] = nameof(PriorityCategory.DemobilisedSoldier);
        withCategory["Data.EthnicGroupId"] = (await EthnicGroupIdAsync("26")).ToString(CultureInfo.InvariantCulture);
        await CreateAsync(browser, withCategory);
        await CreateAsync(browser, Form(commune.Id, $"Lò Thị Dung {marker}", "1999-12-30"));

        var exported = await (await browser.GetAsync($"/Learners?handler=Export&q={marker}")).Content.ReadAsByteArrayAsync();
        var job = await DryRunAsync(browser, "nguoi-hoc.xlsx", exported, Template);

        Counts(job).ShouldBe((2, 0, 0, 2, 0));
        Notes(job).ShouldContain(n => n.StartsWith("Bỏ qua các cột không thuộc mẫu: A \"Mã hồ sơ\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_the_roles_that_register_learners_may_use_it()
    {
        var (officer, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        using var browser = await TestBrowser.SignedInAsync(officer);

        (await browser.GetAsync($"/Imports/New/{Template}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.GetHtmlAsync("/Imports")).ShouldNotContain($"/Imports/New/{Template}");
    }

    [Fact]
    public async Task The_template_lists_the_communes_ethnic_groups_and_categories_and_comes_back_as_it_went_out()
    {
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Bình Lư"));
        using var browser = await TestBrowser.SignedInAsync(officer);

        var bytes = await (await browser.GetAsync($"/Imports/New/{Template}?handler=Template")).Content.ReadAsByteArrayAsync();

        var data = Xlsx.ReadRows(bytes);
        data[0].ShouldBe(Header.Skip(1).Select(h => (string)h!).ToArray());
        data[1].Take(8).ShouldBe(["Lò Thị Ún", "12/04/1995", "Nữ", "012195001234", "Thái", "0912 345 678", "Xã Bình Lư", "Bản Nà Bó"]);
        Xlsx.ReadRows(bytes, 1).SelectMany(r => r).ShouldContain(l => l.Contains("ghi \"Có\" ở cột \"Xác nhận lệch CCCD\""));
        var sheets = Enumerable.Range(3, 3).Select(i => Xlsx.ReadRows(bytes, i)).ToList();
        sheets[0].Skip(1).Select(r => r[1]).ShouldBe(["Xã Bình Lư"]);
        sheets[1].Skip(1).Select(r => r[0]).Count().ShouldBe(54);
        sheets[2].Skip(1).Select(r => r[0]).ShouldContain("Người khuyết tật");

        var untouched = await DryRunAsync(browser, "mau-nhap-nguoi-hoc.xlsx", bytes, Template);
        Counts(untouched).ShouldBe((0, 0, 0, 0, 0));
        Notes(untouched).ShouldContain("Bỏ qua dòng 2: dòng ví dụ của mẫu.");
    }

    /// <summary>
    /// A commit writes its new people by PostgreSQL's COPY (SQLite: by SaveChanges, so both runs below are the same path there).
    /// Two lists of the same shape, one saved row by row, one copied, batches of 4: the records, their parts, audit lines,
    /// change-feed lines and maintained-value marks are the same, person for person, apart from the people's own ids, names and CCCDs.
    /// </summary>
    [Fact]
    public async Task A_list_copied_in_writes_the_same_records_audit_change_feed_and_indicator_marks_as_one_saved_row_by_row()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, organisation) = await TestData.ActorAsync(Roles.CommuneOfficer, binhLu);
        var userId = await TestData.WithDbAsync(db => db.Users.Where(u => u.UserName == officer).Select(u => u.Id).SingleAsync());
        var scope = DataScope.ForUser(Roles.CommuneOfficer, userId, officer, organisation.Id, binhLu.ProvinceId!.Value, binhLu.Id);

        async Task<Run> ImportAsync(bool copy)
        {
            // Someone already on file, whom the list updates with a phone, a household and a priority group.
            var (knownName, knownCccd) = (Name(), Cccd(Sex.Male, 1980));
            await CommitFileAsync(scope, TestWorkbook.Sheet(Header, Row(1, knownName, "01/02/1980", "Nam", knownCccd, "Xã Bình Lư", consent: "Có", consentDate: "01/06/2025")), copy: false);
            var people = Enumerable.Range(0, 10).Select(i => (Name: Name(i % 2 == 0 ? "Lò Thị" : "Giàng A"), Cccd: i == 3 ? null : Cccd(i % 2 == 0 ? Sex.Female : Sex.Male, 1990 + i))).ToList();
            var rows = people.Select((p, i) => Row(i + 2, p.Name, $"0{1 + i % 9}/03/{1990 + i}", i % 2 == 0 ? "Nữ" : "Nam", p.Cccd, "Xã Bình Lư",
                ethnic: i % 3 == 0 ? null : "Thái", phone: i % 4 == 0 ? null : $"09123456{i:00}", hamlet: $"Bản {i}", education: i % 2 == 0 ? "9/12" : null,
                household: i % 3 == 1 ? "Hộ nghèo" : null, year: i % 3 == 1 ? 2025 : null, priorities: i % 5 == 0 ? "Bộ đội xuất ngũ; người khuyết tật" : null,
                consent: i == 9 ? null : "Có", consentDate: i == 9 ? null : "15/03/2026")).ToList();
            rows.Insert(4, Row(1, knownName, "01/02/1980", "Nam", knownCccd, "Xã Bình Lư", phone: "0987654321", household: "cận nghèo", year: 2025, priorities: "Ngư dân"));
            var run = await CommitFileAsync(scope, TestWorkbook.Sheet([Header, .. rows]), copy);
            var cccds = people.Select(p => p.Cccd).OfType<string>().Append(knownCccd).ToList();
            var names = people.Select(p => TextSearch.Normalize(p.Name)).ToList();
            var learners = await TestData.WithDbAsync(db => db.Learners.AsNoTracking().IgnoreQueryFilters()
                .Include(l => l.Households).Include(l => l.Consents).Include(l => l.Priorities)
                .Where(l => (l.Cccd != null && cccds.Contains(l.Cccd)) || names.Contains(l.SearchName)).ToListAsync());
            // Each person by their place in the list; the one on file is -1.
            var order = people.Select((p, i) => (p, i)).ToDictionary(x => TextSearch.Normalize(x.p.Name), x => x.i);
            int Place(Learner l) => l.Cccd == knownCccd ? -1 : order[l.SearchName];
            var byId = learners.ToDictionary(l => l.Id, Place);
            // The test clock runs: each batch has its own time, so times are compared by their order (the first batch's, the second's…).
            // PostgreSQL keeps microseconds, the audit line's JSON the clock's 100 ns.
            static DateTime Micro(DateTime t) => new(t.Ticks - t.Ticks % 10, DateTimeKind.Utc);
            var times = learners.SelectMany(l => l.Consents.Select(c => c.RecordedAt).Append(l.CreatedAt).Append(l.UpdatedAt)).Select(Micro).Distinct().Order()
                .Select((t, i) => (t, i)).ToDictionary(x => x.t, x => $"t{x.i}");
            string Time(DateTime t) => times[Micro(t)];
            var run2 = run with { Learners = learners.Select(l => Shape(l, Place(l), Time)).Order(StringComparer.Ordinal).ToList() };

            var keys = learners.SelectMany(l => l.Households.Select(h => ("LearnerHousehold", h.Id.ToString(CultureInfo.InvariantCulture), Place(l)))
                .Concat(l.Consents.Select(c => ("LearnerConsent", c.Id.ToString(CultureInfo.InvariantCulture), Place(l))))
                .Concat(l.Priorities.Select(p => ("LearnerPriority", $"{l.Id},{p.Category}", Place(l))))
                .Append(("Learner", l.Id.ToString(CultureInfo.InvariantCulture), Place(l)))).ToDictionary(k => (k.Item1, k.Item2), k => k.Item3);
            var ids = keys.Keys.Select(k => k.Item2).ToList();
            var audit = await TestData.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => ids.Contains(a.EntityId!)).ToListAsync());
            var learnerIds = byId.Keys.ToList();
            var changes = await TestData.WithDbAsync(db => db.ChangeLog.AsNoTracking().Where(c => c.EntityType == "learners" && learnerIds.Contains(c.EntityId)).ToListAsync());
            return run2 with
            {
                Audit = audit.Where(a => keys.ContainsKey((a.EntityType, a.EntityId!)))
                    .Select(a => $"{keys[(a.EntityType, a.EntityId!)]} {a.EntityType} {a.Action} {a.UserName} {a.OrganisationId} {a.ProvinceId} {a.ContainsPersonalData} {a.IpAddress} {Json(a.Before, Time)} {Json(a.After, Time)}")
                    .Order(StringComparer.Ordinal).ToList(),
                Changes = changes.Select(c => $"{byId[c.EntityId]} {c.Operation} {c.CommuneId} {c.OrganisationId} {c.ProvinceId}").Order(StringComparer.Ordinal).ToList(),
                Marks = run.RawMarks.Where(m => m.Subject is null || byId.ContainsKey(m.SubjectId ?? 0))
                    .Select(m => $"{m.Family} {m.CommuneId} {m.Year} {m.Subject} {(m.SubjectId is { } id ? byId[id] : null)}").Order(StringComparer.Ordinal).ToList(),
            };
        }

        var saved = await ImportAsync(copy: false);
        var copied = await ImportAsync(copy: true);

        (copied.Created, copied.Updated, copied.Rejected).ShouldBe((10, 1, 0));
        (saved.Created, saved.Updated, saved.Rejected).ShouldBe((10, 1, 0));
        copied.Learners.Count.ShouldBe(11);
        copied.Learners.ShouldBe(saved.Learners);
        copied.Audit.Count.ShouldBeGreaterThan(30);
        copied.Audit.ShouldBe(saved.Audit);
        copied.Changes.Count.ShouldBe(12, "10 people added, and the one on file added before and updated");
        copied.Changes.ShouldBe(saved.Changes);
        copied.Marks.ShouldNotBeEmpty();
        copied.Marks.ShouldBe(saved.Marks);
    }

    private sealed record Run(int Created, int Updated, int Rejected, List<IndicatorMark> RawMarks)
    {
        public List<string> Learners { get; init; } = [];
        public List<string> Audit { get; init; } = [];
        public List<string> Changes { get; init; } = [];
        public List<string> Marks { get; init; } = [];
    }

    /// <summary>A person as recorded, without what differs between two lists by design (id, name, CCCD).</summary>
    private static string Shape(Learner l, int place, Func<DateTime, string> time) =>
        $"{place} {l.BirthDate} {l.Sex} {l.Cccd is null} {l.CccdMismatchConfirmed} {l.EthnicGroupId} {l.Phone} {l.CommuneId} {l.RegisteredCommuneId} {l.ProvinceId} {l.Address} "
        + $"{l.EducationLevel} {l.MergedIntoId} {time(l.CreatedAt)} {time(l.UpdatedAt)} | "
        + string.Join(";", l.Households.OrderBy(h => h.Year).Select(h => $"{h.Year} {h.Status}")) + " | "
        + string.Join(";", l.Consents.OrderBy(c => c.GivenOn).Select(c => $"{c.Purpose} {c.GivenOn} {c.RecordedBy} {time(c.RecordedAt)} {c.Method} {c.NoticeVersion} {c.WithdrawnOn}")) + " | "
        + string.Join(";", l.Priorities.Select(p => p.Category.ToString()).Order(StringComparer.Ordinal));

    /// <summary>An audit line's values without the ids, names and CCCDs that differ between the two lists, times by their order.</summary>
    private static string Json(string? json, Func<DateTime, string> time)
    {
        if (json is null) return "-";
        var values = JsonSerializer.Deserialize<SortedDictionary<string, JsonElement>>(json)!;
        foreach (var key in new[] { "Id", "LearnerId", "FullName", "SearchName", "Cccd" })
            if (values.ContainsKey(key)) values[key] = JsonSerializer.SerializeToElement(values[key].ValueKind == JsonValueKind.Null ? "null" : "*");
        foreach (var key in new[] { "CreatedAt", "UpdatedAt", "RecordedAt" })
            if (values.TryGetValue(key, out var value) && value.ValueKind == JsonValueKind.String)
                values[key] = JsonSerializer.SerializeToElement(time(value.GetDateTime().ToUniversalTime()));
        return JsonSerializer.Serialize(values);
    }

    /// <summary>
    /// Commits a file through the learner template as the import runner does, in one transaction, and returns the maintained
    /// values' marks the transaction wrote: read before it commits, so the worker has not taken them yet (REPEATABLE READ on
    /// PostgreSQL, so other tests' committed marks stay out of sight; SQLite has one writer).
    /// </summary>
    private static async Task<Run> CommitFileAsync(DataScope scope, byte[] file, bool copy)
    {
        await using var services = TestApp.Instance.Services.CreateAsyncScope();
        services.ServiceProvider.GetRequiredService<DataScopeAccessor>().Current = scope;
        var db = services.ServiceProvider.GetRequiredService<DaoTaoNghe.Data.AppDbContext>();
        var template = services.ServiceProvider.GetRequiredService<LearnersImport>();
        using var source = ImportSource.Open(() => new MemoryStream(file), "danh-sach.xlsx", ImportLimits.Default);
        var table = ImportTable.Read(source, template.Columns);
        await using var transaction = await db.Database.BeginTransactionAsync(db.Database.IsNpgsql() ? IsolationLevel.RepeatableRead : IsolationLevel.Serializable);
        var before = await db.IndicatorMarks.MaxAsync(m => (long?)m.Id) ?? 0;
        var summary = await template.RunAsync(new ImportRun(table.Rows, ImportHeaders.Match(table.Header, template.Columns), table.Header.Row, source.MergedRanges,
            Commit: true, BatchSize: 4, MayCopy: copy), CancellationToken.None);
        var marks = await db.IndicatorMarks.AsNoTracking().Where(m => m.Id > before).ToListAsync();
        await transaction.CommitAsync();
        return new Run(summary.Created, summary.Updated, summary.Rejected, marks);
    }

    /// <summary>The first batch is copied in before the database refuses a row of the second: the whole file is taken back.</summary>
    [Fact]
    public async Task A_database_refusal_after_a_batch_was_copied_in_leaves_no_person_audit_line_or_change_and_the_commit_can_be_retried()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, binhLu);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var marker = Letters();
        var people = Enumerable.Range(0, 520).Select(i => (Name: $"Lò Thị {char.ToUpperInvariant(marker[0])}{marker[1..]} {Letters()}", Cccd: Cccd(Sex.Female, 1995))).ToList();
        var file = TestWorkbook.Sheet([Header, .. people.Select((p, i) => Row(i + 1, p.Name, "12/04/1995", "Nữ", p.Cccd, "Xã Bình Lư", household: "Hộ nghèo", year: 2025,
            consent: "Có", consentDate: "01/06/2025"))]);
        var dryRun = await DryRunAsync(browser, "danh-sach-dai.xlsx", file, Template);
        Counts(dryRun).ShouldBe((520, 520, 0, 0, 0));
        var searchName = TextSearch.Normalize(people[0].Name)[..^9];
        Task<int> PeopleAsync() => TestData.WithDbAsync(db => db.Learners.IgnoreQueryFilters().CountAsync(l => l.SearchName.StartsWith(searchName)));

        var poison = TextSearch.Normalize(people[510].Name);
        await RunSqlAsync(db => db.Database.IsSqlite()
            ? [$"CREATE TRIGGER refuse_{marker} BEFORE INSERT ON learners WHEN NEW.search_name = '{poison}' BEGIN SELECT RAISE(ABORT, 'refused'); END;"]
            : [$"CREATE FUNCTION refuse_{marker}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.search_name = '{poison}' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$;",
               $"CREATE TRIGGER refuse_{marker} BEFORE INSERT ON learners FOR EACH ROW EXECUTE FUNCTION refuse_{marker}();"]);
        JsonElement failed;
        try
        {
            failed = await CommitAsync(browser, dryRun.GetProperty("jobId").GetInt32());
        }
        finally
        {
            await RunSqlAsync(db => db.Database.IsSqlite()
                ? [$"DROP TRIGGER refuse_{marker};"]
                : [$"DROP TRIGGER refuse_{marker} ON learners;", $"DROP FUNCTION refuse_{marker}();"]);
        }

        Status(failed).ShouldBe("Failed");
        failed.GetProperty("error").GetString().ShouldBe(DaoTaoNghe.Features.Imports.ImportRunner.CommitFailed);
        (await PeopleAsync()).ShouldBe(0);
        (await TestData.WithDbAsync(db => db.LearnerHouseholds.IgnoreQueryFilters().CountAsync(h => h.Learner.SearchName.StartsWith(searchName)))).ShouldBe(0);
        (await TestData.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(Learner) && a.After!.Contains(people[0].Cccd)))).ShouldBe(0);

        Status(await CommitAsync(browser, dryRun.GetProperty("jobId").GetInt32())).ShouldBe("Committed");
        (await PeopleAsync()).ShouldBe(520);
    }

    /// <summary>The statements are the test's own text (generated letters), not user input.</summary>
    private static Task RunSqlAsync(Func<DbContext, string[]> statements) => TestData.WithDbAsync(async db =>
    {
        foreach (var sql in statements(db)) await db.Database.ExecuteSqlRawAsync(sql);
    });

    private static Task<Learner?> FindAsync(string cccd) =>
        TestData.WithDbAsync(db => db.Learners.AsNoTracking().IgnoreQueryFilters()
            .Include(l => l.Households).Include(l => l.Consents).Include(l => l.Priorities)
            .SingleOrDefaultAsync(l => l.Cccd == cccd && l.MergedIntoId == null));
}
