using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Orders;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Courses;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.Courses.TrainingTestData;

namespace DaoTaoNghe.Tests.Features.Orders;

/// <summary>
/// An order goes planned → open → running → finished, or is cancelled: courses only under an open
/// order, finishing only when its courses are over, cancelling only an order without courses; only
/// the province admin moves it.
/// </summary>
public class OrderStatesTests
{
    private static Task<OrderState> StateAsync(int orderId) =>
        TestData.WithDbAsync(db => db.TrainingOrders.Where(o => o.Id == orderId).Select(o => o.State).SingleAsync());

    private static Task SetStateAsync(int orderId, OrderState state) =>
        TestData.WithDbAsync(db => db.TrainingOrders.Where(o => o.Id == orderId).ExecuteUpdateAsync(s => s.SetProperty(o => o.State, state)));

    private static Dictionary<string, string> OrderForm(TrainingSetup setup, string decision, bool planned) => new()
    {
        ["Data.InstitutionId"] = setup.Institution.Id.ToString(), ["Data.Kind"] = "Order", ["Data.Year"] = "2026",
        ["Data.OccupationId"] = setup.Occupation.Id.ToString(), ["Data.Level"] = "Elementary", ["Data.Quota"] = "30",
        ["Data.UnitCost"] = "3.500.000", ["Data.Budget"] = "105.000.000", ["Data.DecisionNumber"] = decision, ["Data.DecisionDate"] = "2026-01-20",
        ["Data.Planned"] = planned ? "true" : "false",
    };

    [Fact]
    public async Task A_planned_order_takes_no_course_until_the_province_gives_it_to_the_institution()
    {
        var setup = await InstitutionAsync();
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var province = await TestBrowser.SignedInAsync(admin);
        using var institution = await TestBrowser.SignedInAsync(setup.Staff);
        var venue = await TestData.CommuneAsync("Xã Bình Lư");

        var decision = "77/QĐ-SGDĐT-" + TestData.Unique();
        var created = await province.PostFormAsync("/Orders/Create", OrderForm(setup, decision, planned: true));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestBrowser.HtmlText(await created.Content.ReadAsStringAsync()));
        var orderId = int.Parse(created.Headers.Location!.ToString().Split('/').Last());
        (await StateAsync(orderId)).ShouldBe(OrderState.Planned);
        TestBrowser.HtmlText(await institution.GetHtmlAsync($"/Orders/Details/{orderId}")).ShouldContain("Dự kiến");
        TestBrowser.HtmlText(await institution.GetHtmlAsync("/Notifications")).ShouldNotContain(decision);

        var form = CourseForm(setup, venue.Id);
        form["Data.OrderId"] = orderId.ToString();
        var refused = await institution.PostFormAsync("/Courses/Create?co-so=" + setup.Institution.Id, form, "/Courses/Create");
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        TestBrowser.HtmlText(await refused.Content.ReadAsStringAsync()).ShouldContain("đang ở trạng thái \"Dự kiến\": chỉ mở lớp theo đơn hàng đã giao");
        (await TestData.WithDbAsync(db => db.Courses.CountAsync(c => c.OrderId == orderId))).ShouldBe(0);

        (await institution.PostFormAsync($"/Orders/Details/{orderId}", [], $"/Orders/Details/{orderId}?handler=Issue")).StatusCode
            .ShouldBe(HttpStatusCode.Forbidden);
        (await StateAsync(orderId)).ShouldBe(OrderState.Planned);

