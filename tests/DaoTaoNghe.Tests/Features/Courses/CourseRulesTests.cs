using System.Net;
using System.Net.Http.Json;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using static DaoTaoNghe.Tests.Features.Courses.TrainingTestData;

namespace DaoTaoNghe.Tests.Features.Courses;

/// <summary>What a course must agree with: its order, its programme, the map on its dates, the calendar, and the learners already in it.</summary>
public class CourseRulesTests
{
    [Fact]
    public async Task A_course_keeps_to_its_order_and_sits_in_a_commune_valid_on_its_start_date()
    {
        var taMung = await TestData.OldCommuneAsync("Xã Tà Mung");
        var muongKim = await TestData.CommuneAsync("Xã Mường Kim");
        var setup = await InstitutionAsync("Xã Mường Kim", year: 2024);
        var other = await InstitutionAsync("Xã Mường Kim", year: 2024);
        using var browser = await TestBrowser.SignedInAsync(setup.Staff);

        var old = await CreateCourseAsync(browser, CourseForm(setup, taMung.Id, "2024-04-01", "2024-06-28"));
        var refusals = TestBrowser.HtmlText(await (await browser.PostFormAsync("/Courses/Create", new(CourseForm(setup, muongKim.Id, "2025-04-01", "2025-06-28", cost: 3_600_000))
        {
            ["Data.ProgrammeId"] = other.Programme.Id.ToString(),
        })).Content.ReadAsStringAsync());
        var selfFunded = await CreateCourseAsync(browser, CourseForm(setup, taMung.Id, "2024-09-02", "2024-12-20", withOrder: false));
        var lateStale = TestBrowser.HtmlText(await (await browser.PostFormAsync("/Courses/Create", CourseForm(setup, taMung.Id, "2025-09-01", "2025-11-28", withOrder: false)))
            .Content.ReadAsStringAsync());

        (await CourseAsync(old)).VenueCommuneId.ShouldBe(taMung.Id);
        refusals.ShouldContain("Chương trình đã chọn không phải chương trình đang dùng của cơ sở đào tạo.");
        refusals.ShouldContain("Đơn hàng năm 2024: lớp phải khai giảng trong năm 2024.");
        refusals.ShouldContain("Chi phí đào tạo thực tế không được vượt đơn giá của đơn hàng (3.500.000 đ/người).");
        refusals.ShouldContain("Xã, phường nơi học không có hiệu lực vào ngày khai giảng 01/04/2025");
        (await CourseAsync(selfFunded)).OrderId.ShouldBeNull();
        lateStale.ShouldContain("Xã, phường nơi học không có hiệu lực vào ngày khai giảng 01/09/2025");
    }

    [Fact]
    public async Task A_page_refused_for_a_conflict_says_why_on_the_error_page()
    {
        var setup = await InstitutionAsync();
        var (finished, _) = await CompletedCourseAsync(setup, 1);
        using var browser = await TestBrowser.SignedInAsync(setup.Staff);

        var response = await browser.Http.GetAsync($"/Courses/Attendance/{finished}");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var text = TestBrowser.HtmlText(await response.Content.ReadAsStringAsync());
        text.ShouldContain("Xung đột dữ liệu");
        text.ShouldContain("Chỉ điểm danh khi lớp đang học.");
    }

    [Fact]
    public async Task A_course_starts_and_finishes_on_its_dates_and_keeps_what_its_learners_were_enrolled_on()
    {
        // Courses of a 2026 order: one has started (07/09/2026), one starts on 21/12/2026, after "today".
        using var _ = TestData.Clock.At(new DateOnly(2026, 12, 1));
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var setup = await InstitutionAsync();
        using var browser = await TestBrowser.SignedInAsync(setup.Staff);
        var early = await OpenCourseAsync(browser, CourseForm(setup, binhLu.Id, start: "2026-12-21", end: "2026-12-30", plannedDays: 8));
        var form = CourseForm(setup, binhLu.Id);
        var course = await OpenCourseAsync(browser, form);
        var learner = await LearnerAsync(binhLu.Id);
        await EnrolledAsync(browser, early, await LearnerAsync(binhLu.Id));
        await EnrolledAsync(browser, course, learner);

        var notYet = await browser.Http.PostAsync($"/api/v1/courses/{early}/start", null);
        var body = new
        {
            orderId = setup.OrderId, programmeId = setup.Programme.Id, name = form["Data.Name"], venueCommuneId = binhLu.Id, startDate = "2026-09-14",
            endDate = "2026-11-13", plannedDays = 45, capacity = 30, actualUnitCost = 3_500_000, attendanceMode = "Daily", trainerIds = new[] { setup.TrainerId },
        };
        var moved = await browser.Http.PutAsJsonAsync($"/api/v1/courses/{course}", body);
        var shrunk = await browser.Http.PutAsJsonAsync($"/api/v1/courses/{course}", body with { startDate = "2026-09-07", capacity = 0 });
        var cheaper = await browser.Http.PutAsJsonAsync($"/api/v1/courses/{course}", body with { startDate = "2026-09-07", actualUnitCost = 1_500_000 });

        notYet.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await notYet.Content.ReadAsStringAsync()).ShouldContain("Chưa đến ngày khai giảng (21/12/2026).");
        moved.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await moved.Content.ReadAsStringAsync()).ShouldContain("Lớp đã có người học: không đổi được ngày khai giảng");
        shrunk.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        cheaper.StatusCode.ShouldBe(HttpStatusCode.NoContent, await cheaper.Content.ReadAsStringAsync());
        (await EnrolmentAsync(await EnrolmentIdAsync(course, learner.Id))).SupportTuition.ShouldBe(1_500_000, "a lower actual cost recomputes the support");

        (await ActAsync(browser, $"/Courses/Details/{course}", "Start")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var adminBrowser = await TestBrowser.SignedInAsync(admin);
        (await adminBrowser.Http.PostAsync($"/api/v1/courses/{early}/start", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await CourseAsync(course)).State.ShouldBe(CourseState.Running);
    }
}
