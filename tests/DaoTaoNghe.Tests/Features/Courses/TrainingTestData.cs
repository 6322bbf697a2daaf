using System.Net;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Orders;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Programmes;
using DaoTaoNghe.Features.Trainers;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Learners;
using DaoTaoNghe.Tests.Features.Registries;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.Courses;

/// <summary>An institution of Lai Châu with a user, an occupation, a programme of it, a trainer and an order: what a course needs.</summary>
public sealed record TrainingSetup(string Staff, Organisation Institution, Occupation Occupation, Programme Programme, int TrainerId, int OrderId);

/// <summary>Arranges courses and their surroundings; each test's institution, learners and orders are its own.</summary>
public static class TrainingTestData
{
    public static async Task<TrainingSetup> InstitutionAsync(string commune = "Xã Bình Lư", long unitCost = 3_500_000, int quota = 50,
        long budget = 200_000_000, int year = 2026, TrainingLevel level = TrainingLevel.Elementary)
    {
        var (staff, institution) = await TestData.ActorAsync(Roles.InstitutionStaff, await TestData.CommuneAsync(commune));
        var occupation = await RegistryData.OccupationAsync("Trồng chè thử " + TestData.Unique());
        var programme = await RegistryData.ProgrammeAsync(institution.Id, occupation.Id, level, name: "Kỹ thuật trồng chè " + TestData.Unique());
        var trainerId = await TrainerAsync(institution.Id);
        var orderId = await OrderAsync(institution, occupation.Id, level, unitCost, quota, budget, year);
        return new TrainingSetup(staff, institution, occupation, programme, trainerId, orderId);
    }

    public static Task<int> TrainerAsync(int institutionId) =>
        TestData.WithDbAsync(async db =>
        {
            var trainer = new Trainer { InstitutionId = institutionId, Kind = TrainerKind.Teacher, Qualification = "Kỹ sư nông học" };
            trainer.SetName("Giáo viên " + LearnerTestData.Name("Lường Văn"));
            db.Trainers.Add(trainer);
            await db.SaveChangesAsync();
            return trainer.Id;
        });

    public static Task<int> OrderAsync(Organisation institution, int occupationId, TrainingLevel level = TrainingLevel.Elementary, long unitCost = 3_500_000,
        int quota = 50, long budget = 200_000_000, int year = 2026) =>
        TestData.WithDbAsync(async db =>
        {
            var order = new TrainingOrder
            {
                ProvinceId = institution.ProvinceId, InstitutionId = institution.Id, Kind = OrderKind.Order, Year = year, OccupationId = occupationId,
                Level = level, Quota = quota, UnitCost = unitCost, Budget = budget, DecisionDate = new DateOnly(year, 1, 15), CreatedAt = TestData.Clock.UtcNow,
            };
            order.SetDecisionNumber($"{Random.Shared.Next(10, 999)}/QĐ-SGDĐT-{TestData.Unique()}");
            db.TrainingOrders.Add(order);
            await db.SaveChangesAsync();
            return order.Id;
        });

    /// <summary>The course form as the institution fills it.</summary>
    public static Dictionary<string, string> CourseForm(TrainingSetup setup, int venueId, string start = "2026-09-07", string end = "2026-11-13",
        int capacity = 30, long cost = 3_500_000, int plannedDays = 45, bool withOrder = true, AttendanceMode mode = AttendanceMode.Daily) => new()
    {
        ["Data.InstitutionId"] = setup.Institution.Id.ToString(),
        ["Data.OrderId"] = withOrder ? setup.OrderId.ToString() : "",
        ["Data.ProgrammeId"] = setup.Programme.Id.ToString(),
        ["Data.Name"] = "Lớp trồng chè " + TestData.Unique(),
        ["Data.VenueCommuneId"] = venueId.ToString(),
        ["Data.VenueAddress"] = "Nhà văn hóa bản Nà Đon",
        ["Data.StartDate"] = start,
        ["Data.EndDate"] = end,
        ["Data.PlannedDays"] = plannedDays.ToString(),
        ["Data.Capacity"] = capacity.ToString(),
        ["Data.ActualUnitCost"] = cost.ToString("#,##0", System.Globalization.CultureInfo.GetCultureInfo("vi-VN")),
        ["Data.AttendanceMode"] = mode.ToString(),
        ["Data.TrainerIds"] = setup.TrainerId.ToString(),
    };

