using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Imports;
using DaoTaoNghe.Tests.Features.Learners;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.Courses.TrainingTestData;
using static DaoTaoNghe.Tests.Features.Imports.ImportSteps;

namespace DaoTaoNghe.Tests.Features.Courses;

public class EnrolmentsImportTests
{
    private const string Template = EnrolmentsImport.TemplateCode;

    // A course, B CCCD, C name, D birth date, E enrolled on, F km, G fare, H other policy, I days, J result, K score, L result date, M dropped on, N reason
    private static readonly object?[] Header =
    [
        "Mã lớp", "Số CCCD", "Họ và tên", "Ngày sinh", "Ngày ghi danh", "Khoảng cách đến nơi học (km)", "Giá vé cả khóa (đồng)", "Đã hỗ trợ theo chính sách khác",
        "Số ngày học", "Kết quả", "Điểm", "Ngày công nhận kết quả", "Ngày bỏ học", "Lý do bỏ học", "Lý do công nhận đạt",
    ];

    private static object?[] Row(int course, Learner learner, string? birthDate = null, string? name = null, object? enrolledOn = null, object? km = null,
        object? fare = null, string? otherPolicy = null, object? days = null, string? result = null, object? score = null, object? resultOn = null,
        object? droppedOn = null, string? reason = null) =>
    [
        course, learner.Cccd, name, birthDate ?? learner.BirthDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), enrolledOn, km, fare, otherPolicy, days,
        result, score, resultOn, droppedOn, reason,
    ];

    [Fact]
    public async Task An_institution_enrols_records_days_results_and_dropouts_by_the_forms_rules_and_a_rerun_changes_nothing()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var setup = await InstitutionAsync();
        using var browser = await TestBrowser.SignedInAsync(setup.Staff);
        var open = await OpenCourseAsync(browser, CourseForm(setup, binhLu.Id));
        var running = await OpenCourseAsync(browser, CourseForm(setup, binhLu.Id, mode: AttendanceMode.Summary));
        var studying = await LearnerAsync(binhLu.Id);
        var studyingId = await EnrolledAsync(browser, running, studying);
        (await ActAsync(browser, $"/Courses/Details/{running}", "Start")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var other = await InstitutionAsync();
        using var otherBrowser = await TestBrowser.SignedInAsync(other.Staff);
        var othersCourse = await OpenCourseAsync(otherBrowser, CourseForm(other, binhLu.Id));

        var byForm = await LearnerAsync(binhLu.Id, ethnicCode: Thai, household: HouseholdStatus.Poor);
        var byFormId = await EnrolledAsync(browser, open, byForm, new() { ["Data.DistanceKm"] = "18", ["Data.TravelFare"] = "150.000" });
        var twin = await LearnerAsync(binhLu.Id, ethnicCode: Thai, household: HouseholdStatus.Poor);
        var paidElsewhere = await LearnerAsync(binhLu.Id);
        var paidElsewhereId = await EnrolledAsync(browser, open, paidElsewhere);
        var leaving = await LearnerAsync(binhLu.Id, ethnicCode: Thai, household: HouseholdStatus.Poor);
        var unregistered = new Learner { Cccd = LearnerTestData.Cccd(Sex.Female, 1994), BirthDate = new DateOnly(1994, 5, 20) };
        var child = await LearnerAsync(binhLu.Id, birthDate: new DateOnly(2013, 1, 1));
        var noDate = await LearnerAsync(binhLu.Id);
        var daily = await LearnerAsync(binhLu.Id);

        var file = TestWorkbook.Sheet(
            Header,
            Row(open, twin, name: twin.FullName, km: "18", fare: "150.000"),
            Row(open, paidElsewhere, otherPolicy: "Có"),
            Row(open, byForm),
            Row(running, studying, days: 60, result: "Đạt", score: "8,5", resultOn: "13/11/2026"),
            Row(running, leaving, enrolledOn: new DateOnly(2026, 9, 1), days: 20, result: "Bỏ học", droppedOn: "10/10/2026", reason: "Đi làm công nhân ở Bắc Ninh"),
            Row(open, unregistered),
            Row(open, twin, birthDate: "21/05/1994"),
            Row(open, child),
            Row(open, studying),
            Row(running, noDate, result: "Hoàn thành"),
            Row(open, daily, days: 3),
            Row(othersCourse, daily),
            Row(running, byForm, name: "Người Khác Hẳn"),
            Row(running, twin, birthDate: "21/05/1993"));

        var dryRun = await DryRunAsync(browser, "ghi-danh.xlsx", file, Template);

        Status(dryRun).ShouldBe("Checked");
        Counts(dryRun).ShouldBe((14, 2, 2, 1, 9));
        Errors(dryRun).OrderBy(e => e.Row).ShouldBe([
            (7, "B", Enrol.NotRegistered),
            (8, "", $"Trùng với dòng 2: cùng Mã lớp + Số CCCD của người học; mỗi bản ghi chỉ được có một dòng trong tệp."),
            (9, "B", "Người học chưa đủ 15 tuổi vào ngày khai giảng 07/09/2026 (sinh ngày 01/01/2013): chưa đến tuổi lao động."),
            (10, "B", $"{studying.FullName} đang học lớp \"{(await CourseAsync(running)).Name}\" của {setup.Institution.Name} (07/09/2026–13/11/2026), trùng thời gian với lớp này (07/09/2026–13/11/2026)."),
            (11, "L", "Ngày công nhận kết quả phải từ ngày khai giảng 07/09/2026 đến hôm nay."),
            (12, "", "Lớp đang ở trạng thái \"Đang tuyển sinh\": không thể điểm danh. Chỉ điểm danh khi lớp đang học."),
            (13, "A", $"Lớp mã {othersCourse} không phải lớp của đơn vị bạn: chỉ nhập được ghi danh vào lớp của đơn vị mình."),
            (14, "C", "Họ và tên khác họ tên trong hồ sơ người học có số CCCD và ngày sinh này; hãy kiểm tra lại."),
            (15, "B", Enrol.NotRegistered),
        ]);
        (await CourseAsync(open)).Enrolments.Count.ShouldBe(2);

        var committed = await CommitAsync(browser, dryRun.GetProperty("jobId").GetInt32());

        Status(committed).ShouldBe("Committed");
        Counts(committed).ShouldBe((14, 2, 2, 1, 9));
        Errors(committed).OrderBy(e => e.Row).ShouldBe(Errors(dryRun).OrderBy(e => e.Row));
        var reference = await EnrolmentAsync(byFormId);
        var imported = await EnrolmentAsync(await EnrolmentIdAsync(open, twin.Id));
        (imported.Status, imported.EnrolledOn, imported.ResidenceCommuneId, imported.InstitutionId, imported.DistanceKm, imported.TravelFare)
            .ShouldBe((EnrolmentStatus.Enrolled, reference.EnrolledOn, binhLu.Id, setup.Institution.Id, 18d, 150_000L));
        (imported.SupportGroup, imported.SupportRuleSetId, imported.SupportTuition, imported.SupportMeals, imported.SupportTravel, imported.SupportTotal, imported.SupportDerivation)
            .ShouldBe((reference.SupportGroup, reference.SupportRuleSetId, reference.SupportTuition, reference.SupportMeals, reference.SupportTravel, reference.SupportTotal,
                reference.SupportDerivation));
        imported.SupportTotal.ShouldBe(3_500_000 + 45 * 30_000 + 150_000);
        var paid = await EnrolmentAsync(paidElsewhereId);
        (paid.OtherPolicyPaid, paid.SupportTuition).ShouldBe((true, 0L));
        var completed = await EnrolmentAsync(studyingId);
        (completed.Status, completed.DaysAttended, completed.Score, completed.ResultOn).ShouldBe((EnrolmentStatus.Completed, 60, 8.5, new DateOnly(2026, 11, 13)));
        var dropped = await EnrolmentAsync(await EnrolmentIdAsync(running, leaving.Id));
        (dropped.Status, dropped.EnrolledOn, dropped.DaysAttended, dropped.DroppedOn, dropped.DropReason)
            .ShouldBe((EnrolmentStatus.DroppedOut, new DateOnly(2026, 9, 1), 20, new DateOnly(2026, 10, 10), "Đi làm công nhân ở Bắc Ninh"));
        dropped.SupportMeals.ShouldBe(20 * 30_000, "a dropout's meals are paid on the days studied");
        dropped.DerivationLines.ShouldContain(l => l.Contains("Số ngày thực học tính tiền ăn: 20 ngày"));
        var jobId = committed.GetProperty("jobId").GetInt32();
        (await TestData.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditAction.Import && a.EntityId == jobId.ToString())))
            .ContainsPersonalData.ShouldBeTrue();

        var ids = new[] { reference.Id, imported.Id, paid.Id, completed.Id, dropped.Id }.Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
        Task<int> ChangesAsync() => TestData.WithDbAsync(db => db.AuditEntries.CountAsync(a =>
            a.EntityType == nameof(Enrolment) && ids.Contains(a.EntityId!) && a.Action != AuditAction.View));
        var trail = await ChangesAsync();

        var again = await DryRunAsync(browser, "ghi-danh (1).xlsx", file, Template);
        Counts(again).ShouldBe((14, 0, 0, 5, 9));
        Counts(await CommitAsync(browser, again.GetProperty("jobId").GetInt32())).ShouldBe((14, 0, 0, 5, 9));
        (await ChangesAsync()).ShouldBe(trail);
        (await EnrolmentAsync(imported.Id)).SupportComputedAt.ShouldBe(imported.SupportComputedAt);
    }

    [Fact]
    public async Task Seats_and_the_orders_quota_are_counted_across_the_file_alike_in_the_dry_run_and_the_commit()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var setup = await InstitutionAsync(quota: 3);
        using var browser = await TestBrowser.SignedInAsync(setup.Staff);
        var small = await OpenCourseAsync(browser, CourseForm(setup, binhLu.Id, capacity: 2));
        var later = await OpenCourseAsync(browser, CourseForm(setup, binhLu.Id, start: "2026-12-01", end: "2026-12-30", plannedDays: 20));
        var people = new List<Learner>();
        for (var i = 0; i < 5; i++) people.Add(await LearnerAsync(binhLu.Id));

        var file = TestWorkbook.Sheet(
            Header,
            Row(small, people[0]),
            Row(small, people[1]),
            Row(small, people[2]),
            Row(later, people[3]),
            Row(later, people[4]),
            Row(later, people[0]));
        var dryRun = await DryRunAsync(browser, "si-so.xlsx", file, Template);
        var committed = await CommitAsync(browser, dryRun.GetProperty("jobId").GetInt32());

        foreach (var job in new[] { dryRun, committed })
        {
            Counts(job).ShouldBe((6, 3, 0, 0, 3));
            Errors(job).ShouldBe([
                (4, "", "Lớp đã đủ sĩ số 2 người: không ghi danh thêm được."),
                (6, "", "Đơn đặt hàng của lớp đã đủ chỉ tiêu 3 người: không ghi danh thêm được."),
                (7, "", "Đơn đặt hàng của lớp đã đủ chỉ tiêu 3 người: không ghi danh thêm được."),
            ]);
        }
        (await CourseAsync(small)).Enrolments.Select(e => e.LearnerId).Order().ShouldBe(new[] { people[0].Id, people[1].Id }.Order());
        (await CourseAsync(later)).Enrolments.Select(e => e.LearnerId).ShouldBe([people[3].Id]);
    }

    [Fact]
    public async Task Another_institutions_staff_cannot_import_into_the_course_on_the_page_or_the_api_and_nothing_changes()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var setup = await InstitutionAsync();
        using var owner = await TestBrowser.SignedInAsync(setup.Staff);
        var course = await OpenCourseAsync(owner, CourseForm(setup, binhLu.Id));
        var enrolled = await LearnerAsync(binhLu.Id);
        var enrolmentId = await EnrolledAsync(owner, course, enrolled);
        var newcomer = await LearnerAsync(binhLu.Id);
        var other = await InstitutionAsync();
        using var stranger = await TestBrowser.SignedInAsync(other.Staff);
        using var client = await ImportsApiTests.ClientWithKeyAsync(other.Staff);
        var before = await EnrolmentAsync(enrolmentId);

        var file = TestWorkbook.Sheet(Header, Row(course, newcomer), Row(course, enrolled, km: "25", otherPolicy: "Có"));
        var page = await DryRunAsync(stranger, "lop-khac.xlsx", file, Template);
        var api = await RunAsync(client, "lop-khac.xlsx", file, dryRun: false, template: Template);

        var refusal = $"Lớp mã {course} không phải lớp của đơn vị bạn: chỉ nhập được ghi danh vào lớp của đơn vị mình.";
        foreach (var job in new[] { page, api })
        {
            Counts(job).ShouldBe((2, 0, 0, 0, 2));
            Errors(job).ShouldBe([(2, "A", refusal), (3, "A", refusal)]);
        }
        (await CourseAsync(course)).Enrolments.Select(e => e.LearnerId).ShouldBe([enrolled.Id]);
        var after = await EnrolmentAsync(enrolmentId);
        (after.DistanceKm, after.OtherPolicyPaid, after.SupportTotal).ShouldBe((before.DistanceKm, before.OtherPolicyPaid, before.SupportTotal));

        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, binhLu);
        using var commune = await TestBrowser.SignedInAsync(officer);
        (await commune.GetAsync($"/Imports/New/{Template}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await commune.GetHtmlAsync($"/Courses/Details/{course}")).ShouldNotContain($"/Imports/New/{Template}");
    }

    [Fact]
    public async Task A_database_failure_mid_commit_leaves_the_course_as_it_was()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var setup = await InstitutionAsync();
        using var browser = await TestBrowser.SignedInAsync(setup.Staff);
        var course = await OpenCourseAsync(browser, CourseForm(setup, binhLu.Id, capacity: 40));
        var people = new List<Learner>();
        for (var i = 0; i < 3; i++) people.Add(await LearnerAsync(binhLu.Id));
        var file = TestWorkbook.Sheet([Header, .. people.Select(p => Row(course, p))]);
        var id = (await DryRunAsync(browser, "hong.xlsx", file, Template)).GetProperty("jobId").GetInt32();
        var marker = TestData.Unique().ToLowerInvariant();

        JsonElement failed;
        await RefuseInsertAsync(marker, people[2].Id);
        try
        {
            failed = await CommitAsync(browser, id);
        }
        finally
        {
            await AllowInsertAsync(marker);
        }

        Status(failed).ShouldBe("Failed");
        failed.GetProperty("error").GetString().ShouldBe(DaoTaoNghe.Features.Imports.ImportRunner.CommitFailed);
        (await CourseAsync(course)).Enrolments.ShouldBeEmpty();
        Counts(await CommitAsync(browser, id)).ShouldBe((3, 3, 0, 0, 0));
        (await CourseAsync(course)).Enrolments.Count.ShouldBe(3);
    }

    [Fact]
    public async Task The_course_page_leads_its_institution_to_the_template_which_lists_its_courses()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var setup = await InstitutionAsync();
        using var browser = await TestBrowser.SignedInAsync(setup.Staff);
        var course = await OpenCourseAsync(browser, CourseForm(setup, binhLu.Id));
        var (reader, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        using var readerBrowser = await TestBrowser.SignedInAsync(reader);

        (await browser.GetHtmlAsync($"/Courses/Details/{course}")).ShouldContain($"href=\"/Imports/New/{Template}\"");
        (await readerBrowser.GetHtmlAsync($"/Courses/Details/{course}")).ShouldNotContain($"/Imports/New/{Template}");
        (await browser.GetHtmlAsync("/Imports")).ShouldContain($"/Imports/New/{Template}");

        var bytes = await (await browser.GetAsync($"/Imports/New/{Template}?handler=Template")).Content.ReadAsByteArrayAsync();
        Xlsx.ReadRows(bytes)[0].ShouldBe(Header.Select(h => (string)h!).ToArray());
        var courses = Enumerable.Range(2, 3).Select(i => Xlsx.ReadRows(bytes, i)).First(s => s.Count > 0 && s[0].FirstOrDefault() == "Mã lớp");
        courses.Skip(1).Select(r => r[0]).ShouldBe([course.ToString(CultureInfo.InvariantCulture)]);

        var untouched = await DryRunAsync(browser, "mau-nhap-ghi-danh.xlsx", bytes, Template);
        Counts(untouched).ShouldBe((0, 0, 0, 0, 0));
    }

    [Fact]
    public async Task Numbers_a_file_does_not_find_are_counted_and_audited_as_CCCD_lookups_and_past_the_hourly_limit_the_file_is_refused()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var setup = await InstitutionAsync();
        using var browser = await TestBrowser.SignedInAsync(setup.Staff);
        var course = await OpenCourseAsync(browser, CourseForm(setup, binhLu.Id));
        var registered = await LearnerAsync(binhLu.Id);
        Learner Guess() => new() { Cccd = LearnerTestData.Cccd(Sex.Female, 1994), BirthDate = new DateOnly(1994, 5, 20) };
        Task<List<AuditEntry>> LookupsAsync() => TestData.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.UserName == setup.Staff && a.Action == AuditAction.Lookup).OrderBy(a => a.Id).ToListAsync());

        var (first, second) = (Guess(), Guess());
        var small = await DryRunAsync(browser, "it-sai.xlsx", TestWorkbook.Sheet(Header, Row(course, registered), Row(course, first), Row(course, second)), Template);

        Status(small).ShouldBe("Checked");
        Counts(small).ShouldBe((3, 1, 0, 0, 2));
        (await LookupsAsync()).Select(l => l.Summary).ShouldBe([
            $"Nhập ghi danh từ tệp (số CCCD và ngày sinh): số {first.Cccd}, không tìm thấy",
            $"Nhập ghi danh từ tệp (số CCCD và ngày sinh): số {second.Cccd}, không tìm thấy",
        ], "a person found is the file's ordinary work and is not counted; each number not found is");

        var guesses = Enumerable.Range(0, 60).Select(_ => Row(course, Guess())).Prepend(Row(course, registered)).Prepend(Header).ToArray();
        var refused = await DryRunAsync(browser, "doan-so.xlsx", TestWorkbook.Sheet(guesses), Template);

        Status(refused).ShouldBe("Refused");
        refused.GetProperty("error").GetString()!.ShouldStartWith(
            "Tệp có quá nhiều số CCCD không khớp với người học đã đăng ký nên không được xử lý. Bạn đã tra cứu theo số CCCD 60 lần trong một giờ");
        refused.GetProperty("errors").GetArrayLength().ShouldBe(0, "no row tells a registered number from a guess");
        var lines = await LookupsAsync();
        lines.Count.ShouldBe(60);
        lines.ShouldAllBe(l => l.ContainsPersonalData && l.Summary!.EndsWith("không tìm thấy"));
        (await CourseAsync(course)).Enrolments.ShouldBeEmpty();
        Status(await DryRunAsync(browser, "mot-so.xlsx", TestWorkbook.Sheet(Header, Row(course, Guess())), Template)).ShouldBe("Refused");
        var fine = await DryRunAsync(browser, "dung.xlsx", TestWorkbook.Sheet(Header, Row(course, registered)), Template);
        Counts(fine).ShouldBe((1, 1, 0, 0, 0), "a file of people found is not held back");
    }

    /// <summary>A rule only the database checks (a trigger), refusing one learner's enrolment: the stand-in for any constraint failing mid-commit.</summary>
    private static Task RefuseInsertAsync(string marker, int learnerId) => RunSqlAsync(db => db.Database.IsSqlite()
        ? [$"CREATE TRIGGER refuse_{marker} BEFORE INSERT ON enrolments WHEN NEW.learner_id = {learnerId} BEGIN SELECT RAISE(ABORT, 'refused'); END;"]
        : [$"CREATE FUNCTION refuse_{marker}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.learner_id = {learnerId} THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$;",
           $"CREATE TRIGGER refuse_{marker} BEFORE INSERT ON enrolments FOR EACH ROW EXECUTE FUNCTION refuse_{marker}();"]);

    private static Task AllowInsertAsync(string marker) => RunSqlAsync(db => db.Database.IsSqlite()
        ? [$"DROP TRIGGER refuse_{marker};"]
        : [$"DROP TRIGGER refuse_{marker} ON enrolments;", $"DROP FUNCTION refuse_{marker}();"]);

    /// <summary>The statements are the test's own text (a marker and a learner id), not user input.</summary>
    private static Task RunSqlAsync(Func<DbContext, string[]> statements) => TestData.WithDbAsync(async db =>
    {
        foreach (var sql in statements(db)) await db.Database.ExecuteSqlRawAsync(sql);
    });
}
