using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Programmes;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;

namespace DaoTaoNghe.Tests.Features.Registries;

/// <summary>The two registry indicators, drawn on known records of one institution at two dates.</summary>
public class RegistryIndicatorsTests
{
    private static async Task<(string StaffUser, Organisation Institution)> ArrangeAsync()
    {
        var commune = await TestData.CommuneAsync("Xã Than Uyên");
        var (staff, institution) = await TestData.ActorAsync(Roles.InstitutionStaff, commune);
        var other = await RegistryData.ActiveInstitutionAsync("Xã Than Uyên");
        var enterprise = await TestData.OrganisationAsync(OrganisationKind.Enterprise, commune);
        var closed = await TestData.OrganisationAsync(OrganisationKind.Enterprise, commune);
        await TestData.WithDbAsync(async db => { (await db.Organisations.FindAsync(closed.Id))!.IsActive = false; await db.SaveChangesAsync(); });
        var o = new List<Occupation>();
        for (var i = 0; i < 5; i++) o.Add(await RegistryData.OccupationAsync());

        // Key programmes: valid on 2026-06-01 / lapsed by then but valid on 2024-06-01 / failed / never assessed; plus two that do not count.
        var valid = await RegistryData.ProgrammeAsync(institution.Id, o[0].Id, isKey: true);
        await RegistryData.AccreditationAsync(valid, AccreditationResult.Passed, new(2024, 1, 1), new(2028, 12, 31));
        var lapsed = await RegistryData.ProgrammeAsync(institution.Id, o[1].Id, isKey: true);
        await RegistryData.AccreditationAsync(lapsed, AccreditationResult.Passed, new(2020, 1, 1), new(2024, 12, 31));
        var failed = await RegistryData.ProgrammeAsync(institution.Id, o[2].Id, isKey: true);
        await RegistryData.AccreditationAsync(failed, AccreditationResult.Failed, new(2025, 5, 1), null);
        await RegistryData.ProgrammeAsync(institution.Id, o[3].Id, isKey: true);
        var notKey = await RegistryData.ProgrammeAsync(institution.Id, o[0].Id);
        await RegistryData.AccreditationAsync(notKey, AccreditationResult.Passed, new(2024, 1, 1), new(2028, 12, 31));
        var stopped = await RegistryData.ProgrammeAsync(institution.Id, o[1].Id, isKey: true);
        await TestData.WithDbAsync(async db => { (await db.Programmes.FindAsync(stopped.Id))!.IsActive = false; await db.SaveChangesAsync(); });

        // Intermediate/college occupations: o0 at both levels (counts once), o1, o2; o4 only at elementary level does not count.
        await RegistryData.ProgrammeAsync(institution.Id, o[0].Id, TrainingLevel.Intermediate, hours: 1800);
        await RegistryData.ProgrammeAsync(institution.Id, o[0].Id, TrainingLevel.College, hours: 2600);
        await RegistryData.ProgrammeAsync(institution.Id, o[1].Id, TrainingLevel.College, hours: 2600);
        await RegistryData.ProgrammeAsync(institution.Id, o[2].Id, TrainingLevel.Intermediate, hours: 1800);
        await RegistryData.ProgrammeAsync(institution.Id, o[4].Id, TrainingLevel.Elementary);

        // o0: partner from 2025 on; o1: partner 2024–2025 only; o2: only a closed enterprise, and a partner of another institution.
        await RegistryData.PartnershipAsync(enterprise.Id, institution.Id, o[0].Id, new(2025, 1, 1));
        await RegistryData.PartnershipAsync(enterprise.Id, institution.Id, o[1].Id, new(2024, 1, 1), new(2025, 12, 31));
        await RegistryData.PartnershipAsync(closed.Id, institution.Id, o[2].Id, new(2024, 1, 1));
        await RegistryData.PartnershipAsync(enterprise.Id, other.Id, o[2].Id, new(2024, 1, 1));
        await RegistryData.PartnershipAsync(enterprise.Id, institution.Id, o[2].Id, new(2024, 1, 1), isActive: false);
        return (staff, institution);
    }