    public static async Task<int> CreateCourseAsync(TestBrowser browser, Dictionary<string, string> form)
    {
        var response = await browser.PostFormAsync("/Courses/Create?co-so=" + form["Data.InstitutionId"], form, "/Courses/Create");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()));
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    /// <summary>A course created and opened by the institution, ready to enrol.</summary>
    public static async Task<int> OpenCourseAsync(TestBrowser browser, Dictionary<string, string> form)
    {
        var id = await CreateCourseAsync(browser, form);
        (await browser.PostFormAsync($"/Courses/Details/{id}", [], $"/Courses/Details/{id}?handler=Open")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return id;
    }

    /// <summary>A registered person of a Lai Châu commune, arranged directly (the commune's registration is tested in Learners).</summary>
    public static Task<Learner> LearnerAsync(int communeId, DateOnly? birthDate = null, Sex sex = Sex.Female, string? ethnicCode = null,
        HouseholdStatus? household = null, int householdYear = 2026, PriorityCategory[]? categories = null, bool withCccd = true, string? name = null) =>
        TestData.WithDbAsync(async db =>
        {
            var born = birthDate ?? new DateOnly(1994, 5, 20);
            var province = await db.AdministrativeUnits.Where(u => u.Id == communeId).Select(u => u.ProvinceId!.Value).SingleAsync();
            var learner = new Learner
            {
                BirthDate = born, Sex = sex, CommuneId = communeId, RegisteredCommuneId = communeId, ProvinceId = province, CreatedAt = TestData.Clock.UtcNow, UpdatedAt = TestData.Clock.UtcNow,
                Cccd = withCccd ? LearnerTestData.Cccd(sex, born.Year) : null,
                EthnicGroupId = ethnicCode is null ? null : await db.EthnicGroups.Where(e => e.Code == ethnicCode).Select(e => e.Id).SingleAsync(),
            };
            learner.SetName(name ?? LearnerTestData.Name());
            learner.Consents.Add(new LearnerConsent { Purpose = "Quản lý đào tạo nghề", GivenOn = new DateOnly(2025, 1, 1), RecordedBy = "test", RecordedAt = TestData.Clock.UtcNow });
            if (household is { } status) learner.Households.Add(new LearnerHousehold { Year = householdYear, Status = status });
            foreach (var category in categories ?? []) learner.Priorities.Add(new LearnerPriority { Category = category });
            db.Learners.Add(learner);
            await db.SaveChangesAsync();
            return learner;
        });

    public static Dictionary<string, string> ByCccd(Learner learner) => new()
    {
        ["Data.Cccd"] = learner.Cccd!,
        ["Data.BirthDate"] = learner.BirthDate.ToString("yyyy-MM-dd"),
    };

    public static Task<HttpResponseMessage> EnrolAsync(TestBrowser browser, int courseId, Dictionary<string, string> form) =>
        browser.PostFormAsync($"/Courses/Enrol/{courseId}", form);

    public static async Task<int> EnrolledAsync(TestBrowser browser, int courseId, Learner learner, Dictionary<string, string>? extra = null)
    {
        var form = ByCccd(learner);
        foreach (var (key, value) in extra ?? []) form[key] = value;
        var response = await EnrolAsync(browser, courseId, form);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()));
        return await EnrolmentIdAsync(courseId, learner.Id);
    }

    public static Task<int> EnrolmentIdAsync(int courseId, int learnerId) =>
        TestData.WithDbAsync(db => db.Enrolments.Where(e => e.CourseId == courseId && e.LearnerId == learnerId).Select(e => e.Id).SingleAsync());

    public static Task<Enrolment> EnrolmentAsync(int id) =>
        TestData.WithDbAsync(db => db.Enrolments.AsNoTracking().SingleAsync(e => e.Id == id));

    public static Task<Course> CourseAsync(int id) =>
        TestData.WithDbAsync(db => db.Courses.AsNoTracking().Include(c => c.Enrolments).SingleAsync(c => c.Id == id));

    public const string Thai = "03";

    /// <summary>A finished course of the setup's institution whose learners all completed it, arranged directly; returns the enrolment ids.</summary>
    public static async Task<(int CourseId, List<int> EnrolmentIds)> CompletedCourseAsync(TrainingSetup setup, int learners, string commune = "Xã Bình Lư",
        DateOnly? finishedOn = null)
    {
        var end = finishedOn ?? new DateOnly(2026, 5, 29);
        var venue = await TestData.CommuneAsync(commune);
        var people = new List<Learner>();
        for (var i = 0; i < learners; i++) people.Add(await LearnerAsync(venue.Id));
        return await TestData.WithDbAsync(async db =>
        {
            var course = new Course
            {
                InstitutionId = setup.Institution.Id, ProvinceId = setup.Institution.ProvinceId, OrderId = setup.OrderId, ProgrammeId = setup.Programme.Id,
                OccupationId = setup.Occupation.Id, Level = setup.Programme.Level, VenueCommuneId = venue.Id, StartDate = end.AddDays(-88),
                EndDate = end, PlannedDays = 50, Capacity = 40, ActualUnitCost = 3_000_000, AttendanceMode = AttendanceMode.Summary,
                State = CourseState.Finished, FinishedOn = end, CreatedAt = TestData.Clock.UtcNow,
            };
            course.SetName("Lớp đã kết thúc " + TestData.Unique());
            foreach (var person in people)
                course.Enrolments.Add(new Enrolment
                {
                    LearnerId = person.Id, InstitutionId = course.InstitutionId, ProvinceId = course.ProvinceId, ResidenceCommuneId = venue.Id,
                    EnrolledOn = end.AddDays(-98), Status = EnrolmentStatus.Completed, DaysAttended = 48, ResultOn = end,
                    CreatedAt = TestData.Clock.UtcNow,
                });
            db.Courses.Add(course);
            await db.SaveChangesAsync();
            return (course.Id, course.Enrolments.Select(e => e.Id).ToList());
        });
    }

    /// <summary>Posts a page action (a button without fields).</summary>
    public static Task<HttpResponseMessage> ActAsync(TestBrowser browser, string page, string handler) =>
        browser.PostFormAsync(page, [], $"{page}?handler={handler}");
}
