using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.Occupations;

public class OccupationsTests
{
    public static Dictionary<string, string> Form(string code, string name, string field = nameof(OccupationField.Agriculture)) => new()
    {
        ["Data.Code"] = code,
        ["Data.Name"] = name,
        ["Data.Origin"] = nameof(OccupationOrigin.Local),
        ["Data.Field"] = field,
    };

    public static async Task<int> CreateAsync(TestBrowser admin, string code, string name)
    {
        var response = await admin.PostFormAsync("/Occupations/Create", Form(code, name));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    private static string Code() => "NN." + TestData.Unique().ToUpperInvariant();

    [Fact]
    public async Task The_province_admin_adds_and_edits_an_occupation_found_without_diacritics()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var marker = TestData.Unique();
        var code = Code();

        var id = await CreateAsync(admin, code.ToLowerInvariant(), $"Trồng nấm linh chi {marker}");
        var edited = await admin.PostFormAsync($"/Occupations/Edit/{id}", new(Form(code, $"Trồng nấm linh chi và nấm sò {marker}")) { ["Data.IsActive"] = "true" });

        edited.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var details = TestBrowser.HtmlText(await admin.GetHtmlAsync($"/Occupations/Details/{id}"));
        details.ShouldContain($"Trồng nấm linh chi và nấm sò {marker}");
        details.ShouldContain(code);
        TestBrowser.HtmlText(await admin.GetHtmlAsync("/Occupations?q=" + Uri.EscapeDataString($"nam linh chi va nam so {marker}"))).ShouldContain(code);
        var trail = await TestData.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Occupation) && a.EntityId == id.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        trail.ShouldBe([AuditAction.Create, AuditAction.Update]);
        details.ShouldContain("Lịch sử thay đổi (2)");
        // The history names the person who acted, not their account.
        var person = await TestData.PersonNameAsync(adminName);
        details.ShouldContain($"{person} Sửa Tên nghề: Trồng nấm linh chi {marker} → Trồng nấm linh chi và nấm sò {marker}");
        details.ShouldContain($"{person} Thêm mới Mã nghề: {code}");
    }

    [Fact]
    public async Task Every_signed_in_user_of_the_province_reads_the_catalogue()
    {
        var occupation = await Registries.RegistryData.OccupationAsync("Nuôi ong mật " + TestData.Unique());
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Bình Lư"));
        using var browser = await TestBrowser.SignedInAsync(officer);

        (await browser.GetAsync($"/Occupations/Details/{occupation.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var api = await browser.Http.GetFromJsonAsync<JsonElement>($"/api/v1/occupations?q={occupation.Code}");
        api.GetProperty("items")[0].GetProperty("name").GetString().ShouldBe(occupation.Name);
    }

    [Fact]
    public async Task The_list_exports_to_xlsx_as_filtered_and_the_export_is_audited()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var marker = TestData.Unique();
        await CreateAsync(admin, Code(), $"Dệt thổ cẩm {marker}");
        await CreateAsync(admin, Code(), $"Đan lát {TestData.Unique()}");

        var rows = await Xlsx.DownloadAsync(admin, $"/Occupations?handler=Export&q={marker}");

        rows.Count.ShouldBe(3);
        rows[2][1].ShouldBe($"Dệt thổ cẩm {marker}");
        rows[2][2].ShouldBe("Nông nghiệp");
        (await TestData.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Export && a.UserName == adminName))).ShouldBeTrue();
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_is_saved()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var code = Code();
        await CreateAsync(admin, code, "Nghề đã có " + TestData.Unique());

        var bad = await admin.PostFormAsync("/Occupations/Create", new() { ["Data.Code"] = "mã có dấu", ["Data.Name"] = "", ["Data.Origin"] = "", ["Data.Field"] = "" });
        var duplicate = await admin.PostFormAsync("/Occupations/Create", Form(code, "Trùng mã"));
        var api = await admin.PostJsonAsync("/api/v1/occupations", new { code = "", name = "Không mã", origin = "Local", field = "Agriculture" });

        var page = TestBrowser.HtmlText(await bad.Content.ReadAsStringAsync());
        page.ShouldContain("Mã nghề chỉ gồm chữ không dấu, chữ số và các ký tự . - _ (tối đa 20 ký tự).");
        page.ShouldContain("Vui lòng nhập tên nghề.");
        page.ShouldContain("Vui lòng chọn nhóm nghề (nông nghiệp hay phi nông nghiệp).");
        TestBrowser.HtmlText(await duplicate.Content.ReadAsStringAsync()).ShouldContain($"Mã nghề \"{code}\" đã có trong danh mục");
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("Code")[0].GetString().ShouldBe("Vui lòng nhập mã nghề.");
        (await TestData.WithDbAsync(db => db.Occupations.CountAsync(o => o.Name == "Trùng mã" || o.Name == "Không mã"))).ShouldBe(0);
    }

    [Fact]
    public async Task The_national_list_is_imported_by_code_and_importing_again_adds_nothing()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var existing = Code();
        await CreateAsync(admin, existing, "Tên cũ");
        var fresh = "9" + Random.Shared.Next(100_000, 999_999);
        var file = OccupationImportParseTests.Workbook(new(existing, "Tên theo danh mục quốc gia", null), new(fresh, "Nghề mới nhập", "Phi nông nghiệp"));

        var first = await admin.PostMultipartAsync("/Occupations/Import", [], "file", "danh-muc.xlsx", file);
        var again = await admin.PostMultipartAsync("/Occupations/Import", [], "file", "danh-muc.xlsx", file);

        TestBrowser.HtmlText(await first.Content.ReadAsStringAsync()).ShouldContain("thêm 1 nghề, cập nhật 1 nghề, 0 nghề không thay đổi");
        TestBrowser.HtmlText(await again.Content.ReadAsStringAsync()).ShouldContain("thêm 0 nghề, cập nhật 0 nghề, 2 nghề không thay đổi");
        var imported = await TestData.WithDbAsync(db => db.Occupations.AsNoTracking().Where(o => o.Code == existing || o.Code == fresh).OrderBy(o => o.Code).ToListAsync());
        imported.Select(o => (o.Code, o.Name, o.Origin)).ShouldBe([
            (existing, "Tên theo danh mục quốc gia", OccupationOrigin.National),
            (fresh, "Nghề mới nhập", OccupationOrigin.National),
        ], ignoreOrder: true);
    }

    [Fact]
    public async Task An_import_with_a_bad_row_names_the_row_and_saves_nothing()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var fresh = "8" + Random.Shared.Next(100_000, 999_999);
        var file = OccupationImportParseTests.Workbook(new(fresh, "Nghề hợp lệ", null), new("", "Thiếu mã", null));

        var response = await admin.PostMultipartAsync("/Occupations/Import", [], "file", "danh-muc.xlsx", file);
        var notExcel = await admin.PostMultipartAsync("/Occupations/Import", [], "file", "danh-muc.xls", [1, 2, 3]);

        TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()).ShouldContain("Dòng 5: thiếu mã nghề.");
        TestBrowser.HtmlText(await notExcel.Content.ReadAsStringAsync()).ShouldContain("Chỉ nhận tệp Excel .xlsx");
        (await TestData.WithDbAsync(db => db.Occupations.AnyAsync(o => o.Code == fresh))).ShouldBeFalse();
    }
}
