using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Indicators;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Web;
using DaoTaoNghe.Tests.Features.FollowUps;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DaoTaoNghe.Tests.Features.Indicators.IndicatorTestData;

namespace DaoTaoNghe.Tests.Features.Indicators;

/// <summary>
/// The ministry's comparison of the provinces on the national tier (<see cref="NationalApp"/>: the national app over a
/// database holding the provinces' records): each province's value is the one its own indicators API gives, beside its
/// own target, sortable, each value leading down to the province's dashboard, its communes and their records.
/// </summary>
public class ProvinceComparisonTests
{
    private const string Registered = "learners.registered";

    private static async Task<(TestProvince Ahead, TestProvince Behind, TestProvince Silent)> ThreeProvincesAsync()
    {
        var ahead = await ProvinceAsync();
        var behind = await ProvinceAsync();
        var silent = await ProvinceAsync();
        for (var i = 0; i < 3; i++) await LearnerAsync(ahead, ahead.A, Sex.Female, new DateOnly(2026, 3, 1 + i));
        await LearnerAsync(behind, behind.B, Sex.Male, new DateOnly(2026, 4, 2));
        await TargetAsync(Registered, ahead.Province, ahead.Id, 2026, 4, TargetDirection.AtLeast);
        return (ahead, behind, silent);
    }

    /// <summary>
    /// The number the province's own admin reads from /api/v1/indicators/values, once the province's worker has applied
    /// the marks waiting: the national tier reads the values that worker keeps, so the test waits for it rather than race it.
    /// </summary>
    private static async Task<double?> ProvinceSeesAsync(TestProvince province)
    {
        await TestApp.Instance.Services.GetRequiredService<MaintainedValuesRunner>().DrainAsync(Timeout.InfiniteTimeSpan);
        using var admin = await AdminAsync(province);
        return Value(await ValuesAsync(admin, $"indicator={Registered}&period=2026"), Registered);
    }

