using System.Net.Http.Json;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Programmes;
using DaoTaoNghe.Features.Reports;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Registries;
using DaoTaoNghe.Tests.Support;
using static DaoTaoNghe.Tests.Features.Indicators.IndicatorTestData;

namespace DaoTaoNghe.Tests.Features.Indicators;

/// <summary>
/// Each indicator computed from known records in a province of the test's own, checked to the exact
/// number (both databases run this), with its breakdowns summing to its total.
/// </summary>
public class IndicatorValuesTests
{
    [Fact]
    public async Task Outreach_events_and_people_count_where_they_were_held_and_by_whom()
    {
        var p = await ProvinceAsync();
        var (_, communeA) = await ActorAsync(Roles.CommuneOfficer, p.A);
        var (_, institution) = await ActorAsync(Roles.InstitutionStaff, p.B);
        await OutreachAsync(p.A, communeA.Id, new DateOnly(2026, 3, 5), 40);
        await OutreachAsync(p.A, communeA.Id, new DateOnly(2026, 12, 31), 10);
        await OutreachAsync(p.B, institution.Id, new DateOnly(2026, 1, 1), 25);
        await OutreachAsync(p.A, communeA.Id, new DateOnly(2025, 12, 31), 999);
        await OutreachAsync(p.FormerA1, communeA.Id, new DateOnly(2024, 5, 2), 60);
        using var admin = await AdminAsync(p);

        var year = await ValuesAsync(admin, "indicator=outreach.events&period=2026&by=Commune");
        Value(year, "outreach.events").ShouldBe(3);
        Groups(year, "outreach.events").ShouldBe(new Dictionary<string, double?> { [p.A.Id.ToString()] = 2, [p.B.Id.ToString()] = 1 }, ignoreOrder: true);
        var people = await ValuesAsync(admin, "indicator=outreach.people&period=2026&by=Commune");
        Value(people, "outreach.people").ShouldBe(75);
        Groups(people, "outreach.people").Values.Sum().ShouldBe(75);

        Value(await ValuesAsync(admin, $"indicator=outreach.people&period=2026&unit={p.A.Id}"), "outreach.people").ShouldBe(50);
        Value(await ValuesAsync(admin, $"indicator=outreach.people&period=2026&institution={institution.Id}"), "outreach.people").ShouldBe(25);
        Value(await ValuesAsync(admin, $"indicator=outreach.people&period=2026&institution={communeA.Id}"), "outreach.people").ShouldBe(50);
        Value(await ValuesAsync(admin, "indicator=outreach.people&period=2025"), "outreach.people").ShouldBe(999);
    }

    [Fact]
    public async Task Learners_registered_count_by_local_day_of_registration_and_break_down_by_sex_ethnicity_and_priority_group()
    {
        var p = await ProvinceAsync();
        await LearnerAsync(p, p.A, Sex.Female, new DateOnly(2026, 2, 1), Hmong, [PriorityCategory.Disabled, PriorityCategory.WomanLostJob]);
        await LearnerAsync(p, p.A, Sex.Female, new DateOnly(2026, 3, 1), Kinh);
        await LearnerAsync(p, p.B, Sex.Male, new DateOnly(2026, 4, 1), Thai, [PriorityCategory.DemobilisedSoldier]);
        await LearnerAsync(p, p.B, Sex.Male, new DateOnly(2026, 5, 1));
        // Midnight of 1 January in Vietnam is still 31 December in UTC: it counts in 2026; 23:00 on 31 December 2025 does not.
        await LearnerAsync(p, p.B, Sex.Female, new DateOnly(2026, 1, 1), Hmong, hour: 0);
        await LearnerAsync(p, p.B, Sex.Female, new DateOnly(2025, 12, 31), Hmong, hour: 23);
        var survivor = await LearnerAsync(p, p.A, Sex.Male, new DateOnly(2026, 6, 1), Kinh);
        await LearnerAsync(p, p.A, Sex.Male, new DateOnly(2026, 6, 2), Kinh, mergedInto: survivor);
        using var admin = await AdminAsync(p);

        var bySex = await ValuesAsync(admin, "indicator=learners.registered&period=2026&by=Sex");
        Value(bySex, "learners.registered").ShouldBe(6);
        Groups(bySex, "learners.registered").ShouldBe(new Dictionary<string, double?> { ["Male"] = 3, ["Female"] = 3 }, ignoreOrder: true);

        var minority = await ValuesAsync(admin, "indicator=learners.registered&period=2026&by=Minority");
        Groups(minority, "learners.registered").ShouldBe(new Dictionary<string, double?> { ["False"] = 2, ["True"] = 3, [""] = 1 }, ignoreOrder: true);

        var ethnic = await ValuesAsync(admin, "indicator=learners.registered&period=2026&by=EthnicGroup");
        var groups = Groups(ethnic, "learners.registered");
        groups[(await EthnicGroupIdAsync(Hmong)).ToString()].ShouldBe(2);
        groups[(await EthnicGroupIdAsync(Kinh)).ToString()].ShouldBe(2);
        groups.Values.Sum().ShouldBe(6);

        var priority = await ValuesAsync(admin, "indicator=learners.registered&period=2026&by=Priority");
        var priorities = Groups(priority, "learners.registered");
        priorities["Disabled"].ShouldBe(1);
        priorities["WomanLostJob"].ShouldBe(1);
        priorities["DemobilisedSoldier"].ShouldBe(1);
        priorities["Fisher"].ShouldBe(0);
        Indicator(priority, "learners.registered").GetProperty("groupsOverlap").GetBoolean().ShouldBeTrue();

        var byCommune = await ValuesAsync(admin, "indicator=learners.registered&period=2026&by=Commune");
        Groups(byCommune, "learners.registered").ShouldBe(new Dictionary<string, double?> { [p.A.Id.ToString()] = 3, [p.B.Id.ToString()] = 3 }, ignoreOrder: true);
        Value(await ValuesAsync(admin, "indicator=learners.registered&period=2025"), "learners.registered").ShouldBe(1);
    }

