using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using static DaoTaoNghe.Tests.Features.Courses.TrainingTestData;

namespace DaoTaoNghe.Tests.Features.Courses;

/// <summary>A person's support amounts name their group (meals go only to the top groups): they follow the group's visibility.</summary>
public class SupportVisibilityTests
{
    [Theory]
    [InlineData(Roles.DepartmentOfficer)]
    [InlineData(Roles.EmploymentCentre)]
    public async Task A_role_that_does_not_see_the_group_sees_no_amount_of_a_person(string role)
    {
        var (courseId, enrolmentId) = await DisabledLearnerEnrolledAsync();
        var (user, _) = await TestData.ProvinceActorAsync(role);
        using var browser = await TestBrowser.SignedInAsync(user);

        var details = await browser.Http.GetFromJsonAsync<JsonElement>($"/api/v1/enrolments/{enrolmentId}");
        var list = await browser.Http.GetFromJsonAsync<JsonElement>($"/api/v1/enrolments?lop={courseId}");
        var page = TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Courses/Enrolment/{enrolmentId}"));

        details.GetProperty("group").ValueKind.ShouldBe(JsonValueKind.Null);
        details.GetProperty("derivation").GetArrayLength().ShouldBe(0);
        foreach (var amount in new[] { "supportTotal", "computedTuition", "computedMeals", "computedTravel" })
            details.GetProperty(amount).ValueKind.ShouldBe(JsonValueKind.Null, amount);
        details.GetProperty("seesAmounts").GetBoolean().ShouldBeFalse();
        list.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("supportTotal").ValueKind == JsonValueKind.Null);
        page.ShouldNotContain("1.200.000 đ");
        page.ShouldNotContain("Người khuyết tật");
        page.ShouldContain("Số tiền hỗ trợ của từng người học cho biết nhóm đối tượng");
    }

    [Fact]
    public async Task The_institution_that_pays_sees_the_amounts_but_neither_the_group_nor_the_reasoning_and_the_province_admin_sees_all()
    {
        var (courseId, enrolmentId) = await DisabledLearnerEnrolledAsync();
        using var institution = await TestBrowser.SignedInAsync(_staff);
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var province = await TestBrowser.SignedInAsync(admin);

        var paid = await institution.Http.GetFromJsonAsync<JsonElement>($"/api/v1/enrolments/{enrolmentId}");
        var paidPage = TestBrowser.HtmlText(await institution.GetHtmlAsync($"/Courses/Enrolment/{enrolmentId}"));
        var payments = await Xlsx.DownloadAsync(institution, $"/Courses/Details/{courseId}?handler=PaymentList");
        var full = await province.Http.GetFromJsonAsync<JsonElement>($"/api/v1/enrolments/{enrolmentId}");

        paid.GetProperty("group").ValueKind.ShouldBe(JsonValueKind.Null);
        paid.GetProperty("derivation").GetArrayLength().ShouldBe(0);
        paid.GetProperty("computedMeals").GetInt64().ShouldBe(40 * 30_000);
        paid.GetProperty("supportTotal").GetInt64().ShouldBe(3_000_000 + 40 * 30_000 + 120_000);
        paidPage.ShouldNotContain("Người khuyết tật");
        paidPage.ShouldNotContain("Thuộc");
        payments[1].ShouldNotContain("Nhóm đối tượng");
        payments.SelectMany(r => r).ShouldNotContain("Người khuyết tật");
        full.GetProperty("group").GetString().ShouldBe("Disabled");
        full.GetProperty("derivation").GetArrayLength().ShouldBeGreaterThan(0);
        full.GetProperty("supportTotal").GetInt64().ShouldBe(3_000_000 + 40 * 30_000 + 120_000);
    }

    [Fact]
    public async Task The_institution_sees_the_reasoning_lines_the_calculator_marked_as_naming_no_group_and_no_other()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var setup = await InstitutionAsync();
        using var browser = await TestBrowser.SignedInAsync(setup.Staff);
        var course = await OpenCourseAsync(browser, CourseForm(setup, binhLu.Id, cost: 3_000_000, plannedDays: 40));
        var paidBefore = await EnrolledAsync(browser, course, await LearnerAsync(binhLu.Id, categories: [PriorityCategory.Disabled]),
            new() { ["Data.OtherPolicyPaid"] = "true" });
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var province = await TestBrowser.SignedInAsync(admin);

        var institution = await browser.Http.GetFromJsonAsync<JsonElement>($"/api/v1/enrolments/{paidBefore}");
        var full = await province.Http.GetFromJsonAsync<JsonElement>($"/api/v1/enrolments/{paidBefore}");

        institution.GetProperty("derivation").EnumerateArray().ShouldHaveSingleItem().GetString()
            .ShouldStartWith("Người học đã được hỗ trợ đào tạo theo chính sách khác của Nhà nước: không hỗ trợ theo ");
        full.GetProperty("derivation").GetArrayLength().ShouldBe(3, "the rule set applied, the refusal and the total");
    }

    private string _staff = "";

    private async Task<(int CourseId, int EnrolmentId)> DisabledLearnerEnrolledAsync()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var setup = await InstitutionAsync();
        _staff = setup.Staff;
        using var browser = await TestBrowser.SignedInAsync(setup.Staff);
        var course = await OpenCourseAsync(browser, CourseForm(setup, binhLu.Id, cost: 3_000_000, plannedDays: 40));
        var disabled = await LearnerAsync(binhLu.Id, categories: [PriorityCategory.Disabled]);
        var worker = await LearnerAsync(binhLu.Id);
        var id = await EnrolledAsync(browser, course, disabled, new() { ["Data.DistanceKm"] = "7", ["Data.TravelFare"] = "120.000" });
        await EnrolledAsync(browser, course, worker);
        return (course, id);
    }
}
