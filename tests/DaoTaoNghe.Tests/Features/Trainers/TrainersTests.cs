using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Features.Trainers;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Registries;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.Trainers;

public class TrainersTests
{
    public static List<KeyValuePair<string, string>> Form(int institutionId, string fullName, IEnumerable<int> occupationIds, IEnumerable<int>? otherInstitutionIds = null)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("Data.InstitutionId", institutionId.ToString()),
            new("Data.FullName", fullName),
            new("Data.Kind", nameof(TrainerKind.Artisan)),
            new("Data.BirthYear", "1968"),
            new("Data.Qualification", "Nghệ nhân dệt thổ cẩm"),
            new("Data.Phone", "0912 345 678"),
        };
        form.AddRange(occupationIds.Select(id => new KeyValuePair<string, string>("Data.OccupationIds", id.ToString())));
        form.AddRange((otherInstitutionIds ?? []).Select(id => new KeyValuePair<string, string>("Data.OtherInstitutionIds", id.ToString())));
        return form;
    }

    /// <summary>Posts a form whose fields may repeat (check boxes), with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostAsync(TestBrowser browser, string page, List<KeyValuePair<string, string>> fields)
    {
        var html = await browser.GetHtmlAsync(page);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        return await browser.Http.PostAsync(page, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token)))));
    }

    public static async Task<int> CreateAsync(TestBrowser browser, int institutionId, string fullName, IEnumerable<int> occupationIds, IEnumerable<int>? others = null)
    {
        var response = await PostAsync(browser, "/Trainers/Create", Form(institutionId, fullName, occupationIds, others));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()));
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    [Fact]
    public async Task An_institution_records_a_trainer_who_also_teaches_elsewhere_and_every_view_is_audited()
    {
        var (staff, institution) = await TestData.ActorAsync(Roles.InstitutionStaff, await TestData.CommuneAsync("Xã Sin Suối Hồ"));
        var (otherStaff, other) = await TestData.ActorAsync(Roles.InstitutionStaff, await TestData.CommuneAsync("Xã Phong Thổ"));
        var brocade = await RegistryData.OccupationAsync("Dệt thổ cẩm " + TestData.Unique());
        var sewing = await RegistryData.OccupationAsync("May dân dụng " + TestData.Unique());
        using var browser = await TestBrowser.SignedInAsync(staff);
        var name = $"Tẩn Thị Mẩy {TestData.Unique()}";

        var id = await CreateAsync(browser, institution.Id, name, [brocade.Id], [other.Id]);
        var edited = await PostAsync(browser, $"/Trainers/Edit/{id}",
            [.. Form(institution.Id, name, [brocade.Id, sewing.Id], [other.Id]), new("Data.IsActive", "true")]);

        edited.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var details = TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Trainers/Details/{id}"));
        details.ShouldContain("Nghệ nhân");
        details.ShouldContain(brocade.Name);
        details.ShouldContain(sewing.Name);
        details.ShouldContain(other.Name);
        using var visiting = await TestBrowser.SignedInAsync(otherStaff);
        TestBrowser.HtmlText(await visiting.GetHtmlAsync("/Trainers?q=" + Uri.EscapeDataString("tan thi may"))).ShouldContain(name);
        (await visiting.GetAsync($"/Trainers/Details/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var views = await TestData.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditAction.View && a.EntityType == nameof(Trainer) && a.EntityId == id.ToString()).ToListAsync());
        views.Select(v => v.UserName).ShouldBe([staff, otherStaff], ignoreOrder: true);
        views.ShouldAllBe(v => v.ContainsPersonalData);
    }

    [Fact]
    public async Task The_list_exports_to_xlsx_flagged_as_personal_data()
    {
        var (staff, institution) = await TestData.ActorAsync(Roles.InstitutionStaff, await TestData.CommuneAsync("Xã Bình Lư"));
        var occupation = await RegistryData.OccupationAsync();
        using var browser = await TestBrowser.SignedInAsync(staff);
        var marker = TestData.Unique();
        await CreateAsync(browser, institution.Id, $"Lò Văn Pấng {marker}", [occupation.Id]);

        var rows = await Xlsx.DownloadAsync(browser, $"/Trainers?handler=Export&q={marker}");

        rows.Count.ShouldBe(3);
        rows[2][0].ShouldBe($"Lò Văn Pấng {marker}");
        rows[2][1].ShouldBe("1968");
        rows[2][4].ShouldBe(occupation.Name);
        (await TestData.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Export && a.UserName == staff && a.ContainsPersonalData))).ShouldBeTrue();
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_is_saved()
    {
        var (staff, institution) = await TestData.ActorAsync(Roles.InstitutionStaff, await TestData.CommuneAsync("Xã Bình Lư"));
        using var browser = await TestBrowser.SignedInAsync(staff);
        var form = Form(institution.Id, "", []);
        form.RemoveAll(f => f.Key is "Data.BirthYear" or "Data.Kind");
        form.Add(new("Data.BirthYear", "2030"));
        form.Add(new("Data.Kind", ""));

        var response = await PostAsync(browser, "/Trainers/Create", form);
        var api = await browser.PostJsonAsync("/api/v1/trainers", new { institutionId = institution.Id, fullName = "Không nghề", kind = "Teacher", occupationIds = Array.Empty<int>() });

        var page = TestBrowser.HtmlText(await response.Content.ReadAsStringAsync());
        page.ShouldContain("Vui lòng nhập họ và tên.");
        page.ShouldContain("Năm sinh phải từ 1930 đến");
        page.ShouldContain("Vui lòng chọn loại người dạy");
        page.ShouldContain("Vui lòng chọn ít nhất một nghề giảng dạy.");
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("OccupationIds")[0].GetString().ShouldBe("Vui lòng chọn ít nhất một nghề giảng dạy.");
        (await TestData.WithDbAsync(db => db.Trainers.AnyAsync(t => t.InstitutionId == institution.Id))).ShouldBeFalse();
    }
}