    [Fact]
    public async Task Key_programmes_accredited_and_vocational_occupations_with_a_partner_agree_with_the_registry_page()
    {
        var p = await ProvinceAsync();
        var (_, institution) = await ActorAsync(Roles.InstitutionStaff, p.A);
        var (_, other) = await ActorAsync(Roles.InstitutionStaff, p.B);
        var enterprise = await TestData.OrganisationAsync(OrganisationKind.Enterprise, p.B);
        var closed = await TestData.OrganisationAsync(OrganisationKind.Enterprise, p.B);
        await TestData.WithDbAsync(async db => { (await db.Organisations.FindAsync(closed.Id))!.IsActive = false; await db.SaveChangesAsync(); });
        var o = new List<Occupation>();
        for (var i = 0; i < 5; i++) o.Add(await RegistryData.OccupationAsync(provinceCode: p.Province.Code));

        var valid = await RegistryData.ProgrammeAsync(institution.Id, o[0].Id, isKey: true);
        await RegistryData.AccreditationAsync(valid, AccreditationResult.Passed, new(2024, 1, 1), new(2028, 12, 31));
        var lapsed = await RegistryData.ProgrammeAsync(institution.Id, o[1].Id, TrainingLevel.Intermediate, isKey: true);
        await RegistryData.AccreditationAsync(lapsed, AccreditationResult.Passed, new(2020, 1, 1), new(2024, 12, 31));
        var failed = await RegistryData.ProgrammeAsync(institution.Id, o[2].Id, isKey: true);
        await RegistryData.AccreditationAsync(failed, AccreditationResult.Failed, new(2024, 5, 1), null);
        await RegistryData.ProgrammeAsync(other.Id, o[3].Id, isKey: true);
        await RegistryData.ProgrammeAsync(institution.Id, o[0].Id, TrainingLevel.Intermediate, hours: 1800);
        await RegistryData.ProgrammeAsync(institution.Id, o[0].Id, TrainingLevel.College, hours: 2600);
        await RegistryData.ProgrammeAsync(institution.Id, o[2].Id, TrainingLevel.College, hours: 2600);
        await RegistryData.ProgrammeAsync(other.Id, o[2].Id, TrainingLevel.Intermediate, hours: 1800);
        await RegistryData.ProgrammeAsync(institution.Id, o[4].Id, TrainingLevel.Elementary);
        await RegistryData.PartnershipAsync(enterprise.Id, institution.Id, o[0].Id, new(2025, 1, 1));
        await RegistryData.PartnershipAsync(enterprise.Id, institution.Id, o[1].Id, new(2024, 1, 1), new(2025, 12, 31));
        await RegistryData.PartnershipAsync(closed.Id, institution.Id, o[2].Id, new(2024, 1, 1));
        await RegistryData.PartnershipAsync(enterprise.Id, other.Id, o[2].Id, new(2024, 1, 1));
        using var admin = await AdminAsync(p);

        // On 31/12/2024: key programmes valid, lapsed (still valid that day), failed, never assessed (other) – 2 of 4 accredited.
        // Taught at intermediate/college level: institution o0, o1, o2 and other o2 – 4; with a partner then: institution o1 and other o2.
        var y2024 = await ValuesAsync(admin, "period=2024");
        Value(y2024, "programmes.key").ShouldBe(4);
        Value(y2024, "programmes.key_accredited").ShouldBe(2);
        Value(y2024, "programmes.key_accredited_rate").ShouldBe(50);
        Value(y2024, "occupations.vet_taught").ShouldBe(4);
        Value(y2024, "occupations.vet_partnered").ShouldBe(2);
        Value(y2024, "occupations.vet_partnered_rate").ShouldBe(50);
        var registry = await admin.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/indicators/registries?ngay=2024-12-31");
        registry.GetProperty("keyProgrammes").GetInt32().ShouldBe(4);
        registry.GetProperty("keyProgrammesAccredited").GetInt32().ShouldBe(2);
        registry.GetProperty("taughtOccupations").GetInt32().ShouldBe(4);
        registry.GetProperty("taughtOccupationsWithPartner").GetInt32().ShouldBe(2);

        // After 2025 the lapsed accreditation and the o1 partnership have ended; o0 has its partner from 2025.
        var y2026 = await ValuesAsync(admin, "indicator=occupations.vet_partnered_rate&period=2026&by=Institution");
        Value(y2026, "occupations.vet_partnered_rate").ShouldBe(50);
        var byInstitution = Indicator(y2026, "occupations.vet_partnered_rate").GetProperty("groups").EnumerateArray()
            .ToDictionary(g => g.GetProperty("key").GetString()!, g => (g.GetProperty("numerator").GetInt64(), g.GetProperty("denominator").GetInt64()));
        byInstitution[institution.Id.ToString()].ShouldBe((1L, 3L));
        byInstitution[other.Id.ToString()].ShouldBe((1L, 1L));
        Value(await ValuesAsync(admin, $"indicator=programmes.key_accredited_rate&period=2026&institution={institution.Id}"), "programmes.key_accredited_rate")
            .ShouldNotBeNull().ShouldBe(100.0 / 3, 1e-9);
        var byLevel = Groups(await ValuesAsync(admin, "indicator=programmes.key&period=2026&by=Level"), "programmes.key");
        byLevel["Elementary"].ShouldBe(3);
        byLevel["Intermediate"].ShouldBe(1);
        byLevel.Values.Sum().ShouldBe(4);
    }