    private static string Row(string html, int provinceId) =>
        TestBrowser.HtmlText(Regex.Match(html, $"<tr id=\"province-{provinceId}\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value).Trim();

    [Fact]
    public async Task The_ministry_sees_each_provinces_own_value_against_its_own_target_and_drills_down_to_the_records()
    {
        var (ahead, behind, silent) = await ThreeProvincesAsync();
        var aheadValue = await ProvinceSeesAsync(ahead);
        var behindValue = await ProvinceSeesAsync(behind);
        aheadValue.ShouldBe(3);
        behindValue.ShouldBe(1);

        using var ministry = await NationalApp.Instance.SignInAsync(Roles.MinistryOfficer);
        var html = await ministry.GetHtmlAsync($"/Indicators/Provinces?ma={Registered}&nam=2026");
        var state = TestData.Clock.Year > 2026 ? "Không đạt" : "Đang thực hiện";
        Row(html, ahead.Id).ShouldBe($"{ahead.Province.Name} 3 người 4 75,0% 75,0% {state}");
        Row(html, behind.Id).ShouldBe($"{behind.Province.Name} 1 người chưa giao");
        Row(html, silent.Id).ShouldBe($"{silent.Province.Name} chưa có dữ liệu");
        // Every province of today's map has its row, the 34 official ones among them.
        TestBrowser.HtmlText(html).ShouldContain("Lai Châu");
        TestBrowser.HtmlText(html).ShouldContain("Hà Nội");

        var byValue = await ministry.GetHtmlAsync($"/Indicators/Provinces?ma={Registered}&nam=2026&sap-xep=Value&giam=true");
        byValue.IndexOf($"id=\"province-{ahead.Id}\"").ShouldBeLessThan(byValue.IndexOf($"id=\"province-{behind.Id}\""));
        byValue.IndexOf($"id=\"province-{behind.Id}\"").ShouldBeLessThan(byValue.IndexOf($"id=\"province-{silent.Id}\""));
        var ascending = await ministry.GetHtmlAsync($"/Indicators/Provinces?ma={Registered}&nam=2026&sap-xep=Value");
        ascending.IndexOf($"id=\"province-{behind.Id}\"").ShouldBeLessThan(ascending.IndexOf($"id=\"province-{ahead.Id}\""));

        // Down: the value leads to the province's dashboard, a commune there to its own, a number there to the records.
        var dashboardUrl = Regex.Match(html, $"<tr id=\"province-{ahead.Id}\">.*?<td class=\"num\">\\s*<a href=\"([^\"]+)\"", RegexOptions.Singleline).Groups[1].Value;
        var dashboard = await ministry.GetHtmlAsync(WebUtility.HtmlDecode(dashboardUrl));
        TestBrowser.HtmlText(dashboard).ShouldContain($"Bảng chỉ số: {ahead.Province.Name} – năm 2026");
        var commune = Regex.Match(dashboard, $"<th scope=\"row\"><a href=\"(/Indicators\\?don-vi={ahead.A.Id}&[^\"]*)\">").Groups[1].Value;
        commune.ShouldNotBeEmpty();
        var communeDashboard = await ministry.GetHtmlAsync(WebUtility.HtmlDecode(commune));
        TestBrowser.HtmlText(communeDashboard).ShouldContain($"Bảng chỉ số: {ahead.A.Name} – năm 2026");
        var records = Regex.Match(communeDashboard, "id=\"line-learners-registered\".*?<a href=\"([^\"]+)\" title=\"Xem hồ sơ\">", RegexOptions.Singleline).Groups[1].Value;
        records.ShouldNotBeEmpty();
        var list = TestBrowser.HtmlText(await ministry.GetHtmlAsync(WebUtility.HtmlDecode(records)));
        list.ShouldContain("Người Học Thử");
    }

    /// <summary>The number in the "Cả nước" row's result cell ("1.234 người" → 1234).</summary>
    private static int NationValue(string html) =>
        int.Parse(Regex.Match(TestBrowser.HtmlText(Regex.Match(html, "<tr id=\"nation\">.*?<td class=\"num\">(.*?)</td>", RegexOptions.Singleline).Groups[1].Value),
            @"\d[\d.]*").Value.Replace(".", ""));

    [Fact]
    public async Task The_nations_people_trained_and_placed_in_work_open_the_list_of_exactly_the_people_counted()
    {
        var one = await ProvinceAsync();
        var two = await ProvinceAsync();
        var completed = new DateOnly(2026, 2, 10);
        var people = new List<(int Learner, TestProvince Province)>();
        foreach (var (province, commune) in new[] { (one, one.A), (two, two.B) })
        {
            var learner = await LearnerAsync(province, commune, Sex.Female, new DateOnly(2025, 12, 1));
            var course = await FollowUpTestData.CourseAsync(await TestData.OrganisationAsync(OrganisationKind.TrainingInstitution, commune), commune, finishedOn: completed);
            var enrolment = await FollowUpTestData.CompletionAsync(course, learner, commune, completed);
            await FollowUpTestData.FollowUpAsync(enrolment, 3, completed.AddMonths(3), EmploymentStatus.EmployedByEnterprise);
            people.Add((learner, province));
        }
        // The provinces' values brought up to date, as each province's worker does: the comparison shows the nation's row once a province has data.
        await TestApp.Instance.Services.GetRequiredService<MaintainedValuesRunner>().DrainAsync(Timeout.InfiniteTimeSpan);

        using var ministry = await NationalApp.Instance.SignInAsync(Roles.MinistryOfficer);
        foreach (var (code, list) in new[]
                 {
                     ("training.completed", "/Courses/TrainedNationally?nam=2026"), ("jobs.created", "/FollowUps/NewJobsNationally?ma=jobs.created&nam=2026"),
                 })
        {
            // The nation's people as the national tier's worker counts them, now that these people are there.
            await Counter.CountAsync(IndicatorCatalogue.Find(code)!, 2026);
            var comparison = await ministry.GetHtmlAsync($"/Indicators/Provinces?ma={code}&nam=2026");
            var nation = NationValue(comparison);
            var link = WebUtility.HtmlDecode(Regex.Match(comparison, "<tr id=\"nation\">.*?<a href=\"([^\"]+)\"", RegexOptions.Singleline).Groups[1].Value);
            link.ShouldBe(list, code);

            var page = await ministry.GetHtmlAsync(link);
            TestBrowser.HtmlText(Regex.Match(page, "<span id=\"national-persons-count\">(.*?)</span>", RegexOptions.Singleline).Groups[1].Value).Trim()
                .ShouldBe($"Cả nước: {nation.ToString("#,##0", System.Globalization.CultureInfo.InvariantCulture).Replace(",", ".")} người", code);
            var rows = await Xlsx.DownloadAsync(ministry, link + "&handler=Export");
            rows[1].ShouldBe(["Mã hồ sơ", "Họ và tên", "Ngày sinh", "Số CCCD", "Tỉnh có hồ sơ"]);
            rows.Count.ShouldBe(nation + 2, $"{code}: one row per person the nation's value counts");
            foreach (var (learner, province) in people)
                rows.Single(r => r[0] == learner.ToString())[4].ShouldBe(province.Province.Name, code);
        }

        // A province's people are its own list: the national ones are the ministry's alone.
        using var admin = await AdminAsync(one);
        (await admin.GetAsync("/Courses/TrainedNationally?nam=2026")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.GetAsync("/FollowUps/NewJobsNationally?nam=2026")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ministry.GetAsync("/FollowUps/NewJobsNationally?ma=employment.employed&nam=2026")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static NationalPersonCounter Counter => NationalApp.Instance.Services.GetRequiredService<NationalPersonCounter>();

    /// <summary>The "Cả nước" row's text.</summary>
    private static string NationRow(string html) =>
        TestBrowser.HtmlText(Regex.Match(html, "<tr id=\"nation\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value).Trim();

    private static Task<DateTime?> CountedAtAsync(string computation, int year) =>
        TestData.WithDbAsync(db => db.NationalPersonCounts.Where(c => c.Computation == computation && c.Year == year).Select(c => c.CountedAt).SingleAsync());

    private static async Task<int> RegisteredPersonsAsync(TestBrowser ministry, int year) =>
        JsonDocument.Parse(await ministry.Http.GetStringAsync($"/api/v1/learners/registered-persons?nam={year}")).RootElement.GetProperty("persons").GetInt32();

    [Fact]
    public async Task The_nations_people_are_the_national_tiers_last_count_shown_with_its_time_and_counted_again_when_due()
    {
        // A year no other test compares: the worker counts the current and the previous year of its own accord, others when asked.
        const int year = 2017;
        var province = await ProvinceAsync();
        await LearnerAsync(province, province.A, Sex.Female, new DateOnly(year, 5, 2));
        await LearnerAsync(province, province.B, Sex.Male, new DateOnly(year, 6, 3));
        await TargetAsync(Registered, province.Province, province.Id, year, 10, TargetDirection.AtLeast);
        using var ministry = await NationalApp.Instance.SignInAsync(Roles.MinistryOfficer);
        var url = $"/Indicators/Provinces?ma={Registered}&nam={year}";

        // Never counted: the page says so rather than show a number, and asks the worker.
        var before = await ministry.GetHtmlAsync(url);
        NationRow(before).ShouldBe("Cả nước đang được tính Số cả nước (mỗi người tính một lần dù có hồ sơ ở nhiều tỉnh) đang được tính, tải lại trang sau ít phút.");
        before.ShouldNotContain("href=\"/Learners?nam-dk=2017\"");
        (await TestData.WithDbAsync(db => db.NationalPersonCounts.AnyAsync(c => c.Computation == Registered && c.Year == year))).ShouldBeTrue("the page asked for the count");

        // The worker's pass counts what was asked for (the worker woken by the page may have made it already).
        await Counter.RunOnceAsync(waitForOthers: true);
        var counted = await ministry.GetHtmlAsync(url);
        var persons = await RegisteredPersonsAsync(ministry, year);
        persons.ShouldBeGreaterThanOrEqualTo(2);
        NationValue(counted).ShouldBe(persons, "the nation's value is the live count of the people registered in the year, once counted");
        var countedAt = await CountedAtAsync(Registered, year);
        NationRow(counted).ShouldContain($"Số liệu tính lúc {Fmt.DateTime(countedAt)}, tính lại sau mỗi 30 phút");
        WebUtility.HtmlDecode(Regex.Match(counted, "<tr id=\"nation\">.*?<a href=\"([^\"]+)\"", RegexOptions.Singleline).Groups[1].Value)
            .ShouldBe($"/Learners?nam-dk={year}");

        // A person registered since: the page keeps showing the count and its time until the worker counts again.
        await LearnerAsync(province, province.A, Sex.Male, new DateOnly(year, 7, 4));
        (await RegisteredPersonsAsync(ministry, year)).ShouldBe(persons + 1);
        NationValue(await ministry.GetHtmlAsync(url)).ShouldBe(persons);
        await Counter.RunOnceAsync(waitForOthers: true);
        NationValue(await ministry.GetHtmlAsync(url)).ShouldBe(persons, "not due before Indicators:NationalPersonsEveryMinutes");

        // Half an hour on, the count is due: the worker's pass counts it again, and the page shows the new value and time.
        using (TestData.Clock.At(TestData.Clock.GetUtcNow().AddMinutes(31)))
        {
            await Counter.RunOnceAsync(waitForOthers: true);
            var recountedAt = await CountedAtAsync(Registered, year);
            recountedAt.ShouldNotBeNull().ShouldBeGreaterThan(countedAt!.Value.AddMinutes(30));
            var again = await ministry.GetHtmlAsync(url);
            NationValue(again).ShouldBe(persons + 1);
            NationRow(again).ShouldContain($"Số liệu tính lúc {Fmt.DateTime(recountedAt)}");
        }
    }

    [Fact]
    public async Task Any_catalogue_indicator_can_be_compared()
    {
        using var ministry = await NationalApp.Instance.SignInAsync(Roles.NationalInspector);
        var html = await ministry.GetHtmlAsync("/Indicators/Provinces");
        foreach (var indicator in IndicatorCatalogue.All.Where(i => i.AppliesTo(UnitKind.Province)))
        {
            html.ShouldContain($"value=\"{indicator.Code}\"");
            (await ministry.GetAsync($"/Indicators/Provinces?ma={indicator.Code}&nam=2026")).StatusCode.ShouldBe(HttpStatusCode.OK, indicator.Code);
        }
        (await ministry.GetAsync("/Indicators/Provinces?ma=khong.co&nam=2026")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Province_roles_and_the_national_admin_cannot_open_the_comparison()
    {
        var p = await ProvinceAsync();
        foreach (var role in new[] { Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector })
        {
            using var province = await SignInAsync(role, p.Province);
            (await province.GetAsync("/Indicators/Provinces")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role);
            TestBrowser.HtmlText(await province.GetHtmlAsync("/")).ShouldNotContain("So sánh các tỉnh");
        }
        using var admin = await NationalApp.Instance.AdminAsync();
        (await admin.GetAsync("/Indicators/Provinces")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var ministry = await NationalApp.Instance.SignInAsync(Roles.MinistryOfficer);
        var home = await ministry.GetHtmlAsync("/");
        home.ShouldContain("href=\"/Indicators/Provinces\"");
        TestBrowser.HtmlText(home).ShouldContain("Hệ thống cấp quốc gia");
    }

    [Fact]
    public async Task The_comparison_exports_to_xlsx_with_values_targets_and_progress()
    {
        var (ahead, behind, silent) = await ThreeProvincesAsync();
        await ProvinceSeesAsync(ahead);
        await ProvinceSeesAsync(behind);
        using var ministry = await NationalApp.Instance.SignInAsync(Roles.MinistryOfficer);

        var rows = await Xlsx.DownloadAsync(ministry, $"/Indicators/Provinces?handler=Export&ma={Registered}&nam=2026");

        rows[0][0].ShouldBe("Số người học được đăng ký mới (người) theo tỉnh, thành phố năm 2026");
        rows[1].ShouldBe(["Tỉnh, thành phố", "Kết quả (người)", "Chỉ tiêu", "Đạt so với chỉ tiêu", "Đánh giá"]);
        var state = TestData.Clock.Year > 2026 ? "Không đạt" : "Đang thực hiện";
        rows.Single(r => r[0] == ahead.Province.Name).ShouldBe([ahead.Province.Name, "3", "4", "0.75", state]);
        rows.Single(r => r[0] == behind.Province.Name).ShouldBe([behind.Province.Name, "1", "", "", "Chưa giao chỉ tiêu"]);
        rows.Single(r => r[0] == silent.Province.Name).ShouldBe([silent.Province.Name, "", "", "", "Chưa có dữ liệu"]);
    }
}
