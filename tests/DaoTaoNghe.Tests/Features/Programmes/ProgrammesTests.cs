using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Programmes;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Registries;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoTaoNghe.Tests.Features.Programmes;

public class ProgrammesTests
{
    public static Dictionary<string, string> Form(int institutionId, int occupationId, string name, string hours = "360",
        string level = nameof(TrainingLevel.Elementary)) => new()
    {
        ["Data.InstitutionId"] = institutionId.ToString(),
        ["Data.OccupationId"] = occupationId.ToString(),
        ["Data.Level"] = level,
        ["Data.Name"] = name,
        ["Data.DurationHours"] = hours,
        ["Data.IsKey"] = "false",
    };

    public static async Task<int> CreateAsync(TestBrowser browser, int institutionId, int occupationId, string name)
    {
        var response = await browser.PostFormAsync("/Programmes/Create", Form(institutionId, occupationId, name));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()));
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    /// <summary>An institution with one staff user, signed in, and an occupation of the catalogue.</summary>
    public static async Task<(TestBrowser Browser, DaoTaoNghe.Features.Organisations.Organisation Institution, Occupation Occupation)> InstitutionAsync()
    {
        var (user, institution) = await TestData.ActorAsync(Roles.InstitutionStaff, await TestData.CommuneAsync("Xã Tân Uyên"));
        var occupation = await RegistryData.OccupationAsync("Kỹ thuật trồng chè " + TestData.Unique());
        return (await TestBrowser.SignedInAsync(user), institution, occupation);
    }

    [Fact]
    public async Task An_institution_keeps_a_programme_with_modules_accreditation_and_norms()
    {
        var (browser, institution, occupation) = await InstitutionAsync();
        using var _ = browser;
        var marker = TestData.Unique();
        var expires = TestData.Clock.Today.AddYears(3).ToString("dd/MM/yyyy");

        var id = await CreateAsync(browser, institution.Id, occupation.Id, $"Kỹ thuật trồng và chăm sóc chè Shan tuyết {marker}");
        (await browser.PostFormAsync($"/Programmes/Modules/{id}", new() { ["Data.Name"] = "Chăm sóc, đốn chè", ["Data.TheoryHours"] = "60", ["Data.PracticeHours"] = "300" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.PostFormAsync($"/Programmes/Accreditations/{id}", new()
        {
            ["Data.Result"] = nameof(AccreditationResult.Passed), ["Data.DecidedOn"] = "10/03/2025", ["Data.ExpiresOn"] = expires,
            ["Data.Body"] = "Trung tâm Kiểm định chất lượng GDNN",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.PostFormAsync($"/Programmes/Norms/{id}", new() { ["Data.EffectiveFrom"] = "01/01/2024", ["Data.CostPerLearner"] = "3.500.000" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.PostFormAsync($"/Programmes/Norms/{id}", new() { ["Data.EffectiveFrom"] = "01/01/2099", ["Data.CostPerLearner"] = "9.900.000" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var details = TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Programmes/Details/{id}"));
        details.ShouldContain("Chăm sóc, đốn chè – 60 giờ lý thuyết, 300 giờ thực hành");
        details.ShouldContain($"Đạt tiêu chuẩn kiểm định, còn hiệu lực đến {expires}");
        details.ShouldContain("3.500.000 đ /người");
        details.ShouldContain("chưa có trong danh sách nghề được cấp phép");
        var found = TestBrowser.HtmlText(await browser.GetHtmlAsync("/Programmes?q=" + Uri.EscapeDataString($"ky thuat trong va cham soc che shan tuyet {marker}")));
        found.ShouldContain($"Kỹ thuật trồng và chăm sóc chè Shan tuyết {marker}");
        found.ShouldContain($"Đạt đến {expires}");

        var edit = Form(institution.Id, occupation.Id, $"Trồng chè Shan tuyết (sơ cấp) {marker}", hours: "420");
        edit["Data.IsActive"] = "true";
        (await browser.PostFormAsync($"/Programmes/Edit/{id}", edit)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var api = await browser.Http.GetFromJsonAsync<JsonElement>($"/api/v1/programmes/{id}");
        api.GetProperty("name").GetString().ShouldBe($"Trồng chè Shan tuyết (sơ cấp) {marker}");
        api.GetProperty("durationHours").GetInt32().ShouldBe(420);
        api.GetProperty("currentCostPerLearner").GetInt64().ShouldBe(3_500_000);
    }

    [Fact]
    public async Task The_norm_in_force_is_the_latest_that_started_by_the_date()
    {
        var institution = await RegistryData.ActiveInstitutionAsync();
        var occupation = await RegistryData.OccupationAsync();
        var programme = await RegistryData.ProgrammeAsync(institution.Id, occupation.Id);
        await TestData.WithDbAsync(async db =>
        {
            db.ProgrammeNorms.AddRange(
                new ProgrammeNorm { ProgrammeId = programme.Id, InstitutionId = institution.Id, EffectiveFrom = new(2024, 1, 1), CostPerLearner = 3_000_000 },
                new ProgrammeNorm { ProgrammeId = programme.Id, InstitutionId = institution.Id, EffectiveFrom = new(2026, 1, 1), CostPerLearner = 3_240_000 });
            await db.SaveChangesAsync();
        });

        await using var scope = TestApp.Instance.SystemScope();
        var choices = scope.ServiceProvider.GetRequiredService<ProgrammeChoices>();

        (await choices.NormAtAsync(programme.Id, new(2023, 12, 31))).ShouldBeNull();
        (await choices.NormAtAsync(programme.Id, new(2025, 12, 31))).ShouldBe(3_000_000);
        (await choices.NormAtAsync(programme.Id, new(2026, 1, 1))).ShouldBe(3_240_000);
        var listed = (await choices.OfInstitutionAsync(institution.Id, new(2025, 6, 1))).Single();
        listed.CostPerLearner.ShouldBe(3_000_000);
        listed.Level.ShouldBe(TrainingLevel.Elementary);
        listed.OccupationName.ShouldBe(occupation.Name);
    }

    [Fact]
    public async Task The_list_exports_to_xlsx_as_filtered()
    {
        var (browser, institution, occupation) = await InstitutionAsync();
        using var _ = browser;
        var marker = TestData.Unique();
        await CreateAsync(browser, institution.Id, occupation.Id, $"Chế biến chè xanh {marker}");
        await CreateAsync(browser, institution.Id, occupation.Id, $"Chương trình khác {TestData.Unique()}");

        var rows = await Xlsx.DownloadAsync(browser, $"/Programmes?handler=Export&q={marker}");

        rows.Count.ShouldBe(3);
        rows[2][0].ShouldBe(institution.Name);
        rows[2][1].ShouldBe($"Chế biến chè xanh {marker}");
        rows[2][5].ShouldBe("Sơ cấp");
        rows[2][6].ShouldBe("360");
    }

    [Fact]
    public async Task Bad_input_is_refused_with_the_rule_that_was_broken()
    {
        var (browser, institution, occupation) = await InstitutionAsync();
        using var _ = browser;
        var name = "Chương trình quá ngắn " + TestData.Unique();
        var programme = await RegistryData.ProgrammeAsync(institution.Id, occupation.Id, TrainingLevel.VocationalSecondary);

        var tooShort = await browser.PostFormAsync("/Programmes/Create", Form(institution.Id, occupation.Id, name, hours: "200"));
        var noOccupation = await browser.PostFormAsync("/Programmes/Create", new(Form(institution.Id, occupation.Id, name)) { ["Data.OccupationId"] = "" });
        var accreditation = await browser.PostFormAsync($"/Programmes/Accreditations/{programme.Id}", new()
        {
            ["Data.Result"] = nameof(AccreditationResult.Passed), ["Data.DecidedOn"] = "10/03/2026", ["Data.ExpiresOn"] = "10/03/2025", ["Data.Body"] = "",
        });
        var earlyNorm = await browser.PostFormAsync($"/Programmes/Norms/{programme.Id}", new() { ["Data.EffectiveFrom"] = "01/09/2025", ["Data.CostPerLearner"] = "5.000.000" });

        TestBrowser.HtmlText(await tooShort.Content.ReadAsStringAsync()).ShouldContain("Chương trình trình độ sơ cấp phải có tối thiểu 300 giờ học.");
        TestBrowser.HtmlText(await noOccupation.Content.ReadAsStringAsync()).ShouldContain("Vui lòng chọn nghề.");
        var accreditationPage = TestBrowser.HtmlText(await accreditation.Content.ReadAsStringAsync());
        accreditationPage.ShouldContain("Ngày hết hiệu lực phải sau ngày cấp.");
        accreditationPage.ShouldContain("Vui lòng nhập tổ chức kiểm định.");
        TestBrowser.HtmlText(await earlyNorm.Content.ReadAsStringAsync()).ShouldContain("Trình độ trung học nghề chỉ áp dụng từ ngày 01/01/2026.");
        (await TestData.WithDbAsync(db => db.Programmes.AnyAsync(p => p.Name == name))).ShouldBeFalse();
        (await TestData.WithDbAsync(db => db.ProgrammeAccreditations.AnyAsync(a => a.ProgrammeId == programme.Id))).ShouldBeFalse();
        (await TestData.WithDbAsync(db => db.ProgrammeNorms.AnyAsync(n => n.ProgrammeId == programme.Id))).ShouldBeFalse();
    }

    private static Task<HttpResponseMessage> UploadAsync(TestBrowser browser, int programmeId, string fileName, string content, bool isPublic = true, string title = "") =>
        browser.PostMultipartAsync($"/Programmes/Materials/{programmeId}",
            new() { ["FileData.Title"] = title, ["FileData.IsPublic"] = isPublic ? "true" : "false" },
            "file", fileName, Encoding.UTF8.GetBytes(content), $"/Programmes/Materials/{programmeId}?handler=Upload");

    [Fact]
    public async Task A_public_material_is_listed_for_anyone_and_served_as_an_attachment()
    {
        var (browser, institution, occupation) = await InstitutionAsync();
        using var _ = browser;
        var marker = TestData.Unique();
        var id = await CreateAsync(browser, institution.Id, occupation.Id, $"Nuôi cá lồng trên hồ thủy điện {marker}");

        (await UploadAsync(browser, id, "Bài 1 - Chọn giống cá.pdf", "%PDF-1.4 bai hoc")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.PostFormAsync($"/Programmes/Materials/{id}", new() { ["LinkData.Title"] = "Video cho cá ăn", ["LinkData.Url"] = "https://www.youtube.com/watch?v=ca", ["LinkData.IsPublic"] = "true" },
            $"/Programmes/Materials/{id}?handler=Link")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var anonymous = new TestBrowser(TestApp.Instance);
        var list = TestBrowser.HtmlText(await anonymous.GetHtmlAsync("/hoc-lieu?q=" + Uri.EscapeDataString($"nuoi ca long tren ho thuy dien {marker}")));
        list.ShouldContain($"Nuôi cá lồng trên hồ thủy điện {marker}");
        var page = await anonymous.GetHtmlAsync($"/hoc-lieu/{id}");
        TestBrowser.HtmlText(page).ShouldContain("Bài 1 - Chọn giống cá");
        TestBrowser.HtmlText(page).ShouldContain("Video cho cá ăn");
        var materialId = await TestData.WithDbAsync(db => db.LearningMaterials.Where(m => m.ProgrammeId == id && m.Kind == MaterialKind.File).Select(m => m.Id).SingleAsync());
        page.ShouldContain($"href=\"/hoc-lieu/tep/{materialId}\"");

        var download = await anonymous.GetAsync($"/hoc-lieu/tep/{materialId}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Content.Headers.ContentDisposition.FileNameStar.ShouldBe("Bài 1 - Chọn giống cá.pdf");
        download.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        (await download.Content.ReadAsStringAsync()).ShouldBe("%PDF-1.4 bai hoc");
    }

    [Fact]
    public async Task Internal_hidden_and_inactive_materials_stay_off_the_public_pages()
    {
        var (browser, institution, occupation) = await InstitutionAsync();
        using var _ = browser;
        var id = await CreateAsync(browser, institution.Id, occupation.Id, "Hàn điện " + TestData.Unique());
        await UploadAsync(browser, id, "ngan-hang-de-thi.docx", "PK\u0003\u0004de thi", isPublic: false);
        await UploadAsync(browser, id, "bai-giang.pdf", "%PDF-1.4 bai giang");
        var materials = await TestData.WithDbAsync(db => db.LearningMaterials.Where(m => m.ProgrammeId == id).ToDictionaryAsync(m => m.FileName!, m => m.Id));
        using var anonymous = new TestBrowser(TestApp.Instance);

        (await anonymous.GetAsync($"/hoc-lieu/tep/{materials["ngan-hang-de-thi.docx"]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        TestBrowser.HtmlText(await anonymous.GetHtmlAsync($"/hoc-lieu/{id}")).ShouldNotContain("ngan-hang-de-thi");
        (await browser.GetAsync($"/Programmes/MaterialFile/{materials["ngan-hang-de-thi.docx"]}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await browser.PostFormAsync($"/Programmes/Materials/{id}", [], $"/Programmes/Materials/{id}?handler=Active&materialId={materials["bai-giang.pdf"]}&active=false");
        (await anonymous.GetAsync($"/hoc-lieu/tep/{materials["bai-giang.pdf"]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync($"/hoc-lieu/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.Http.PostAsync($"/api/v1/programmes/{id}/materials/{materials["bai-giang.pdf"]}/activate", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await anonymous.GetAsync($"/hoc-lieu/tep/{materials["bai-giang.pdf"]}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.Http.PostAsync($"/api/v1/programmes/{id}/materials/{materials["bai-giang.pdf"]}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await anonymous.GetAsync($"/hoc-lieu/tep/{materials["bai-giang.pdf"]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await browser.Http.PostAsync($"/api/v1/programmes/{id}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await anonymous.GetAsync($"/hoc-lieu/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Files_a_browser_could_run_and_links_that_are_not_web_addresses_are_refused()
    {
        var (browser, institution, occupation) = await InstitutionAsync();
        using var _ = browser;
        var id = await CreateAsync(browser, institution.Id, occupation.Id, "May dân dụng " + TestData.Unique());

        var html = await UploadAsync(browser, id, "bai-hoc.html", "<script>alert(1)</script>");
        var link = await browser.PostFormAsync($"/Programmes/Materials/{id}", new() { ["LinkData.Title"] = "Lừa", ["LinkData.Url"] = "javascript:alert(1)", ["LinkData.IsPublic"] = "true" },
            $"/Programmes/Materials/{id}?handler=Link");
        var api = await browser.PostJsonAsync($"/api/v1/programmes/{id}/materials/links", new { title = "Lừa", url = "data:text/html,hi", isPublic = true });

        html.StatusCode.ShouldBe(HttpStatusCode.OK);
        TestBrowser.HtmlText(await html.Content.ReadAsStringAsync()).ShouldContain("Không nhận tệp \"bai-hoc.html\"");
        TestBrowser.HtmlText(await (await UploadAsync(browser, id, "giao-trinh.pdf", "MZ\u0090\u0000 This program cannot be run in DOS mode")).Content.ReadAsStringAsync())
            .ShouldContain("Nội dung tệp \"giao-trinh.pdf\" không phải tệp PDF như đuôi .pdf cho biết (có thể tệp đã bị đổi tên).");
        TestBrowser.HtmlText(await (await UploadAsync(browser, id, "bai-tap.docx", "<html><script>alert(1)</script>")).Content.ReadAsStringAsync())
            .ShouldContain("Nội dung tệp \"bai-tap.docx\" không phải tài liệu Office");
        TestBrowser.HtmlText(await link.Content.ReadAsStringAsync()).ShouldContain("Địa chỉ liên kết phải là địa chỉ web đầy đủ bắt đầu bằng http:// hoặc https://.");
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TestData.WithDbAsync(db => db.LearningMaterials.AnyAsync(m => m.ProgrammeId == id))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_file_is_uploaded_through_the_API_as_well()
    {
        var (browser, institution, occupation) = await InstitutionAsync();
        using var _ = browser;
        var id = await CreateAsync(browser, institution.Id, occupation.Id, "Điện dân dụng " + TestData.Unique());
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Sơ đồ mạch điện"), "title" },
            { new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. "IHDR"u8.ToArray()]), "file", "so-do.png" },
        };

        await browser.WithAntiforgeryHeaderAsync();
        var response = await browser.Http.PostAsync($"/api/v1/programmes/{id}/materials/files", form);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var material = await TestData.WithDbAsync(db => db.LearningMaterials.AsNoTracking().SingleAsync(m => m.ProgrammeId == id));
        material.Title.ShouldBe("Sơ đồ mạch điện");
        material.ContentType.ShouldBe("image/png");
        material.IsPublic.ShouldBeTrue();
    }
}