    [Fact]
    public async Task Reports_on_time_count_from_first_submission_against_the_local_deadline_day()
    {
        var p = await ProvinceAsync();
        var (officerA, communeA) = await ActorAsync(Roles.CommuneOfficer, p.A);
        var (_, communeB) = await ActorAsync(Roles.CommuneOfficer, p.B);
        var (_, institution) = await ActorAsync(Roles.InstitutionStaff, p.A);
        var (_, department) = await ActorAsync(Roles.DepartmentOfficer, p.Province);
        var due = new DateOnly(2025, 12, 15);
        var obligation = await ObligationAsync(p, 2025, due);
        await ReportAsync(obligation, communeA, new DateTime(2025, 12, 15, 16, 59, 0, DateTimeKind.Utc));
        await ReportAsync(obligation, communeB, new DateTime(2025, 12, 15, 17, 0, 0, DateTimeKind.Utc));
        await ReportAsync(obligation, institution, null);
        await ReportAsync(obligation, department, new DateTime(2025, 11, 2, 3, 0, 0, DateTimeKind.Utc));
        await ReportAsync(await ObligationAsync(p, 2025, new DateOnly(2099, 1, 1)), communeA, null);
        using var admin = await AdminAsync(p);

        var province = await ValuesAsync(admin, "indicator=reports.on_time_rate&period=2025&by=Commune");
        var rate = Indicator(province, "reports.on_time_rate");
        rate.GetProperty("numerator").GetInt64().ShouldBe(2);
        rate.GetProperty("denominator").GetInt64().ShouldBe(4);
        Value(province, "reports.on_time_rate").ShouldBe(50);
        var groups = rate.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("key").GetString()!,
            g => (g.GetProperty("numerator").GetInt64(), g.GetProperty("denominator").GetInt64()));
        groups[p.A.Id.ToString()].ShouldBe((1L, 1L));
        groups[p.B.Id.ToString()].ShouldBe((0L, 1L));
        groups[p.Id.ToString()].ShouldBe((1L, 2L));

