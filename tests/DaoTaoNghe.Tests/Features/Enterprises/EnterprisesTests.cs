using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Features.Enterprises;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Registries;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.Enterprises;

public class EnterprisesTests
{
    public static async Task<Dictionary<string, string>> FormAsync(string name, string taxCode) => new()
    {
        ["Data.Name"] = name,
        ["Data.UnitId"] = (await TestData.CommuneAsync("Xã Mường Than")).Id.ToString(),
        ["Data.Address"] = "Bản Mé, xã Mường Than",
        ["Data.TaxCode"] = taxCode,
        ["Data.Form"] = nameof(EnterpriseForm.Cooperative),
        ["Data.Sector"] = nameof(EnterpriseSector.Agriculture),
        ["Data.Size"] = nameof(EnterpriseSize.Small),
        ["Data.Employees"] = "32",
        ["Data.FoundedOn"] = "12/05/2018",
    };

    public static async Task<int> CreateAsync(TestBrowser admin, string name, string taxCode)
    {
        var response = await admin.PostFormAsync("/Enterprises/Create", await FormAsync(name, taxCode));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()));
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    [Fact]
    public async Task The_admin_registers_an_enterprise_found_by_name_without_diacritics_or_by_tax_code()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var marker = TestData.Unique();
        var taxCode = RegistryData.NewTaxCode();

        var id = await CreateAsync(admin, $"Hợp tác xã Lúa Séng Cù Mường Than {marker}", taxCode);

        (await TestData.WithDbAsync(db => db.Organisations.AsNoTracking().SingleAsync(o => o.Id == id))).Kind.ShouldBe(OrganisationKind.Enterprise);
        TestBrowser.HtmlText(await admin.GetHtmlAsync("/Enterprises?q=" + Uri.EscapeDataString($"hop tac xa lua seng cu muong than {marker}"))).ShouldContain(taxCode);
        TestBrowser.HtmlText(await admin.GetHtmlAsync("/Enterprises?q=" + taxCode)).ShouldContain($"Hợp tác xã Lúa Séng Cù Mường Than {marker}");
        var details = TestBrowser.HtmlText(await admin.GetHtmlAsync($"/Enterprises/Details/{id}"));
        details.ShouldContain("Nhỏ, 32 lao động");
        details.ShouldContain("12/05/2018");
    }

    [Fact]
    public async Task An_enterprise_completes_its_own_profile()
    {
        var (user, enterprise) = await TestData.ActorAsync(Roles.Enterprise, await TestData.CommuneAsync("Xã Mường Than"));
        using var browser = await TestBrowser.SignedInAsync(user);
        (await browser.GetAsync("/Enterprises/Mine")).Headers.Location!.ToString().ShouldBe($"/Enterprises/Details/{enterprise.Id}");
        var taxCode = RegistryData.NewTaxCode() + "-002";
        var form = await FormAsync(enterprise.Name, taxCode);
        form["Data.IsActive"] = "false";

        var response = await browser.PostFormAsync($"/Enterprises/Edit/{enterprise.Id}", form);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()));
        var profile = await TestData.WithDbAsync(db => db.EnterpriseProfiles.AsNoTracking().SingleAsync(p => p.OrganisationId == enterprise.Id));
        profile.TaxCode.ShouldBe(taxCode);
        (await TestData.WithDbAsync(db => db.Organisations.FindAsync(enterprise.Id).AsTask()))!.IsActive.ShouldBeTrue();
    }

    [Fact]
    public async Task Tax_codes_are_checked_and_a_duplicate_names_its_holder()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var taxCode = RegistryData.NewTaxCode();
        var holder = $"Công ty TNHH Chè {TestData.Unique()}";
        await CreateAsync(admin, holder, taxCode);
        var name = $"Doanh nghiệp trùng {TestData.Unique()}";

        var duplicate = await admin.PostFormAsync("/Enterprises/Create", await FormAsync(name, taxCode));
        var wrongDigit = await admin.PostFormAsync("/Enterprises/Create", await FormAsync(name, taxCode[..9] + (char)('0' + (taxCode[9] - '0' + 1) % 10)));
        var api = await admin.PostJsonAsync("/api/v1/enterprises", new
        {
            name, unitId = (await TestData.CommuneAsync("Xã Mường Than")).Id, taxCode = "12345", form = "Cooperative", sector = "Agriculture", size = "Micro",
        });

        TestBrowser.HtmlText(await duplicate.Content.ReadAsStringAsync()).ShouldContain($"Mã số thuế {taxCode} đã được đăng ký cho {holder}.");
        TestBrowser.HtmlText(await wrongDigit.Content.ReadAsStringAsync()).ShouldContain("không đúng (sai chữ số kiểm tra)");
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("TaxCode")[0].GetString()!.ShouldContain("phải gồm 10 chữ số");
        (await TestData.WithDbAsync(db => db.Organisations.AnyAsync(o => o.Name == name))).ShouldBeFalse();
    }

    [Fact]
    public async Task The_list_exports_to_xlsx_as_filtered()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var marker = TestData.Unique();
        var taxCode = RegistryData.NewTaxCode();
        await CreateAsync(admin, $"Hợp tác xã Mây tre {marker}", taxCode);

        var rows = await Xlsx.DownloadAsync(admin, $"/Enterprises?handler=Export&q={marker}&nganh=Agriculture");

        rows.Count.ShouldBe(3);
        rows[2][0].ShouldBe($"Hợp tác xã Mây tre {marker}");
        rows[2][1].ShouldBe(taxCode);
        rows[2][3].ShouldBe("Nông, lâm nghiệp, thủy sản");
        rows[2][5].ShouldBe("32");
    }
}
