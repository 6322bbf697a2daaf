using System.Net;
using System.Net.Http.Json;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.Courses.TrainingTestData;

namespace DaoTaoNghe.Tests.Features.Courses;

/// <summary>
/// Every role tries to read and change institution A's course and the enrolment of a resident of
/// commune A, by page and by API. Institution A and the province admin keep them; province-wide
/// roles, the employment centre and the learner's commune read them; institution B, another
/// commune and another province's admin are told they do not exist; enterprises and the bank are
/// refused the area. Nothing a refused caller tried is saved.
/// </summary>
public class CoursesScopeTests
{
    public enum Who { InstitutionA, InstitutionB, Admin, OtherProvinceAdmin, Department, Inspector, CommuneA, CommuneB, EmploymentCentre, Enterprise, Bank }

    public enum Outcome { Keep, Read, NotFound, Refused }

    public static TheoryData<Who, Outcome> Matrix => new()
    {
        { Who.InstitutionA, Outcome.Keep },
        { Who.Admin, Outcome.Keep },
        { Who.InstitutionB, Outcome.NotFound },
        { Who.OtherProvinceAdmin, Outcome.NotFound },
        { Who.Department, Outcome.Read },
        { Who.Inspector, Outcome.Read },
        { Who.CommuneA, Outcome.Read },
        { Who.CommuneB, Outcome.NotFound },
        { Who.EmploymentCentre, Outcome.Read },
        { Who.Enterprise, Outcome.Refused },
        { Who.Bank, Outcome.Refused },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task A_course_and_its_enrolments_are_read_and_changed_only_within_scope(Who who, Outcome outcome)
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var setup = await InstitutionAsync();
        using var owner = await TestBrowser.SignedInAsync(setup.Staff);
        var form = CourseForm(setup, binhLu.Id);
        var courseId = await OpenCourseAsync(owner, form);
        var learner = await LearnerAsync(binhLu.Id);
        var enrolmentId = await EnrolledAsync(owner, courseId, learner);
        var newcomer = await LearnerAsync(binhLu.Id);

        var user = who switch
        {
            Who.InstitutionA => setup.Staff,
            Who.InstitutionB => (await InstitutionAsync()).Staff,
            Who.Admin => (await TestData.ProvinceActorAsync(Roles.ProvinceAdmin)).UserName,
            Who.OtherProvinceAdmin => (await TestData.ActorAsync(Roles.ProvinceAdmin, await TestData.ProvinceAsync("11"))).UserName,
            Who.Department => (await TestData.ProvinceActorAsync(Roles.DepartmentOfficer)).UserName,
            Who.Inspector => (await TestData.ProvinceActorAsync(Roles.Inspector)).UserName,
            Who.CommuneA => (await TestData.ActorAsync(Roles.CommuneOfficer, binhLu)).UserName,
            Who.CommuneB => (await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Tân Uyên"))).UserName,
            Who.EmploymentCentre => (await TestData.ProvinceActorAsync(Roles.EmploymentCentre)).UserName,
            Who.Enterprise => (await TestData.ActorAsync(Roles.Enterprise, binhLu)).UserName,
            _ => (await TestData.ProvinceActorAsync(Roles.SocialPolicyBank)).UserName,
        };
        using var browser = await TestBrowser.SignedInAsync(user);

        var reads = new[]
        {
            await browser.GetAsync($"/Courses/Details/{courseId}"),
            await browser.GetAsync($"/api/v1/courses/{courseId}"),
            await browser.GetAsync($"/Courses/Enrolment/{enrolmentId}"),
            await browser.GetAsync($"/api/v1/enrolments/{enrolmentId}"),
        };
        var listed = await browser.GetAsync("/Courses?q=" + Uri.EscapeDataString(form["Data.Name"]));
        var writes = new[]
        {
            await browser.GetAsync($"/Courses/Edit/{courseId}"),
            await browser.GetAsync($"/Courses/Enrol/{courseId}"),
            await browser.Http.PutAsJsonAsync($"/api/v1/courses/{courseId}", new
            {
                orderId = setup.OrderId, programmeId = setup.Programme.Id, name = "Đã bị sửa", venueCommuneId = binhLu.Id, startDate = "2026-09-07",
                endDate = "2026-11-13", plannedDays = 45, capacity = 30, actualUnitCost = 3_500_000, attendanceMode = "Daily", trainerIds = new[] { setup.TrainerId },
            }),
            await browser.PostJsonAsync($"/api/v1/courses/{courseId}/enrolments", new { cccd = newcomer.Cccd, birthDate = newcomer.BirthDate }),
            await browser.PostJsonAsync($"/api/v1/enrolments/{enrolmentId}/dropout", new { droppedOn = "2026-09-10", reason = "Bỏ học trái phép" }),
            await browser.PostJsonAsync($"/api/v1/courses/{courseId}/cancel", new { reason = "Hủy trái phép" }),
        };

        var read = outcome switch
        {
            Outcome.Keep or Outcome.Read => HttpStatusCode.OK,
            Outcome.NotFound => HttpStatusCode.NotFound,
            _ => HttpStatusCode.Forbidden,
        };
        foreach (var response in reads) response.StatusCode.ShouldBe(read, response.RequestMessage!.RequestUri!.ToString());
        listed.StatusCode.ShouldBe(outcome == Outcome.Refused ? HttpStatusCode.Forbidden : HttpStatusCode.OK);
        if (outcome != Outcome.Refused)
            TestBrowser.HtmlText(await listed.Content.ReadAsStringAsync()).Contains(form["Data.Name"]).ShouldBe(outcome is Outcome.Keep or Outcome.Read);

        if (outcome == Outcome.Keep)
        {
            writes[0].StatusCode.ShouldBe(HttpStatusCode.OK);
            writes[1].StatusCode.ShouldBe(HttpStatusCode.OK);
            writes[2].StatusCode.ShouldBe(HttpStatusCode.NoContent, await writes[2].Content.ReadAsStringAsync());
            writes[3].StatusCode.ShouldBe(HttpStatusCode.Created, await writes[3].Content.ReadAsStringAsync());
            writes[4].StatusCode.ShouldBe(HttpStatusCode.NoContent, await writes[4].Content.ReadAsStringAsync());
            writes[5].StatusCode.ShouldBe(HttpStatusCode.NoContent, await writes[5].Content.ReadAsStringAsync());
            return;
        }
        foreach (var response in writes)
            response.StatusCode.ShouldBeOneOf([HttpStatusCode.Forbidden, HttpStatusCode.NotFound], response.RequestMessage!.RequestUri!.ToString());
        var course = await CourseAsync(courseId);
        course.Name.ShouldBe(form["Data.Name"]);
        course.State.ShouldBe(DaoTaoNghe.Features.Courses.CourseState.Open);
        course.Enrolments.Count.ShouldBe(1);
        course.Enrolments[0].Status.ShouldBe(DaoTaoNghe.Features.Courses.EnrolmentStatus.Enrolled);
    }

    [Fact]
    public async Task An_institution_sees_the_learners_enrolled_with_it_read_only_and_no_one_else()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var setup = await InstitutionAsync();
        var other = await InstitutionAsync();
        using var browser = await TestBrowser.SignedInAsync(setup.Staff);
        using var otherBrowser = await TestBrowser.SignedInAsync(other.Staff);
        var course = await OpenCourseAsync(browser, CourseForm(setup, binhLu.Id));
        var learner = await LearnerAsync(binhLu.Id);
        var stranger = await LearnerAsync(binhLu.Id);

        (await browser.GetAsync($"/Learners/Details/{learner.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await EnrolledAsync(browser, course, learner);

        (await browser.GetAsync($"/Learners/Details/{learner.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync($"/api/v1/learners/{learner.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        TestBrowser.HtmlText(await browser.GetHtmlAsync("/Learners?q=" + Uri.EscapeDataString(learner.FullName))).ShouldContain(learner.FullName);
        (await browser.GetAsync($"/Learners/Details/{stranger.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetAsync($"/Learners/Edit/{learner.Id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.GetAsync("/Learners/Create")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await otherBrowser.GetAsync($"/Learners/Details/{learner.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Learners/Details/{learner.Id}")).ShouldContain(learner.Cccd!);
    }

    [Fact]
    public async Task Orders_are_the_province_admins_and_an_institution_reads_only_its_own()
    {
        var a = await InstitutionAsync();
        var b = await InstitutionAsync();
        var (department, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Bình Lư"));
        using var browserA = await TestBrowser.SignedInAsync(a.Staff);
        using var browserB = await TestBrowser.SignedInAsync(b.Staff);
        using var departmentBrowser = await TestBrowser.SignedInAsync(department);
        using var communeBrowser = await TestBrowser.SignedInAsync(officer);
        var body = new
        {
            institutionId = a.Institution.Id, kind = "Order", year = 2026, occupationId = a.Occupation.Id, level = "Elementary", quota = 999,
            unitCost = 1_000_000, budget = 1, decisionNumber = "Sửa trái phép", decisionDate = "2026-01-02",
        };

        (await browserA.GetAsync($"/Orders/Details/{a.OrderId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browserB.GetAsync($"/Orders/Details/{a.OrderId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browserB.GetAsync($"/api/v1/orders/{a.OrderId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await departmentBrowser.GetAsync($"/api/v1/orders/{a.OrderId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await communeBrowser.GetAsync($"/api/v1/orders/{a.OrderId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browserA.Http.PutAsJsonAsync($"/api/v1/orders/{a.OrderId}", body)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await departmentBrowser.Http.PutAsJsonAsync($"/api/v1/orders/{a.OrderId}", body)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browserA.GetAsync($"/Orders/Edit/{a.OrderId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browserA.PostJsonAsync("/api/v1/orders", body)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browserB.Http.GetStringAsync($"/api/v1/orders?co-so={a.Institution.Id}")).ShouldContain("\"total\":0");
        (await browserA.Http.GetStringAsync($"/api/v1/orders?co-so={a.Institution.Id}")).ShouldContain("\"total\":1");
        (await TestData.WithDbAsync(db => db.TrainingOrders.AsNoTracking().SingleAsync(o => o.Id == a.OrderId))).Quota.ShouldBe(50);
    }

    [Fact]
    public async Task A_certificate_is_seen_by_whoever_sees_its_enrolment()
    {
        var setup = await InstitutionAsync();
        var other = await InstitutionAsync();
        var (course, _) = await CompletedCourseAsync(setup, 1);
        using var browser = await TestBrowser.SignedInAsync(setup.Staff);
        (await browser.PostJsonAsync($"/api/v1/courses/{course}/certificates", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var id = await TestData.WithDbAsync(db => db.Certificates.Where(c => c.InstitutionId == setup.Institution.Id).Select(c => c.Id).SingleAsync());
        var (binhLuOfficer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Bình Lư"));
        var (tanUyenOfficer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Tân Uyên"));
        var (enterprise, _) = await TestData.ActorAsync(Roles.Enterprise, await TestData.CommuneAsync("Xã Bình Lư"));

        foreach (var (user, expected) in new[]
                 {
                     (other.Staff, HttpStatusCode.NotFound), (binhLuOfficer, HttpStatusCode.OK), (tanUyenOfficer, HttpStatusCode.NotFound),
                     (enterprise, HttpStatusCode.Forbidden),
                 })
        {
            using var visitor = await TestBrowser.SignedInAsync(user);
            (await visitor.GetAsync($"/Certificates/Details/{id}")).StatusCode.ShouldBe(expected, user);
            (await visitor.GetAsync($"/api/v1/certificates/{id}")).StatusCode.ShouldBe(expected, user);
            (await visitor.GetAsync($"/Certificates/Print/{id}")).StatusCode.ShouldBe(expected, user);
        }
    }
}