        Value(await ValuesAsync(admin, $"indicator=reports.on_time_rate&period=2025&institution={institution.Id}"), "reports.on_time_rate").ShouldBe(0);
        using var officer = await TestBrowser.SignedInAsync(officerA);
        Value(await ValuesAsync(officer, "indicator=reports.on_time_rate&period=2025"), "reports.on_time_rate").ShouldBe(100);
    }

    [Fact]
    public async Task Hand_entered_stand_ins_elements_and_their_ratios_sum_over_communes_and_former_communes()
    {
        var p = await ProvinceAsync();
        await ValueAsync("education.rural_graduates", p.FormerA1, p.Id, 2024, 30);
        await ValueAsync("education.rural_graduates", p.FormerA2, p.Id, 2024, 20);
        await ValueAsync("education.rural_graduates", p.FormerB1, p.Id, 2024, 15);
        await ValueAsync("education.rural_graduates", p.Province, p.Id, 2024, 5);
        await ValueAsync("education.rural_graduates", p.A, p.Id, 2026, 200);
        await ValueAsync("education.vet_entrants", p.A, p.Id, 2026, 150);
        await ValueAsync("education.rural_graduates", p.B, p.Id, 2026, 100);
        await ValueAsync("education.vet_entrants", p.B, p.Id, 2026, 100);
        // Computed from records now: a value entered by hand before is no longer read.
        await ValueAsync("employment.followed_up", p.A, p.Id, 2026, 80);
        await ValueAsync("training.completed", p.A, p.Id, 2026, 100);
        await ValueAsync("support.paid", p.Province, p.Id, 2026, 1_500_000_000);
        await ValueAsync("labour.unemployment_rate", p.Province, p.Id, 2026, 1.25);
        await ValueAsync("labour.unemployment_rate", p.Province, p.Id, 2025, 1.3);
        await ValueAsync("support.budget", p.Province, p.Id, 2026, 2_000_000_000);
        using var admin = await AdminAsync(p);

        var y2024 = await ValuesAsync(admin, "indicator=education.rural_graduates&period=2024&by=Commune");
        Value(y2024, "education.rural_graduates").ShouldBe(70);
        var groups = Groups(y2024, "education.rural_graduates");
        groups[p.A.Id.ToString()].ShouldBe(50);
        groups[p.B.Id.ToString()].ShouldBe(15);
        groups[p.Id.ToString()].ShouldBe(5);
        groups.Values.Sum().ShouldBe(70);

        var y2026 = await ValuesAsync(admin, "period=2026");
        Value(y2026, "training.completed").ShouldBe(0);
        Value(y2026, "education.vet_entry_rate").ShouldNotBeNull().ShouldBe(250.0 / 300 * 100, 1e-9);
        Value(y2026, "employment.followed_up").ShouldBe(0);
        Value(y2026, "labour.unemployment_rate").ShouldBe(1.25);
        Value(y2026, "support.disbursement_rate").ShouldBe(0);
        Value(y2026, "jobs.created").ShouldBe(0);
        Value(await ValuesAsync(admin, "indicator=labour.unemployment_rate&period=2025"), "labour.unemployment_rate").ShouldBe(1.3);
        var entry = Groups(await ValuesAsync(admin, "indicator=education.vet_entry_rate&period=2026&by=Commune"), "education.vet_entry_rate");
        entry[p.A.Id.ToString()].ShouldBe(75);
        entry[p.B.Id.ToString()].ShouldBe(100);
        Value(await ValuesAsync(admin, $"indicator=education.vet_entry_rate&period=2026&unit={p.B.Id}"), "education.vet_entry_rate").ShouldBe(100);
    }

    private static Task<int> ObligationAsync(TestProvince province, int year, DateOnly due) =>
        TestData.WithDbAsync(async db =>
        {
            var obligation = new ReportingObligation
            {
                ProvinceId = province.Id, TemplateCode = "ket-qua-thuc-hien-ke-hoach", PeriodKind = PeriodKind.Year, PeriodYear = year,
                PeriodStart = new DateOnly(year, 1, 1), PeriodEnd = new DateOnly(year, 12, 31), DueOn = due, ReceiverName = "Sở thử", CreatedAt = TestData.Clock.UtcNow,
            };
            obligation.SetTitle("Báo cáo thử " + TestData.Unique());
            db.ReportingObligations.Add(obligation);
            await db.SaveChangesAsync();
            return obligation.Id;
        });

    private static Task ReportAsync(int obligationId, Organisation organisation, DateTime? firstSubmittedAt) =>
        TestData.WithDbAsync(async db =>
        {
            db.Reports.Add(new Report
            {
                ObligationId = obligationId, ProvinceId = organisation.ProvinceId, OrganisationId = organisation.Id, Title = "Báo cáo thử", Symbol = "BC-UBND",
                Place = "Thử", SignerAuthority = "CHỦ TỊCH", Recipients = "- Lưu: VT.", CreatedAt = TestData.Clock.UtcNow,
                State = firstSubmittedAt is null ? ReportState.Draft : ReportState.Submitted, FirstSubmittedAt = firstSubmittedAt, LastSubmittedAt = firstSubmittedAt,
            });
            await db.SaveChangesAsync();
        });
}