    private static async Task<JsonElement> ValuesAsync(TestBrowser browser, string query) =>
        await browser.Http.GetFromJsonAsync<JsonElement>("/api/v1/indicators/registries?" + query);

    [Fact]
    public async Task Key_programmes_accredited_and_occupations_with_a_partner_are_counted_on_the_date()
    {
        var (staff, institution) = await ArrangeAsync();
        using var browser = await TestBrowser.SignedInAsync(staff);

        var now = await ValuesAsync(browser, "ngay=2026-06-01");
        var then = await ValuesAsync(browser, "ngay=2024-06-01");

        (now.GetProperty("keyProgrammes").GetInt32(), now.GetProperty("keyProgrammesAccredited").GetInt32()).ShouldBe((4, 1));
        now.GetProperty("accreditedShare").GetDouble().ShouldBe(0.25);
        (now.GetProperty("taughtOccupations").GetInt32(), now.GetProperty("taughtOccupationsWithPartner").GetInt32()).ShouldBe((3, 1));
        now.GetProperty("partneredShare").GetDouble().ShouldBe(1.0 / 3, 1e-9);
        (then.GetProperty("keyProgrammes").GetInt32(), then.GetProperty("keyProgrammesAccredited").GetInt32()).ShouldBe((4, 2));
        (then.GetProperty("taughtOccupations").GetInt32(), then.GetProperty("taughtOccupationsWithPartner").GetInt32()).ShouldBe((3, 1));

        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var forInstitution = await ValuesAsync(admin, $"ngay=2026-06-01&co-so={institution.Id}");
        forInstitution.GetProperty("keyProgrammesAccredited").GetInt32().ShouldBe(1);
        forInstitution.GetProperty("taughtOccupationsWithPartner").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Institution_staff_get_their_own_figures_whatever_they_ask_for()
    {
        var (staff, _) = await ArrangeAsync();
        var (otherStaff, _) = await TestData.ActorAsync(Roles.InstitutionStaff, await TestData.CommuneAsync("Xã Bình Lư"));
        using var browser = await TestBrowser.SignedInAsync(otherStaff);

        var values = await ValuesAsync(browser, "ngay=2026-06-01");

        values.GetProperty("keyProgrammes").GetInt32().ShouldBe(0);
        values.GetProperty("accreditedShare").ValueKind.ShouldBe(JsonValueKind.Null);
        TestBrowser.HtmlText(await browser.GetHtmlAsync("/Registries/Indicators?ngay=2026-06-01")).ShouldContain("0/0");
        using var own = await TestBrowser.SignedInAsync(staff);
        TestBrowser.HtmlText(await own.GetHtmlAsync("/Registries/Indicators?ngay=2026-06-01")).ShouldContain("25,0%");
    }

    [Theory]
    [InlineData(Roles.CommuneOfficer)]
    [InlineData(Roles.Enterprise)]
    [InlineData(Roles.EmploymentCentre)]
    public async Task Roles_that_cannot_see_the_agreements_are_refused(string role)
    {
        var (user, _) = await TestData.ActorAsync(role, await TestData.CommuneAsync("Xã Bình Lư"));
        using var browser = await TestBrowser.SignedInAsync(user);

        (await browser.GetAsync("/api/v1/indicators/registries")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.GetAsync("/Registries/Indicators")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_figures_export_with_the_rows_behind_them()
    {
        var (staff, _) = await ArrangeAsync();
        using var browser = await TestBrowser.SignedInAsync(staff);

        var rows = await Xlsx.DownloadAsync(browser, "/Registries/Indicators?handler=Export&ngay=2026-06-01");

        rows[0][0].ShouldBe("Chương trình trọng điểm đạt kiểm định ngày 01/06/2026: 25,0%");
        rows.Count.ShouldBe(1 + 1 + 4);
        rows.Skip(2).Count(r => r[3] == "Có").ShouldBe(1);
    }
}