        (await ActAsync(province, $"/Orders/Details/{orderId}", "Issue")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StateAsync(orderId)).ShouldBe(OrderState.Open);
        var told = TestBrowser.HtmlText(await institution.GetHtmlAsync("/Notifications"));
        told.ShouldContain("Đơn hàng đào tạo mới được giao: Đặt hàng năm 2026");
        told.ShouldContain($"Quyết định số {decision} ngày 20/01/2026: 30 người");
        await CreateCourseAsync(institution, form);
    }

    [Fact]
    public async Task An_order_runs_once_a_course_starts_and_finishes_only_when_every_course_is_over()
    {
        var setup = await InstitutionAsync();
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var province = await TestBrowser.SignedInAsync(admin);
        var (finished, _) = await CompletedCourseAsync(setup, 2);
        var running = await TestData.WithDbAsync(async db =>
        {
            var course = await db.Courses.AsNoTracking().SingleAsync(c => c.Id == finished);
            course.Id = 0;
            course.State = CourseState.Running;
            course.FinishedOn = null;
            course.SetName("Lớp đang học " + TestData.Unique());
            db.Courses.Add(course);
            await db.SaveChangesAsync();
            return course.Id;
        });

        var listed = await province.Http.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{setup.OrderId}");
        listed.GetProperty("state").GetString().ShouldBe("Running");
        TestBrowser.HtmlText(await province.GetHtmlAsync($"/Orders?trang-thai=Open&co-so={setup.Institution.Id}")).ShouldContain("Đang thực hiện");

        var early = await province.Http.PostAsync($"/api/v1/orders/{setup.OrderId}/finish", null);
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await early.Content.ReadAsStringAsync()).ShouldContain("Còn 1 lớp chưa kết thúc");
        (await StateAsync(setup.OrderId)).ShouldBe(OrderState.Open);

        await TestData.WithDbAsync(db => db.Courses.Where(c => c.Id == running).ExecuteUpdateAsync(s => s.SetProperty(c => c.State, CourseState.Cancelled)));
        (await ActAsync(province, $"/Orders/Details/{setup.OrderId}", "Finish")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StateAsync(setup.OrderId)).ShouldBe(OrderState.Finished);
        (await TestData.WithDbAsync(db => db.TrainingOrders.Where(o => o.Id == setup.OrderId).Select(o => o.ClosedOn).SingleAsync())).ShouldNotBeNull();

        var edit = await province.PostFormAsync($"/Orders/Edit/{setup.OrderId}", OrderForm(setup, "1/QĐ-" + TestData.Unique(), planned: false));
        TestBrowser.HtmlText(await edit.Content.ReadAsStringAsync()).ShouldContain("Đơn hàng đã hoàn thành: không sửa được.");
    }

    [Fact]
    public async Task Only_an_order_without_courses_is_cancelled_and_the_reason_is_required()
    {
        var setup = await InstitutionAsync();
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var province = await TestBrowser.SignedInAsync(admin);
        var empty = await OrderAsync(setup.Institution, setup.Occupation.Id);

        var noReason = await province.PostFormAsync($"/Orders/Details/{empty}", new() { ["Cancel.Reason"] = "" }, $"/Orders/Details/{empty}?handler=Cancel");
        noReason.StatusCode.ShouldBe(HttpStatusCode.OK);
        TestBrowser.HtmlText(await noReason.Content.ReadAsStringAsync()).ShouldContain("Vui lòng nhập lý do hủy đơn hàng.");
        (await StateAsync(empty)).ShouldBe(OrderState.Open);

        await CompletedCourseAsync(setup, 1);
        var withCourse = await province.PostJsonAsync($"/api/v1/orders/{setup.OrderId}/cancel", new { reason = "Không còn kinh phí" });
        withCourse.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await withCourse.Content.ReadAsStringAsync()).ShouldContain("hãy hủy các lớp trước");
        (await StateAsync(setup.OrderId)).ShouldBe(OrderState.Open);

        var cancelled = await province.PostFormAsync($"/Orders/Details/{empty}", new() { ["Cancel.Reason"] = "Không đủ người đăng ký học" },
            $"/Orders/Details/{empty}?handler=Cancel");
        cancelled.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StateAsync(empty)).ShouldBe(OrderState.Cancelled);
        TestBrowser.HtmlText(await province.GetHtmlAsync($"/Orders/Details/{empty}")).ShouldContain("Không đủ người đăng ký học");
        (await province.Http.PostAsync($"/api/v1/orders/{empty}/issue", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_order_list_exports_its_filtered_rows_with_their_state()
    {
        var setup = await InstitutionAsync();
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var province = await TestBrowser.SignedInAsync(admin);
        var planned = await OrderAsync(setup.Institution, setup.Occupation.Id);
        await SetStateAsync(planned, OrderState.Planned);
        var decisions = await TestData.WithDbAsync(db => db.TrainingOrders.Where(o => o.InstitutionId == setup.Institution.Id)
            .ToDictionaryAsync(o => o.Id, o => o.DecisionNumber));

        var rows = await Xlsx.DownloadAsync(province, $"/Orders?handler=Export&co-so={setup.Institution.Id}&trang-thai=Planned");

        var header = rows.First(r => r.Contains("Trạng thái"));
        var data = rows.Where(r => decisions.Values.Any(r.Contains)).ToList();
        data.Count.ShouldBe(1);
        data[0].ShouldContain(decisions[planned]);
        data[0][header.IndexOf("Trạng thái")].ShouldBe("Dự kiến");
    }
}
