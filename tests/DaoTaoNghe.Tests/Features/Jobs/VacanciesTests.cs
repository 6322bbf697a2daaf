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

        var (centre, _) = await TestData.ProvinceActorAsync(Roles.EmploymentCentre);
        using var centreBrowser = await TestBrowser.SignedInAsync(centre);
        var rows = await Xlsx.DownloadAsync(centreBrowser, $"/Jobs/Demand?handler=Export&nghe={occupation}");
        rows.Count.ShouldBe(3);
        rows[2][3].ShouldBe("35");
    }
}
