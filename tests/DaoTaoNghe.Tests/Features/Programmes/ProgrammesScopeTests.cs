using System.Net;
using System.Net.Http.Json;
using System.Text;
using DaoTaoNghe.Features.Programmes;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Registries;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.Programmes;

/// <summary>
/// Programmes are a catalogue everyone in the province reads; only their institution and the
/// province admin change them. Internal materials stay with the institution and province-wide roles.
/// </summary>
public class ProgrammesScopeTests
{
    private static async Task<(Programme Programme, int InternalMaterialId)> ProgrammeOfInstitutionAAsync()
    {
        var institution = await RegistryData.ActiveInstitutionAsync("Xã Tân Uyên");
        var occupation = await RegistryData.OccupationAsync();
        var programme = await RegistryData.ProgrammeAsync(institution.Id, occupation.Id, name: "Chương trình của cơ sở A " + TestData.Unique());
        var materialId = await TestData.WithDbAsync(async db =>
        {
            var material = new LearningMaterial
            {
                ProgrammeId = programme.Id, InstitutionId = institution.Id, Kind = MaterialKind.Link, Url = "https://example.org/de-thi",
                IsPublic = false, AddedAt = TestData.Clock.UtcNow,
            };
            material.SetTitle("Ngân hàng đề thi nội bộ");
            db.LearningMaterials.Add(material);
            await db.SaveChangesAsync();
            return material.Id;
        });
        return (programme, materialId);
    }

    public static TheoryData<string, bool> Readers => new()
    {
        { Roles.InstitutionStaff, false },
        { Roles.DepartmentOfficer, true },
        { Roles.Inspector, true },
        { Roles.CommuneOfficer, false },
        { Roles.Enterprise, false },
        { Roles.EmploymentCentre, false },
    };

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task Another_institution_and_other_roles_read_the_programme_but_cannot_change_it(string role, bool seesInternalMaterials)
    {
        var (programme, internalMaterialId) = await ProgrammeOfInstitutionAAsync();
        var (user, _) = await TestData.ActorAsync(role, role is Roles.DepartmentOfficer or Roles.Inspector or Roles.EmploymentCentre
            ? await TestData.ProvinceAsync() : await TestData.CommuneAsync("Xã Bình Lư"));
        using var browser = await TestBrowser.SignedInAsync(user);

        (await browser.GetAsync($"/Programmes/Details/{programme.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync($"/api/v1/programmes/{programme.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var page in new[] { "Edit", "Modules", "Accreditations", "Norms", "Materials" })
            (await browser.GetAsync($"/Programmes/{page}/{programme.Id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, page);
        (await browser.Http.PutAsJsonAsync($"/api/v1/programmes/{programme.Id}", new
        {
            occupationId = programme.OccupationId, level = "Elementary", name = "Đã bị sửa", durationHours = 400, isActive = true,
        })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.Http.PostAsync($"/api/v1/programmes/{programme.Id}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.PostJsonAsync($"/api/v1/programmes/{programme.Id}/modules", new { name = "Lén thêm", theoryHours = 1, practiceHours = 1 }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.PostJsonAsync($"/api/v1/programmes/{programme.Id}/materials/links", new { title = "Lén thêm", url = "https://example.org", isPublic = true }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.PostJsonAsync("/api/v1/programmes", new
        {
            institutionId = programme.InstitutionId, occupationId = programme.OccupationId, level = "Elementary", name = "Lén tạo", durationHours = 400,
        })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.GetAsync($"/Programmes/MaterialFile/{internalMaterialId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var details = TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Programmes/Details/{programme.Id}"));
        if (seesInternalMaterials) details.ShouldContain("Ngân hàng đề thi nội bộ");
        else details.ShouldNotContain("Ngân hàng đề thi nội bộ");

        var after = await TestData.WithDbAsync(db => db.Programmes.AsNoTracking().Include(p => p.Modules).Include(p => p.Materials).SingleAsync(p => p.Id == programme.Id));
        after.Name.ShouldBe(programme.Name);
        after.IsActive.ShouldBeTrue();
        after.Modules.ShouldBeEmpty();
        after.Materials.Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_institution_cannot_upload_to_another_institutions_programme()
    {
        var (programme, _) = await ProgrammeOfInstitutionAAsync();
        var (user, _) = await TestData.ActorAsync(Roles.InstitutionStaff, await TestData.CommuneAsync("Xã Bình Lư"));
        using var browser = await (await TestBrowser.SignedInAsync(user)).WithAntiforgeryHeaderAsync();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("%PDF")), "file", "la.pdf" } };

        (await browser.Http.PostAsync($"/api/v1/programmes/{programme.Id}/materials/files", form)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await TestData.WithDbAsync(db => db.LearningMaterials.CountAsync(m => m.ProgrammeId == programme.Id))).ShouldBe(1);
    }

    [Fact]
    public async Task The_province_admin_keeps_any_programme_of_the_province()
    {
        var (programme, _) = await ProgrammeOfInstitutionAAsync();
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var browser = await TestBrowser.SignedInAsync(admin);

        (await browser.GetAsync($"/Programmes/Edit/{programme.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.PostJsonAsync($"/api/v1/programmes/{programme.Id}/modules", new { name = "Mô-đun do Sở thêm", theoryHours = 10, practiceHours = 20 }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Another_provinces_admin_finds_nothing()
    {
        var (programme, materialId) = await ProgrammeOfInstitutionAAsync();
        var (admin, _) = await TestData.ActorAsync(Roles.ProvinceAdmin, await TestData.ProvinceAsync("11"));
        using var browser = await TestBrowser.SignedInAsync(admin);

        foreach (var page in new[] { "Details", "Edit", "Modules", "Accreditations", "Norms", "Materials" })
            (await browser.GetAsync($"/Programmes/{page}/{programme.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, page);
        (await browser.GetAsync($"/api/v1/programmes/{programme.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.Http.PostAsync($"/api/v1/programmes/{programme.Id}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetAsync($"/Programmes/MaterialFile/{materialId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        TestBrowser.HtmlText(await browser.GetHtmlAsync("/Programmes?q=" + Uri.EscapeDataString(programme.Name))).ShouldNotContain(programme.Name);
    }
}
