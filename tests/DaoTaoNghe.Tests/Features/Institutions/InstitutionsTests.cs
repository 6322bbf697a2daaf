using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Features.Institutions;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Registries;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.Institutions;

public class InstitutionsTests
{
    public static async Task<Dictionary<string, string>> FormAsync(string name, string commune = "Xã Tân Uyên") => new()
    {
        ["Data.Name"] = name,
        ["Data.UnitId"] = (await TestData.CommuneAsync(commune)).Id.ToString(),
        ["Data.Address"] = "Khu 3, " + commune,
        ["Data.Phone"] = "0213 3780 123",
        ["Data.Type"] = nameof(InstitutionType.VocationalContinuingCentre),
        ["Data.LicenceNumber"] = "09/2020/GCNĐKHĐ-SLĐTBXH",
        ["Data.LicensedOn"] = "15/06/2020",
        ["Data.Capacity"] = "1.200",
        ["Data.Facilities"] = "6 phòng học, xưởng may",
    };

    public static async Task<int> CreateAsync(TestBrowser admin, string name)
    {
        var response = await admin.PostFormAsync("/Institutions/Create", await FormAsync(name));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()));
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    [Fact]
    public async Task The_province_admin_registers_an_institution_with_its_organisation_in_one_go()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var name = $"Trung tâm Giáo dục nghề nghiệp Mường Khoa {TestData.Unique()}";

        var id = await CreateAsync(admin, name);

        var organisation = await TestData.WithDbAsync(db => db.Organisations.AsNoTracking().SingleAsync(o => o.Id == id));
        organisation.Kind.ShouldBe(OrganisationKind.TrainingInstitution);
        var profile = await TestData.WithDbAsync(db => db.InstitutionProfiles.AsNoTracking().SingleAsync(p => p.OrganisationId == id));
        profile.Capacity.ShouldBe(1200);
        profile.LicensedOn.ShouldBe(new DateOnly(2020, 6, 15));
        var details = TestBrowser.HtmlText(await admin.GetHtmlAsync($"/Institutions/Details/{id}"));
        details.ShouldContain("Trung tâm GDNN – GDTX");
        details.ShouldContain("cấp ngày 15/06/2020");
        details.ShouldContain("1.200 người/năm");
    }

    [Fact]
    public async Task An_institution_without_a_profile_gets_one_on_edit_and_is_found_without_diacritics()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var institution = await RegistryData.ActiveInstitutionAsync();
        TestBrowser.HtmlText(await admin.GetHtmlAsync($"/Institutions/Details/{institution.Id}")).ShouldContain("chưa có hồ sơ");
        var marker = TestData.Unique();

        var form = await FormAsync($"Trường Trung cấp Dân tộc nội trú {marker}");
        form["Data.Type"] = nameof(InstitutionType.IntermediateSchool);
        form["Data.IsActive"] = "true";
        var response = await admin.PostFormAsync($"/Institutions/Edit/{institution.Id}", form);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()));
        var found = TestBrowser.HtmlText(await admin.GetHtmlAsync("/Institutions?q=" + Uri.EscapeDataString($"truong trung cap dan toc noi tru {marker}")));
        found.ShouldContain($"Trường Trung cấp Dân tộc nội trú {marker}");
        found.ShouldContain("Trường trung cấp");
    }

    [Fact]
    public async Task The_admin_keeps_the_licensed_occupations()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var institution = await RegistryData.ActiveInstitutionAsync();
        var occupation = await RegistryData.OccupationAsync("Nuôi cá lồng " + TestData.Unique());
        var licence = new Dictionary<string, string>
        {
            ["Data.OccupationId"] = occupation.Id.ToString(), ["Data.Level"] = nameof(TrainingLevel.Elementary), ["Data.AnnualQuota"] = "60",
        };

        (await admin.PostFormAsync($"/Institutions/Licences/{institution.Id}", licence)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var again = await admin.PostFormAsync($"/Institutions/Licences/{institution.Id}", licence);

        TestBrowser.HtmlText(await again.Content.ReadAsStringAsync()).ShouldContain("Nghề này ở trình độ Sơ cấp đã có trong danh sách được cấp phép.");
        var details = await admin.Http.GetFromJsonAsync<JsonElement>($"/api/v1/institutions/{institution.Id}");
        var row = details.GetProperty("licences")[0];
        row.GetProperty("occupationName").GetString().ShouldBe(occupation.Name);
        row.GetProperty("annualQuota").GetInt32().ShouldBe(60);
        var licenceId = row.GetProperty("id").GetInt32();
        (await admin.Http.DeleteAsync($"/api/v1/institutions/{institution.Id}/licences/{licenceId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await TestData.WithDbAsync(db => db.LicensedOccupations.AnyAsync(l => l.InstitutionId == institution.Id))).ShouldBeFalse();
    }

    [Fact]
    public async Task The_list_exports_to_xlsx_as_filtered()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var marker = TestData.Unique();
        await CreateAsync(admin, $"Trung tâm dạy nghề {marker}");

        var rows = await Xlsx.DownloadAsync(admin, $"/Institutions?handler=Export&q={marker}");

        rows.Count.ShouldBe(3);
        rows[2][0].ShouldBe($"Trung tâm dạy nghề {marker}");
        rows[2][1].ShouldBe("Trung tâm GDNN – GDTX");
        rows[2][6].ShouldBe("1200");
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_is_saved()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var name = $"Cơ sở lỗi {TestData.Unique()}";
        var form = await FormAsync(name);
        form["Data.Type"] = "";
        form["Data.Email"] = "khong-phai-email";
        form["Data.LicensedOn"] = "01/01/2099";
        form["Data.Capacity"] = "nhiều";

        var response = await admin.PostFormAsync("/Institutions/Create", form);
        var otherProvince = await admin.PostJsonAsync("/api/v1/institutions", new
        {
            name, unitId = (await TestData.CommuneAsync("Phường Hoàn Kiếm", "01")).Id, type = "College",
        });

        var page = TestBrowser.HtmlText(await response.Content.ReadAsStringAsync());
        page.ShouldContain("Vui lòng chọn loại hình cơ sở đào tạo.");
        page.ShouldContain("Email không hợp lệ.");
        page.ShouldContain("Ngày cấp giấy chứng nhận không được sau ngày hôm nay.");
        page.ShouldContain("Quy mô đào tạo (người/năm): \"nhiều\" không phải số hợp lệ.");
        otherProvince.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await otherProvince.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("UnitId")[0].GetString()
            .ShouldBe("Địa bàn phải là tỉnh của bạn hoặc một xã, phường của tỉnh.");
        (await TestData.WithDbAsync(db => db.Organisations.AnyAsync(o => o.Name == name))).ShouldBeFalse();
    }

    [Fact]
    public async Task Deactivating_keeps_the_record_and_hides_it_from_choices()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var marker = TestData.Unique();
        var id = await CreateAsync(admin, $"Trung tâm sắp đóng cửa {marker}");

        (await admin.Http.PostAsync($"/api/v1/institutions/{id}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var list = TestBrowser.HtmlText(await admin.GetHtmlAsync($"/Institutions?q={marker}"));
        // The table follows the filter form; the creation's flash message may still sit above it.
        list[list.IndexOf("Xuất Excel", StringComparison.Ordinal)..].ShouldNotContain("Trung tâm sắp đóng cửa");
        TestBrowser.HtmlText(await admin.GetHtmlAsync($"/Institutions?q={marker}&ca-ngung=true")).ShouldContain("Đã ngừng");
        TestBrowser.HtmlText(await admin.GetHtmlAsync("/Programmes/Create")).ShouldNotContain($"Trung tâm sắp đóng cửa {marker}");
    }
}
