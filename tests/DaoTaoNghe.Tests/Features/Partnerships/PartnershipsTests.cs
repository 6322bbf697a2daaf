using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Registries;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.Partnerships;

public class PartnershipsTests
{
    public static Dictionary<string, string> Form(int enterpriseId, int institutionId, int occupationId, string startsOn = "01/03/2025", string? endsOn = null) => new()
    {
        ["Data.EnterpriseId"] = enterpriseId.ToString(),
        ["Data.InstitutionId"] = institutionId.ToString(),
        ["Data.OccupationId"] = occupationId.ToString(),
        ["Data.AgreementNumber"] = "05/2025/TTLK",
        ["Data.StartsOn"] = startsOn,
        ["Data.EndsOn"] = endsOn ?? "",
        ["Data.PracticePlaces"] = "20",
        ["Data.ProvidesTrainers"] = "true",
        ["Data.HiringCommitment"] = "8",
    };

    [Fact]
    public async Task An_enterprise_records_an_agreement_that_the_institution_reads()
    {
        var commune = await TestData.CommuneAsync("Xã Tân Uyên");
        var (enterpriseUser, enterprise) = await TestData.ActorAsync(Roles.Enterprise, commune);
        var (institutionUser, institution) = await TestData.ActorAsync(Roles.InstitutionStaff, commune);
        var occupation = await RegistryData.OccupationAsync("Chế biến chè " + TestData.Unique());
        using var browser = await TestBrowser.SignedInAsync(enterpriseUser);

        var created = await browser.PostFormAsync("/Partnerships/Create", Form(enterprise.Id, institution.Id, occupation.Id));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestBrowser.HtmlText(await created.Content.ReadAsStringAsync()));
        var id = int.Parse(created.Headers.Location!.ToString().Split('/').Last());
        // Still in force whatever the date: it ends three years after today.
        var endsOn = TestData.Clock.Today.AddYears(3).ToString("dd/MM/yyyy");
        var edit = Form(enterprise.Id, institution.Id, occupation.Id, endsOn: endsOn);
        edit["Data.IsActive"] = "true";
        (await browser.PostFormAsync($"/Partnerships/Edit/{id}", edit)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var party = await TestBrowser.SignedInAsync(institutionUser);
        var html = await party.GetHtmlAsync($"/Partnerships/Details/{id}");
        var details = TestBrowser.HtmlText(html);
        details.ShouldContain($"Từ 01/03/2025 đến {endsOn}");
        details.ShouldContain("20 chỗ/năm");
        details.ShouldContain("Còn hiệu lực");
        html.ShouldNotContain($"/Partnerships/Edit/{id}");
        TestBrowser.HtmlText(await party.GetHtmlAsync("/Partnerships?q=" + Uri.EscapeDataString(occupation.Name.Replace("Chế biến chè", "che bien che")))).ShouldContain(enterprise.Name);
        TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Enterprises/Details/{enterprise.Id}")).ShouldContain(occupation.Name);
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_is_saved()
    {
        var commune = await TestData.CommuneAsync("Xã Tân Uyên");
        var (enterpriseUser, enterprise) = await TestData.ActorAsync(Roles.Enterprise, commune);
        var institution = await RegistryData.ActiveInstitutionAsync();
        var occupation = await RegistryData.OccupationAsync();
        using var browser = await TestBrowser.SignedInAsync(enterpriseUser);
        var form = Form(enterprise.Id, institution.Id, occupation.Id, startsOn: "01/03/2025", endsOn: "01/01/2025");
        form["Data.PracticePlaces"] = "";
        form["Data.ProvidesTrainers"] = "false";
        form["Data.HiringCommitment"] = "";

        var response = await browser.PostFormAsync("/Partnerships/Create", form);
        var api = await browser.PostJsonAsync("/api/v1/partnerships", new { enterpriseId = enterprise.Id, occupationId = occupation.Id, startsOn = "2025-03-01", practicePlaces = 5 });

        var page = TestBrowser.HtmlText(await response.Content.ReadAsStringAsync());
        page.ShouldContain("Ngày hết hiệu lực phải sau ngày có hiệu lực.");
        page.ShouldContain("Vui lòng ghi ít nhất một nội dung doanh nghiệp tham gia");
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("InstitutionId")[0].GetString().ShouldBe("Vui lòng chọn cơ sở đào tạo.");
        (await TestData.WithDbAsync(db => db.Partnerships.AnyAsync(p => p.EnterpriseId == enterprise.Id))).ShouldBeFalse();
    }

    [Fact]
    public async Task The_list_exports_to_xlsx_as_filtered()
    {
        var commune = await TestData.CommuneAsync("Xã Tân Uyên");
        var (enterpriseUser, enterprise) = await TestData.ActorAsync(Roles.Enterprise, commune);
        var institution = await RegistryData.ActiveInstitutionAsync();
        var current = await RegistryData.OccupationAsync("Nấu ăn " + TestData.Unique());
        var ended = await RegistryData.OccupationAsync("Lễ tân " + TestData.Unique());
        await RegistryData.PartnershipAsync(enterprise.Id, institution.Id, current.Id, new(2025, 1, 1));
        await RegistryData.PartnershipAsync(enterprise.Id, institution.Id, ended.Id, new(2020, 1, 1), new(2022, 12, 31));
        using var browser = await TestBrowser.SignedInAsync(enterpriseUser);

        var rows = await Xlsx.DownloadAsync(browser, "/Partnerships?handler=Export&hieu-luc=true");

        rows.Count.ShouldBe(3);
        rows[2][2].ShouldBe(current.Name);
        rows[2][5].ShouldBe("5");
        rows[2][8].ShouldBe("Có");
    }
}
