using System.Net;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.PersonalData;

/// <summary>
/// The breach register: the province admin records a breach and its notification to Bộ Công an, the
/// list shows the 72-hour deadline and flags it missed or near, inspectors read and export it, and
/// commune officers have no access.
/// </summary>
public class DataBreachesTests
{
    private static string Local(DateOnly day, int hour) => day.ToDateTime(new TimeOnly(hour, 0)).ToString("yyyy-MM-ddTHH:mm");

    private static Dictionary<string, string> Form(string description, string discoveredAt, string people = "120", string notifiedAt = "", string content = "", string lateReason = "") => new()
    {
        ["Data.Description"] = description,
        ["Data.DiscoveredAt"] = discoveredAt,
        ["Data.DataCategories"] = "Họ tên, số CCCD, số điện thoại",
        ["Data.PeopleAffected"] = people,
        ["Data.Measures"] = "Khóa tài khoản bị lộ, đổi mật khẩu",
        ["Data.NotifiedAt"] = notifiedAt,
        ["Data.NotificationContent"] = content,
        ["Data.LateReason"] = lateReason,
        ["Data.Status"] = "Open",
    };

    private static string Unique(string what) => $"{what} {Guid.NewGuid():N}"[..(what.Length + 9)];

    private static async Task SaveAsync(TestBrowser browser, Dictionary<string, string> form, string url = "/PersonalData/BreachEdit")
    {
        var response = await browser.PostFormAsync(url, form);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_bad_form_names_each_field_and_saves_nothing()
    {
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var browser = await TestBrowser.SignedInAsync(admin);
        var description = Unique("Lộ danh sách học viên");
        var form = Form(description, Local(TestData.Clock.Today.AddDays(2), 8), people: "-5", notifiedAt: Local(TestData.Clock.Today.AddDays(-1), 8));
        form["Data.DataCategories"] = "";

        var response = await browser.PostFormAsync("/PersonalData/BreachEdit", form);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = TestBrowser.HtmlText(await response.Content.ReadAsStringAsync());
        page.ShouldContain("Thời điểm phát hiện không được sau thời điểm hiện tại.");
        page.ShouldContain("Vui lòng nhập loại dữ liệu bị ảnh hưởng.");
        page.ShouldContain("Số người bị ảnh hưởng không được âm.");
        page.ShouldContain("Vui lòng nhập nội dung đã thông báo cho Bộ Công an.");
        (await TestData.WithDbAsync(db => db.DataBreaches.IgnoreQueryFilters().CountAsync(b => b.Description == description))).ShouldBe(0);
    }

    [Fact]
    public async Task A_breach_past_72_hours_without_notification_is_flagged_and_one_due_today_is_near()
    {
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var browser = await TestBrowser.SignedInAsync(admin);
        var today = TestData.Clock.Today;
        var overdue = Unique("Máy tính xã bị mã độc");
        var near = Unique("Gửi nhầm email danh sách");
        await SaveAsync(browser, Form(overdue, Local(today.AddDays(-4), 8)));
        await SaveAsync(browser, Form(near, Local(today.AddDays(-3), 23)));

        var page = TestBrowser.HtmlText(await browser.GetHtmlAsync("/PersonalData/Breaches"));

        var d = today.AddDays(-4);
        page.ShouldContain($"{overdue} {d:dd/MM/yyyy} 08:00 {d.AddDays(3):dd/MM/yyyy} 08:00 Quá hạn thông báo");
        page.ShouldContain($"{near} {today.AddDays(-3):dd/MM/yyyy} 23:00 {today:dd/MM/yyyy} 23:00 Sắp hết hạn thông báo");
    }

    [Fact]
    public async Task A_late_notification_needs_its_reason_and_is_then_shown_as_late()
    {
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var browser = await TestBrowser.SignedInAsync(admin);
        var today = TestData.Clock.Today;
        var description = Unique("Lộ bảng tính hỗ trợ");
        await SaveAsync(browser, Form(description, Local(today.AddDays(-5), 8)));
        var id = await TestData.WithDbAsync(db => db.DataBreaches.IgnoreQueryFilters().Where(b => b.Description == description).Select(b => b.Id).SingleAsync());
        var notified = Form(description, Local(today.AddDays(-5), 8), notifiedAt: Local(today.AddDays(-1), 8), content: "Công văn số 12/SLĐ gửi Cục A05");

        var refused = await browser.PostFormAsync($"/PersonalData/BreachEdit/{id}", notified);
        TestBrowser.HtmlText(await refused.Content.ReadAsStringAsync()).ShouldContain("Thông báo sau 72 giờ kể từ khi phát hiện: vui lòng nêu lý do thông báo muộn.");

        notified["Data.LateReason"] = "Phát hiện ngoài giờ, chờ xác minh phạm vi";
        await SaveAsync(browser, notified, $"/PersonalData/BreachEdit/{id}");
        TestBrowser.HtmlText(await browser.GetHtmlAsync("/PersonalData/Breaches")).ShouldContain(
            $"{description} {today.AddDays(-5):dd/MM/yyyy} 08:00 {today.AddDays(-2):dd/MM/yyyy} 08:00 Đã thông báo muộn {today.AddDays(-1):dd/MM/yyyy} 08:00");
    }

    [Fact]
    public async Task An_inspector_reads_and_exports_the_register_but_cannot_record()
    {
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using (var browser = await TestBrowser.SignedInAsync(admin))
            await SaveAsync(browser, Form(Unique("Lộ mật khẩu cán bộ"), Local(TestData.Clock.Today.AddDays(-1), 8)));
        var (inspector, _) = await TestData.ProvinceActorAsync(Roles.Inspector);
        using var reader = await TestBrowser.SignedInAsync(inspector);

        var rows = await Xlsx.DownloadAsync(reader, "/PersonalData/Breaches?handler=Export");

        rows.ShouldContain(r => r.Count > 4 && r[0].StartsWith("Lộ mật khẩu cán bộ") && r[4] == "Chưa thông báo");
        rows.ShouldContain(r => r.Contains("Hạn thông báo (72 giờ)"));
        (await reader.GetAsync("/PersonalData/BreachEdit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_commune_officer_is_refused()
    {
        var commune = await TestData.CommuneAsync("Xã Tân Uyên");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);

        (await browser.GetAsync("/PersonalData/Breaches")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.GetAsync("/PersonalData/Breaches?handler=Export")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.GetAsync("/PersonalData/BreachEdit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
