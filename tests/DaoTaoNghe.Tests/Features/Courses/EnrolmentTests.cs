using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Learners;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DaoTaoNghe.Tests.Features.Courses.TrainingTestData;

namespace DaoTaoNghe.Tests.Features.Courses;

public class EnrolmentTests
{
    /// <summary>A course of 40 planned days at 3,000,000 đ with two learners owed support: a disabled person travelling 7 km and a rural worker.</summary>
    private static async Task<(TrainingSetup Setup, int Course, Learner Worker)> TwoOnAPaymentListAsync()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var setup = await InstitutionAsync();
        using var browser = await TestBrowser.SignedInAsync(setup.Staff);
        var course = await OpenCourseAsync(browser, CourseForm(setup, binhLu.Id, cost: 3_000_000, plannedDays: 40));
        var disabled = await LearnerAsync(binhLu.Id, categories: [PriorityCategory.Disabled], name: "Lò Văn Một");
        var worker = await LearnerAsync(binhLu.Id, name: "Lò Thị Hai");
        await EnrolledAsync(browser, course, disabled, new() { ["Data.DistanceKm"] = "7", ["Data.TravelFare"] = "120.000" });
        await EnrolledAsync(browser, course, worker);
        return (setup, course, worker);
    }

    [Fact]
    public async Task The_payment_list_is_an_xlsx_for_signatures_with_totals_and_its_export_is_audited_as_personal_data()
    {
        var (setup, course, worker) = await TwoOnAPaymentListAsync();
        using var browser = await TestBrowser.SignedInAsync(setup.Staff);

        var paper = await Xlsx.DownloadAsync(browser, $"/Courses/Details/{course}?handler=PaymentList");

        paper[0].ShouldContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        paper[1][0].ShouldBe(setup.Institution.Name.ToUpper(new System.Globalization.CultureInfo("vi-VN")));
        paper[2][0].ShouldBe("DANH SÁCH CHI TRẢ HỖ TRỢ ĐÀO TẠO");
        paper[3][0].ShouldStartWith("Lớp ");
        var header = paper.FindIndex(r => r.FirstOrDefault() == "STT");
        var rows = paper.Skip(header).ToList();
        // The institution pays, so it sees the amounts; the group's name is for the roles that see sensitive data.
        rows[0].ShouldBe(["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Xã, phường", "Số ngày học", "Hỗ trợ học phí (đ)", "Tiền ăn (đ)",
            "Tiền đi lại (đ)", "Tổng (đ)", "Ký nhận", "Tình trạng chi trả"]);
        rows[1][1].ShouldBe("Lò Thị Hai");
        rows[1][3].ShouldBe(worker.Cccd);
        rows[1][9].ShouldBe("2000000");
        rows[2][1].ShouldBe("Lò Văn Một");
        rows[2][6].ShouldBe("3000000");
        rows[2][7].ShouldBe((40 * 30_000).ToString());
        rows[2][8].ShouldBe("120000");
        rows[3][1].ShouldBe("Tổng cộng");
        rows[3][9].ShouldBe((2_000_000 + 3_000_000 + 1_200_000 + 120_000).ToString());
        rows[4][0].ShouldBe("Tổng số tiền: 6.320.000 đ");
        rows[5][0].ShouldBe("Bằng chữ: Sáu triệu ba trăm hai mươi nghìn đồng.");
        rows[^2].Where(c => c.Length > 0).ShouldBe(["Người lập biểu", "Kế toán", "Thủ trưởng đơn vị"]);
        var audit = await TestData.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditAction.Export && a.UserName == setup.Staff).ToListAsync());
        audit.ShouldHaveSingleItem().ContainsPersonalData.ShouldBeTrue();
        audit[0].EntityType.ShouldBe($"Danh sách chi trả hỗ trợ lớp {course}");

        var (department, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        using var departmentBrowser = await TestBrowser.SignedInAsync(department);
        (await departmentBrowser.GetAsync($"/Courses/Details/{course}?handler=PaymentList")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await departmentBrowser.GetAsync($"/api/v1/courses/{course}/payment-list")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_payment_list_prints_from_the_browser_with_the_same_figures_and_its_view_is_audited()
    {
        var (setup, course, worker) = await TwoOnAPaymentListAsync();
        using var browser = await TestBrowser.SignedInAsync(setup.Staff);

        TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Courses/Details/{course}")).ShouldContain("Danh sách chi trả (bản in)");
        var html = await browser.GetHtmlAsync($"/Courses/PaymentList/{course}");
        var page = TestBrowser.HtmlText(html);

        page.ShouldContain(setup.Institution.Name.ToUpper(new System.Globalization.CultureInfo("vi-VN")));
        page.ShouldContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        page.ShouldContain("DANH SÁCH CHI TRẢ HỖ TRỢ ĐÀO TẠO");
        page.IndexOf("Lò Thị Hai", StringComparison.Ordinal).ShouldBeLessThan(page.IndexOf("Lò Văn Một", StringComparison.Ordinal));
        page.ShouldContain(worker.Cccd!);
        page.ShouldContain("Tổng cộng 5.000.000 1.200.000 120.000 6.320.000");
        page.ShouldContain("Tổng số tiền: 6.320.000 đ");
        page.ShouldContain("Bằng chữ: Sáu triệu ba trăm hai mươi nghìn đồng.");
        page.ShouldContain("Người lập biểu (Ký, ghi rõ họ tên) Kế toán (Ký, ghi rõ họ tên) Thủ trưởng đơn vị (Ký, ghi rõ họ tên)");
        page.ShouldNotContain("Nhóm đối tượng", customMessage: "the institution pays but does not see the group");
        html.ShouldContain("/css/paper.css");
        var audit = await TestData.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditAction.Export && a.UserName == setup.Staff).ToListAsync());
        audit.ShouldHaveSingleItem().EntityType.ShouldBe($"In danh sách chi trả hỗ trợ lớp {course}");
        audit[0].ContainsPersonalData.ShouldBeTrue();

        var (department, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        using var departmentBrowser = await TestBrowser.SignedInAsync(department);
        (await departmentBrowser.GetAsync($"/Courses/PaymentList/{course}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var adminBrowser = await TestBrowser.SignedInAsync(admin);
        TestBrowser.HtmlText(await adminBrowser.GetHtmlAsync($"/Courses/PaymentList/{course}")).ShouldContain("Nhóm đối tượng");
    }

    [LibreOfficeFact]
    public async Task The_payment_list_of_ten_people_prints_on_one_A4_page_in_LibreOffice()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var setup = await InstitutionAsync();
        using var browser = await TestBrowser.SignedInAsync(setup.Staff);
        var course = await OpenCourseAsync(browser, CourseForm(setup, binhLu.Id, cost: 3_000_000, plannedDays: 40));
        for (var i = 0; i < 10; i++)
            await EnrolledAsync(browser, course, await LearnerAsync(binhLu.Id, categories: [PriorityCategory.Disabled]),
                new() { ["Data.DistanceKm"] = "7", ["Data.TravelFare"] = "120.000" });

        var response = await browser.GetAsync($"/Courses/Details/{course}?handler=PaymentList");
        var content = await response.Content.ReadAsByteArrayAsync();

        Xlsx.ReadRows(content).Count(r => r.FirstOrDefault() is { Length: > 0 } n && char.IsDigit(n[0])).ShouldBe(10);
        (await LibreOffice.PdfPagesAsync(content, "xlsx")).ShouldBe(1);
    }

    [Fact]
    public async Task A_manual_override_needs_the_province_admin_and_a_reason_keeps_the_computed_amounts_and_is_audited()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var setup = await InstitutionAsync();
        using var browser = await TestBrowser.SignedInAsync(setup.Staff);
        var course = await OpenCourseAsync(browser, CourseForm(setup, binhLu.Id));
        var id = await EnrolledAsync(browser, course, await LearnerAsync(binhLu.Id));
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var adminBrowser = await TestBrowser.SignedInAsync(admin);

        var byInstitution = await browser.Http.PutAsJsonAsync($"/api/v1/enrolments/{id}/support/override", new { tuition = 2_500_000, meals = 0, travel = 0, reason = "Bổ sung theo biên bản" });
        var noReason = TestBrowser.HtmlText(await (await adminBrowser.PostFormAsync($"/Courses/Enrolment/{id}", new()
        {
            ["Override.Tuition"] = "2.500.000", ["Override.Meals"] = "0", ["Override.Travel"] = "0", ["Override.Reason"] = "",
        }, $"/Courses/Enrolment/{id}?handler=Override")).Content.ReadAsStringAsync());
        var aboveCost = await adminBrowser.Http.PutAsJsonAsync($"/api/v1/enrolments/{id}/support/override",
            new { tuition = 3_600_000, meals = 0, travel = 0, reason = "Vượt chi phí thực tế của lớp" });
        var done = await adminBrowser.PostFormAsync($"/Courses/Enrolment/{id}", new()
        {
            ["Override.Tuition"] = "2.500.000", ["Override.Meals"] = "300.000", ["Override.Travel"] = "0",
            ["Override.Reason"] = "Hộ cận nghèo theo quyết định bổ sung của UBND xã",
        }, $"/Courses/Enrolment/{id}?handler=Override");

        byInstitution.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        noReason.ShouldContain("Vui lòng nhập lý do điều chỉnh.");
        aboveCost.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await aboveCost.Content.ReadAsStringAsync()).ShouldContain("không được vượt chi phí đào tạo thực tế");
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestBrowser.HtmlText(await done.Content.ReadAsStringAsync()));
        var enrolment = await EnrolmentAsync(id);
        enrolment.SupportTuition.ShouldBe(2_000_000);
        enrolment.OverrideTuition.ShouldBe(2_500_000);
        enrolment.SupportTotal.ShouldBe(2_800_000);
        enrolment.OverrideBy.ShouldBe(admin);
        var change = await TestData.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditAction.Update && a.EntityType == nameof(Enrolment) && a.EntityId == id.ToString() && a.UserName == admin).SingleAsync());
        change.After!.ShouldContain("Hộ cận nghèo theo quyết định bổ sung của UBND xã");
        change.Before!.ShouldContain("\"SupportTotal\":2000000");
        TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Courses/Enrolment/{id}")).ShouldContain("Điều chỉnh thủ công bởi " + await TestData.PersonNameAsync(admin));
    }

    [Fact]
    public async Task An_institution_identifies_a_person_without_a_CCCD_by_name_birth_date_and_commune_and_never_registers_walk_ins()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var setup = await InstitutionAsync();
        using var browser = await TestBrowser.SignedInAsync(setup.Staff);
        var course = await OpenCourseAsync(browser, CourseForm(setup, binhLu.Id));
        var name = LearnerTestData.Name("Vàng Thị");
        var learner = await LearnerAsync(binhLu.Id, withCccd: false, name: name);

        var missingCommune = TestBrowser.HtmlText(await (await EnrolAsync(browser, course, new()
        {
            ["Data.FullName"] = name, ["Data.BirthDate"] = "1994-05-20",
        })).Content.ReadAsStringAsync());
        var response = await EnrolAsync(browser, course, new()
        {
            ["Data.FullName"] = DaoTaoNghe.Infrastructure.Text.TextSearch.Normalize(name), ["Data.BirthDate"] = "1994-05-20", ["Data.CommuneId"] = binhLu.Id.ToString(),
        });

        missingCommune.ShouldContain("Người học không có số CCCD: vui lòng chọn xã, phường nơi cư trú.");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()));
        (await EnrolmentIdAsync(course, learner.Id)).ShouldBePositive();
        (await browser.PostJsonAsync("/api/v1/learners", new { fullName = "Người Vãng Lai", birthDate = "1990-01-01", sex = "Male", communeId = binhLu.Id }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_commune_officer_follows_residents_enrolments_and_a_merge_moves_them_to_the_surviving_record()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, binhLu);
        var setup = await InstitutionAsync();
        using var institution = await TestBrowser.SignedInAsync(setup.Staff);
        using var commune = await TestBrowser.SignedInAsync(officer);
        var form = CourseForm(setup, binhLu.Id);
        var course = await OpenCourseAsync(institution, form);
        var name = LearnerTestData.Name("Lò Thị");
        var duplicate = await LearnerAsync(binhLu.Id, name: name);
        var survivor = await LearnerAsync(binhLu.Id, name: name, withCccd: false);
        var enrolmentId = await EnrolledAsync(institution, course, duplicate);

        TestBrowser.HtmlText(await commune.GetHtmlAsync("/Courses/Enrolments?q=" + Uri.EscapeDataString(name))).ShouldContain(name);
        var merged = await commune.PostJsonAsync($"/api/v1/learners/{duplicate.Id}/merge", new { survivorId = survivor.Id, confirmed = true });

        merged.StatusCode.ShouldBe(HttpStatusCode.NoContent, await merged.Content.ReadAsStringAsync());
        (await EnrolmentAsync(enrolmentId)).LearnerId.ShouldBe(survivor.Id);
        (await institution.GetAsync($"/Learners/Details/{survivor.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        TestBrowser.HtmlText(await commune.GetHtmlAsync($"/Learners/Details/{survivor.Id}")).ShouldContain(form["Data.Name"]);
    }

    [Fact]
    public async Task The_indicators_named_queries_give_completions_on_todays_map_and_enrolment_facts()
    {
        var taMung = await TestData.OldCommuneAsync("Xã Tà Mung");
        var muongKim = await TestData.CommuneAsync("Xã Mường Kim");
        var setup = await InstitutionAsync("Xã Mường Kim", year: 2024);
        var learner = await LearnerAsync(muongKim.Id);
        var course = await TestData.WithDbAsync(async db =>
        {
            var c = new Course
            {
                InstitutionId = setup.Institution.Id, ProvinceId = setup.Institution.ProvinceId, OrderId = setup.OrderId, ProgrammeId = setup.Programme.Id,
                OccupationId = setup.Occupation.Id, Level = setup.Programme.Level, VenueCommuneId = taMung.Id, StartDate = new DateOnly(2024, 4, 1),
                EndDate = new DateOnly(2024, 6, 28), PlannedDays = 50, Capacity = 30, ActualUnitCost = 3_000_000, AttendanceMode = AttendanceMode.Summary,
                State = CourseState.Finished, CreatedAt = TestData.Clock.UtcNow,
            };
            c.SetName("Lớp năm 2024 " + TestData.Unique());
            c.Enrolments.Add(new Enrolment
            {
                LearnerId = learner.Id, InstitutionId = c.InstitutionId, ProvinceId = c.ProvinceId, ResidenceCommuneId = muongKim.Id,
                EnrolledOn = new DateOnly(2024, 3, 20), Status = EnrolmentStatus.Completed, ResultOn = new DateOnly(2024, 6, 28), SupportTotal = 2_000_000,
                CreatedAt = TestData.Clock.UtcNow,
            });
            db.Courses.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });

        await using var scope = TestApp.Instance.SystemScope();
        var facts = scope.ServiceProvider.GetRequiredService<TrainingFacts>();
        var completions = await facts.Completions(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)).Where(c => c.CourseId == course).ToListAsync();
        var byCommune = await facts.Completions().Where(c => c.InstitutionId == setup.Institution.Id)
            .GroupBy(c => c.VenueCommuneNowId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var enrolments = await facts.Enrolments(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)).Where(e => e.CourseId == course).ToListAsync();
        var budget = await facts.OrderBudgets(2024).Where(o => o.OrderId == setup.OrderId).SingleAsync();

        var completion = completions.ShouldHaveSingleItem();
        completion.VenueCommuneId.ShouldBe(taMung.Id);
        completion.VenueCommuneNowId.ShouldBe(muongKim.Id);
        completion.ResidenceCommuneNowId.ShouldBe(muongKim.Id);
        completion.CompletedOn.ShouldBe(new DateOnly(2024, 6, 28));
        completion.LearnerId.ShouldBe(learner.Id);
        byCommune.ShouldHaveSingleItem().Key.ShouldBe(muongKim.Id);
        enrolments.ShouldHaveSingleItem().SupportTotal.ShouldBe(2_000_000);
        budget.Committed.ShouldBe(2_000_000);
        budget.Enrolled.ShouldBe(1);
        (await facts.Completions(new DateOnly(2025, 1, 1)).AnyAsync(c => c.CourseId == course)).ShouldBeFalse();
    }
}
