using System.Net;
using System.Net.Http.Json;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Support;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Courses;
using DaoTaoNghe.Tests.Features.Indicators;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoTaoNghe.Tests.Features.Support;

/// <summary>
/// Support follows the law's scope: a rule set names the policy it implements and the training levels
/// it covers; "once per person" holds across the policy's rule sets; a rule set in use is never deleted.
/// Rule sets are added in provinces of the tests' own, so Lai Châu keeps QĐ 46 alone.
/// </summary>
public class SupportPolicyTests
{
    private static readonly LearnerFacts PoorMinority = new(EthnicMinority: true, PoorHousehold: true);

    /// <summary>The provinces' own copy of QĐ 46 in these tests: every real province keeps exactly one set coded as the decision.</summary>
    private const string Qd46Copy = "46/2015/QĐ-TTg (tỉnh thử)";

    [Fact]
    public void QD_46_covers_so_cap_and_under_three_months_and_pays_nothing_for_trung_cap_with_the_reason()
    {
        var course = new CourseFacts(new DateOnly(2026, 3, 2), 4_500_000, 300, DistanceKm: 20, TravelFare: 250_000, Level: TrainingLevel.Intermediate);
        var refused = SupportCalculator.Calculate(Qd46.Rules(), PoorMinority, course, SupportHistory.None);
        refused.Total.ShouldBe(0);
        refused.Lines.ShouldContain("Khóa học trình độ trung cấp: QĐ 46/2015/QĐ-TTg chỉ hỗ trợ đào tạo sơ cấp, dưới 3 tháng, thường xuyên: không hỗ trợ.");

        // The same course at sơ cấp: 4.000.000 tuition + 300 days × 30.000 meals + 200.000 travel.
        var paid = SupportCalculator.Calculate(Qd46.Rules(), PoorMinority, course with { Level = TrainingLevel.Elementary }, SupportHistory.None);
        (paid.Tuition, paid.Meals, paid.Travel, paid.Total).ShouldBe((4_000_000L, 9_000_000L, 200_000L, 13_200_000L));
        SupportCalculator.Calculate(Qd46.Rules(), PoorMinority, course with { Level = TrainingLevel.ShortCourse }, SupportHistory.None).Total.ShouldBe(13_200_000);
    }

    [Fact]
    public async Task A_trung_cap_enrolment_under_an_order_gets_no_QD_46_support_and_shows_why()
    {
        var setup = await TrainingTestData.InstitutionAsync(level: TrainingLevel.Intermediate, unitCost: 4_500_000);
        using var institution = await TestBrowser.SignedInAsync(setup.Staff);
        var venue = await TestData.CommuneAsync("Xã Bình Lư");
        var courseId = await TrainingTestData.OpenCourseAsync(institution, TrainingTestData.CourseForm(setup, venue.Id, cost: 4_500_000));
        var learner = await TrainingTestData.LearnerAsync(venue.Id, ethnicCode: TrainingTestData.Thai, household: DaoTaoNghe.Features.Learners.HouseholdStatus.Poor);
        var enrolment = await TrainingTestData.EnrolmentAsync(await TrainingTestData.EnrolledAsync(institution, courseId, learner));

        enrolment.SupportTotal.ShouldBe(0);
        enrolment.SupportRuleSetCode.ShouldBe(Qd46.Code);
        enrolment.DerivationLines.ShouldContain(l => l.Contains("trình độ trung cấp") && l.Contains("không hỗ trợ"));
        TestBrowser.HtmlText(await institution.GetHtmlAsync($"/Courses/Enrolment/{enrolment.Id}")).ShouldContain("chỉ hỗ trợ đào tạo sơ cấp");
    }

    [Fact]
    public async Task Once_per_person_holds_across_the_rule_sets_of_one_policy_but_not_across_policies()
    {
        var p = await IndicatorTestData.ProvinceAsync();
        var (_, institution) = await TestData.ActorAsync(Roles.InstitutionStaff, p.A);
        var qd46 = await RuleSetAsync(p.Id, Qd46Copy, Qd46.Code, new DateOnly(2015, 11, 15), new DateOnly(2025, 12, 31));
        var amended = await RuleSetAsync(p.Id, "QĐ 99/2026/QĐ-UBND", Qd46.Code, new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30));
        var other = await RuleSetAsync(p.Id, "NQ 12/2026/NQ-HĐND", "NQ 12/2026/NQ-HĐND", new DateOnly(2026, 7, 1), null);
        var y2025 = await CourseAsync(institution, p, new DateOnly(2025, 3, 2));
        var y2026 = await CourseAsync(institution, p, new DateOnly(2026, 3, 2));
        var later = await CourseAsync(institution, p, new DateOnly(2026, 9, 7));
        var paidBefore = await IndicatorTestData.LearnerAsync(p, p.A, Sex.Female, new DateOnly(2024, 1, 1));
        var newcomer = await IndicatorTestData.LearnerAsync(p, p.A, Sex.Male, new DateOnly(2024, 1, 1));

