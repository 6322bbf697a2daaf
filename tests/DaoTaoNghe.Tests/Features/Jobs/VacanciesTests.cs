using System.Net.Http.Json;
using System.Net;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.Jobs.JobsTestData;

namespace DaoTaoNghe.Tests.Features.Jobs;

public class VacanciesTests
{
    [Fact]
    public async Task An_enterprise_posts_a_vacancy_finds_it_without_diacritics_and_exports_it()
    {
        var (user, enterpriseId) = await EnterpriseAsync();
        using var browser = await TestBrowser.SignedInAsync(user);
        var tanUyen = await TestData.CommuneAsync("Xã Tân Uyên");
        var marker = TestData.Unique();
        var id = await CreateVacancyAsync(browser, VacancyForm(await OccupationAsync("Chế biến chè"), tanUyen.Id, $"Công nhân chế biến chè {marker}"));

        var details = TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Jobs/Vacancies/Details/{id}"));
        details.ShouldContain("5.500.000 – 7.000.000 đ/tháng");
        details.ShouldContain("31/12/2099");
        TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Jobs/Vacancies?q=cong+nhan+che+bien+che+{marker}")).ShouldContain($"Công nhân chế biến chè {marker}");

        var rows = await Xlsx.DownloadAsync(browser, $"/Jobs/Vacancies?handler=Export&q={marker}");
        rows.Count.ShouldBe(3);
        rows[2][0].ShouldBe($"Công nhân chế biến chè {marker}");
        rows[2][3].ShouldBe("12");
        rows[2][4].ShouldBe("5500000");
        (await TestData.WithDbAsync(db => db.Vacancies.SingleAsync(v => v.Id == id))).EnterpriseId.ShouldBe(enterpriseId);
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_is_saved()
    {
        var (user, enterpriseId) = await EnterpriseAsync();
        using var browser = await TestBrowser.SignedInAsync(user);
        var tanUyen = await TestData.CommuneAsync("Xã Tân Uyên");

        var response = await browser.PostFormAsync("/Jobs/Vacancies/Create",
            VacancyForm(await OccupationAsync("May"), tanUyen.Id, "", quantity: "0", wageFrom: "8.000.000", wageTo: "6.000.000", deadline: "2020-01-01"));
        var again = await browser.PostFormAsync("/Jobs/Vacancies/Create",
            VacancyForm(await OccupationAsync("May"), tanUyen.Id, "Thợ may", deadline: "2020-01-01"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = TestBrowser.HtmlText(await response.Content.ReadAsStringAsync());
        page.ShouldContain("Vui lòng nhập vị trí tuyển dụng.");
        page.ShouldContain("Số lượng cần tuyển phải từ 1 đến 10.000.");
        page.ShouldContain("Lương đến không được nhỏ hơn lương từ.");
        TestBrowser.HtmlText(await again.Content.ReadAsStringAsync()).ShouldContain("Hạn nộp hồ sơ không được trước ngày hôm nay.");
        (await TestData.WithDbAsync(db => db.Vacancies.CountAsync(v => v.EnterpriseId == enterpriseId))).ShouldBe(0);
    }

    [Fact]
    public async Task An_enterprise_files_labour_demand_and_the_employment_centre_reads_it()
    {
        var (user, enterpriseId) = await EnterpriseAsync();
        using var browser = await TestBrowser.SignedInAsync(user);
        var tanUyen = await TestData.CommuneAsync("Xã Tân Uyên");
        var occupation = await OccupationAsync("Vận hành máy chè");

        var response = await browser.PostFormAsync("/Jobs/Demand/Create", new()
        {
            ["Data.OccupationId"] = occupation.ToString(), ["Data.Level"] = "Elementary", ["Data.Workers"] = "35",
            ["Data.PlaceCommuneId"] = tanUyen.Id.ToString(), ["Data.NeededFrom"] = "2027-03-01",
        });
        var refused = await browser.PostFormAsync("/Jobs/Demand/Create", new()
        {
            ["Data.OccupationId"] = occupation.ToString(), ["Data.Workers"] = "-1", ["Data.PlaceCommuneId"] = tanUyen.Id.ToString(),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var refusal = TestBrowser.HtmlText(await refused.Content.ReadAsStringAsync());
        refusal.ShouldContain("Vui lòng chọn trình độ.");
        refusal.ShouldContain("Số lao động cần phải từ 1 đến 100.000.");
        refusal.ShouldContain("Vui lòng nhập ngày cần lao động.");
        (await TestData.WithDbAsync(db => db.LabourDemands.CountAsync(d => d.EnterpriseId == enterpriseId))).ShouldBe(1);
        var demandId = await TestData.WithDbAsync(db => db.LabourDemands.Where(d => d.EnterpriseId == enterpriseId).Select(d => d.Id).SingleAsync());
        var line = await browser.Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/labour-demand/{demandId}");
        line.GetProperty("workers").GetInt32().ShouldBe(35);
        line.GetProperty("neededFrom").GetString().ShouldBe("2027-03-01");

        var (centre, _) = await TestData.ProvinceActorAsync(Roles.EmploymentCentre);
        using var centreBrowser = await TestBrowser.SignedInAsync(centre);
        var rows = await Xlsx.DownloadAsync(centreBrowser, $"/Jobs/Demand?handler=Export&nghe={occupation}");
        rows.Count.ShouldBe(3);
        rows[2][3].ShouldBe("35");
    }
}

public class DemandVsPlanTests
{
    [Fact]
    public async Task Demand_for_next_year_stands_beside_the_places_the_year_s_orders_buy()
    {
        var p = await DaoTaoNghe.Tests.Features.Indicators.IndicatorTestData.ProvinceAsync();
        var (enterprise, _) = await TestData.ActorAsync(Roles.Enterprise, p.A);
        var (_, institution) = await TestData.ActorAsync(Roles.InstitutionStaff, p.B);
        var tea = await OccupationAsync("Chế biến chè", p.Province.Code);
        var sewing = await OccupationAsync("May công nghiệp", p.Province.Code);
        using var browser = await TestBrowser.SignedInAsync(enterprise);
        foreach (var (occupation, workers, from) in new[] { (tea, 35, "2027-03-01"), (tea, 10, "2027-11-01"), (sewing, 6, "2027-01-01"), (tea, 99, "2028-01-01") })
            (await browser.PostFormAsync("/Jobs/Demand/Create", new()
            {
                ["Data.OccupationId"] = occupation.ToString(), ["Data.Level"] = "Elementary", ["Data.Workers"] = workers.ToString(),
                ["Data.PlaceCommuneId"] = p.A.Id.ToString(), ["Data.NeededFrom"] = from,
            })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await DaoTaoNghe.Tests.Features.Courses.TrainingTestData.OrderAsync(institution, tea, quota: 20, year: 2027);
        await DaoTaoNghe.Tests.Features.Courses.TrainingTestData.OrderAsync(institution, sewing, quota: 30, year: 2027);
        await DaoTaoNghe.Tests.Features.Courses.TrainingTestData.OrderAsync(institution, sewing, quota: 15, year: 2026);

        using var admin = await DaoTaoNghe.Tests.Features.Indicators.IndicatorTestData.AdminAsync(p);
        var rows = await Xlsx.DownloadAsync(admin, "/Jobs/DemandVsPlan?handler=Export&nam=2027");

        rows.Count.ShouldBe(4);
        rows[2].Take(4).ShouldBe(new[] { rows[2][0], "45", "20", "25" });
        rows[2][0].ShouldStartWith("Chế biến chè");
        rows[3].Take(4).ShouldBe(new[] { rows[3][0], "6", "30", "-24" });
        rows[3][0].ShouldStartWith("May công nghiệp");
    }
}