        (await SupportAsync(y2025, paidBefore)).Total.ShouldBe(2_000_000);
        var again = await SupportAsync(y2026, paidBefore);
        again.Total.ShouldBe(0);
        again.RuleSetId.ShouldBe(amended);
        again.Lines.ShouldContain(l => l.Contains($"đã được hỗ trợ theo {Qd46.Code}"));
        (await SupportAsync(y2026, newcomer)).Total.ShouldBe(2_500_000);
        // Another policy is another "once".
        var third = await SupportAsync(later, paidBefore);
        third.RuleSetId.ShouldBe(other);
        third.Total.ShouldBe(2_500_000);
        qd46.ShouldNotBe(amended);
    }

    [Fact]
    public async Task A_rule_set_in_use_cannot_be_deleted_and_the_conflict_names_what_uses_it()
    {
        var p = await IndicatorTestData.ProvinceAsync();
        var (_, institution) = await TestData.ActorAsync(Roles.InstitutionStaff, p.A);
        var today = TestData.Clock.Today;
        await RuleSetAsync(p.Id, Qd46Copy, Qd46.Code, new DateOnly(2015, 11, 15), today.AddDays(29));
        var coming = await RuleSetAsync(p.Id, "QĐ 77/2027/QĐ-UBND", Qd46.Code, today.AddDays(30), null);
        var course = await CourseAsync(institution, p, today.AddDays(40), name: "Lớp may công nghiệp " + TestData.Unique());
        var learner = await IndicatorTestData.LearnerAsync(p, p.A, Sex.Female, new DateOnly(2024, 1, 1));
        (await SupportAsync(course.Id, learner)).RuleSetId.ShouldBe(coming);

        using var admin = await IndicatorTestData.AdminAsync(p);
        var response = await admin.Http.DeleteAsync($"/api/v1/support/rule-sets/{coming}");
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("detail").GetString()!;
        problem.ShouldContain("1 lượt ghi danh của 1 lớp");
        problem.ShouldContain(course.Name);
        (await TestData.WithDbAsync(db => db.SupportRuleSets.AnyAsync(r => r.Id == coming))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_new_rule_set_recomputes_every_unpaid_enrolment_of_courses_starting_from_its_date_and_a_past_date_needs_a_reason()
    {
        var p = await IndicatorTestData.ProvinceAsync();
        var (_, institution) = await TestData.ActorAsync(Roles.InstitutionStaff, p.A);
        var today = TestData.Clock.Today;
        await RuleSetAsync(p.Id, Qd46Copy, Qd46.Code, new DateOnly(2015, 11, 15), null);
        var running = await CourseAsync(institution, p, today.AddDays(-3), name: "Lớp đang học " + TestData.Unique());
        var earlier = await CourseAsync(institution, p, today.AddDays(-30));
        var unpaid = await IndicatorTestData.LearnerAsync(p, p.A, Sex.Female, new DateOnly(2024, 1, 1));
        var paid = await IndicatorTestData.LearnerAsync(p, p.A, Sex.Male, new DateOnly(2024, 1, 1));
        var before = await IndicatorTestData.LearnerAsync(p, p.A, Sex.Male, new DateOnly(2024, 1, 1));
        (await SupportAsync(running, unpaid)).Total.ShouldBe(2_000_000);
        (await SupportAsync(running, paid)).Total.ShouldBe(2_000_000);
        (await SupportAsync(earlier, before)).Total.ShouldBe(2_000_000);
        await TestData.WithDbAsync(db => db.Enrolments.Where(e => e.CourseId == running.Id && e.LearnerId == paid)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.SettledOn, today.AddDays(-1)).SetProperty(e => e.SettledAmount, 2_000_000L).SetProperty(e => e.SettlementList, "01/DSCT")));

        using var admin = await IndicatorTestData.AdminAsync(p);
        object Form(string? reason) => new
        {
            code = "QĐ 55/2026/QĐ-UBND", title = "Điều chỉnh mức hỗ trợ", policy = Qd46.Code, levels = new[] { "Elementary", "ShortCourse" },
            effectiveFrom = today.AddDays(-5).ToString("yyyy-MM-dd"), oncePerPerson = true, mealPerDay = 0, reason,
            groups = new[] { new { group = "RuralWorker", maxPerCourse = 2_800_000, getsMeals = false, getsTravel = false } }, travel = Array.Empty<object>(),
        };
        var refused = await admin.PostJsonAsync("/api/v1/support/rule-sets", Form(null));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // The refusal previews what the past start date changes: the running course, not the one that started before it.
        var preview = System.Text.RegularExpressions.Regex.Unescape(await refused.Content.ReadAsStringAsync());
        preview.ShouldContain("Reason");
        preview.ShouldContain($"Lớp {running.Name} (khai giảng {today.AddDays(-3).ToString("dd'/'MM'/'yyyy")}): 1 lượt ghi danh");
        preview.ShouldNotContain(earlier.Name);
        var created = await admin.PostJsonAsync("/api/v1/support/rule-sets", Form("Quyết định ký ngày 01, gửi đến tỉnh chậm"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var body = await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        body.GetProperty("recomputed").EnumerateArray().Select(r => r.GetString()!).ShouldHaveSingleItem().ShouldContain(running.Name);

        var enrolments = await TestData.WithDbAsync(db => db.Enrolments.AsNoTracking().Where(e => e.CourseId == running.Id || e.CourseId == earlier.Id).ToListAsync());
        var switched = enrolments.Single(e => e.LearnerId == unpaid);
        (switched.SupportRuleSetCode, switched.SupportTotal).ShouldBe(("QĐ 55/2026/QĐ-UBND", 2_800_000L));
        // Paid out stays as paid; a course that started before the set keeps the old rules.
        var settled = enrolments.Single(e => e.LearnerId == paid);
        (settled.SupportRuleSetCode, settled.SupportTotal, settled.SettledAmount).ShouldBe((Qd46Copy, 2_000_000L, 2_000_000L));
        enrolments.Single(e => e.LearnerId == before).SupportTotal.ShouldBe(2_000_000);
        var audited = await TestData.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "Enrolment" && a.EntityId == switched.Id.ToString()));
        audited.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Support_paid_counts_on_the_day_it_was_paid_and_the_payment_list_shows_what_is_settled()
    {
        var p = await IndicatorTestData.ProvinceAsync();
        var (staff, institution) = await TestData.ActorAsync(Roles.InstitutionStaff, p.A);
        await RuleSetAsync(p.Id, Qd46Copy, Qd46.Code, new DateOnly(2015, 11, 15), null);
        var course = await CourseAsync(institution, p, new DateOnly(2024, 9, 9));
        var first = await IndicatorTestData.LearnerAsync(p, p.A, Sex.Female, new DateOnly(2024, 1, 1));
        var second = await IndicatorTestData.LearnerAsync(p, p.A, Sex.Male, new DateOnly(2024, 1, 1));
        await SupportAsync(course, first);
        await SupportAsync(course, second);
        // The course is closed in the system only in 2026; the money was paid in December 2024.
        await TestData.WithDbAsync(db => db.Courses.Where(c => c.Id == course.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.State, CourseState.Finished).SetProperty(c => c.FinishedOn, new DateOnly(2026, 2, 10))));

        using var admin = await IndicatorTestData.AdminAsync(p);
        IndicatorTestData.Value(await IndicatorTestData.ValuesAsync(admin, "indicator=support.paid&period=2024"), "support.paid").ShouldBe(0);
        using var keeper = await TestBrowser.SignedInAsync(staff);
        var settle = await keeper.PostJsonAsync($"/api/v1/courses/{course.Id}/settlement", new { settledOn = "2024-12-16", list = "12/DSCT-2024" });
        settle.StatusCode.ShouldBe(HttpStatusCode.OK, await settle.Content.ReadAsStringAsync());
        (await keeper.PostJsonAsync($"/api/v1/courses/{course.Id}/settlement", new { settledOn = "2024-12-20", list = "13/DSCT-2024" }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);

        IndicatorTestData.Value(await IndicatorTestData.ValuesAsync(admin, "indicator=support.paid&period=2024"), "support.paid").ShouldBe(4_000_000);
        IndicatorTestData.Value(await IndicatorTestData.ValuesAsync(admin, "indicator=support.paid&period=2026"), "support.paid").ShouldBe(0);
        var list = await Xlsx.DownloadAsync(keeper, $"/api/v1/courses/{course.Id}/payment-list");
        list.Count(r => r.Any(c => c.StartsWith("Đã chi trả 2.000.000 đ ngày 16/12/2024 (danh sách 12/DSCT-2024)"))).ShouldBe(2);
        list.ShouldContain(r => r.Any(c => c.Contains("chưa chi trả 0 người")));
    }

    private static Task<int> RuleSetAsync(int provinceId, string code, string policy, DateOnly from, DateOnly? to) =>
        TestData.WithDbAsync(async db =>
        {
            var set = Qd46.NewRuleSet(provinceId, TestData.Clock.UtcNow);
            set.Code = code;
            set.Policy = policy;
            set.EffectiveFrom = from;
            set.EffectiveTo = to;
            foreach (var group in set.Groups.Where(g => g.Group == SupportGroup.RuralWorker)) group.MaxPerCourse = code == Qd46Copy ? 2_000_000 : 2_500_000;
            db.SupportRuleSets.Add(set);
            await db.SaveChangesAsync();
            return set.Id;
        });

    private sealed record TestCourse(int Id, string Name);

    private static async Task<TestCourse> CourseAsync(DaoTaoNghe.Features.Organisations.Organisation institution, TestProvince p, DateOnly start, string? name = null)
    {
        var occupation = await Registries.RegistryData.OccupationAsync("Nghề thử " + TestData.Unique(), provinceCode: p.Province.Code);
        var programme = await Registries.RegistryData.ProgrammeAsync(institution.Id, occupation.Id, TrainingLevel.Elementary, name: "Chương trình thử " + TestData.Unique());
        var orderId = await TrainingTestData.OrderAsync(institution, occupation.Id, year: start.Year);
        return await TestData.WithDbAsync(async db =>
        {
            var course = new Course
            {
                InstitutionId = institution.Id, ProvinceId = institution.ProvinceId, OrderId = orderId, ProgrammeId = programme.Id, OccupationId = occupation.Id,
                Level = TrainingLevel.Elementary, VenueCommuneId = p.A.Id, StartDate = start, EndDate = start.AddMonths(2), PlannedDays = 40, Capacity = 30,
                ActualUnitCost = 3_000_000, AttendanceMode = AttendanceMode.Summary, State = CourseState.Open, CreatedAt = TestData.Clock.UtcNow,
            };
            course.SetName(name ?? "Lớp chính sách " + TestData.Unique());
            db.Courses.Add(course);
            await db.SaveChangesAsync();
            return new TestCourse(course.Id, course.Name);
        });
    }

    private static Task<SupportResult> SupportAsync(TestCourse course, int learnerId) => SupportAsync(course.Id, learnerId);

    /// <summary>Enrols the learner directly and computes the support as every enrolment path does, through <see cref="EnrolmentSupport"/>.</summary>
    private static async Task<SupportResult> SupportAsync(int courseId, int learnerId)
    {
        await using var scope = TestApp.Instance.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<DaoTaoNghe.Data.AppDbContext>();
        var support = scope.ServiceProvider.GetRequiredService<EnrolmentSupport>();
        var course = await db.Courses.SingleAsync(c => c.Id == courseId);
        var enrolment = new Enrolment
        {
            CourseId = courseId, LearnerId = learnerId, InstitutionId = course.InstitutionId, ProvinceId = course.ProvinceId, ResidenceCommuneId = course.VenueCommuneId,
            EnrolledOn = course.StartDate.AddDays(-5), Status = EnrolmentStatus.Enrolled, CreatedAt = TestData.Clock.UtcNow,
        };
        db.Enrolments.Add(enrolment);
        await support.ComputeAsync(enrolment, course);
        await db.SaveChangesAsync();
        return new SupportResult(enrolment.SupportRuleSetId, enrolment.SupportRuleSetCode, enrolment.SupportGroup, enrolment.Tuition, enrolment.Meals,
            enrolment.Travel, enrolment.DerivationLines.Select(l => new SupportLine(l)).ToList());
    }
}
