using DaoTaoNghe.Features.Enterprises;
using DaoTaoNghe.Features.Institutions;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Partnerships;
using DaoTaoNghe.Features.Programmes;
using DaoTaoNghe.Tests.Support;

namespace DaoTaoNghe.Tests.Features.Registries;

/// <summary>Arranges the registries' records directly, as the system, for tests that need them as a starting point.</summary>
public static class RegistryData
{
    /// <summary>An occupation in Lai Châu's catalogue (or another province's) under a fresh code.</summary>
    public static Task<Occupation> OccupationAsync(string? name = null, OccupationField field = OccupationField.Agriculture, string provinceCode = TestData.LaiChau) =>
        TestData.WithDbAsync(async db =>
        {
            var province = await TestData.ProvinceAsync(provinceCode);
            var occupation = new Occupation { ProvinceId = province.Id, Field = field, Origin = OccupationOrigin.Local };
            occupation.SetCodeAndName("T" + TestData.Unique().ToUpperInvariant(), name ?? "Nghề thử " + TestData.Unique());
            db.Occupations.Add(occupation);
            await db.SaveChangesAsync();
            return occupation;
        });

    /// <summary>A programme of <paramref name="institutionId"/>.</summary>
    public static Task<Programme> ProgrammeAsync(int institutionId, int occupationId, TrainingLevel level = TrainingLevel.Elementary,
        bool isKey = false, string? name = null, int hours = 360) =>
        TestData.WithDbAsync(async db =>
        {
            var programme = new Programme { InstitutionId = institutionId, OccupationId = occupationId, Level = level, DurationHours = hours, IsKey = isKey };
            programme.SetName(name ?? "Chương trình thử " + TestData.Unique(), null);
            db.Programmes.Add(programme);
            await db.SaveChangesAsync();
            return programme;
        });

    public static Task AccreditationAsync(Programme programme, AccreditationResult result, DateOnly decidedOn, DateOnly? expiresOn) =>
        TestData.WithDbAsync(async db =>
        {
            db.ProgrammeAccreditations.Add(new ProgrammeAccreditation
            {
                ProgrammeId = programme.Id, InstitutionId = programme.InstitutionId, Result = result, DecidedOn = decidedOn, ExpiresOn = expiresOn,
                Body = "Trung tâm Kiểm định chất lượng giáo dục nghề nghiệp",
            });
            await db.SaveChangesAsync();
        });

    public static Task<Partnership> PartnershipAsync(int enterpriseId, int institutionId, int occupationId, DateOnly startsOn, DateOnly? endsOn = null,
        bool isActive = true) =>
        TestData.WithDbAsync(async db =>
        {
            var partnership = new Partnership
            {
                EnterpriseId = enterpriseId, InstitutionId = institutionId, OccupationId = occupationId, StartsOn = startsOn, EndsOn = endsOn,
                PracticePlaces = 5, IsActive = isActive,
            };
            db.Partnerships.Add(partnership);
            await db.SaveChangesAsync();
            return partnership;
        });

    /// <summary>Gives an enterprise organisation its profile, with a fresh valid tax code.</summary>
    public static Task<string> EnterpriseProfileAsync(Organisation enterprise) =>
        TestData.WithDbAsync(async db =>
        {
            var taxCode = NewTaxCode();
            db.EnterpriseProfiles.Add(new EnterpriseProfile
            {
                OrganisationId = enterprise.Id, ProvinceId = enterprise.ProvinceId, TaxCode = taxCode, Form = EnterpriseForm.Cooperative,
                Sector = EnterpriseSector.Agriculture, Size = EnterpriseSize.Micro,
            });
            await db.SaveChangesAsync();
            return taxCode;
        });

    public static Task InstitutionProfileAsync(Organisation institution, InstitutionType type = InstitutionType.VocationalContinuingCentre) =>
        TestData.WithDbAsync(async db =>
        {
            db.InstitutionProfiles.Add(new InstitutionProfile { OrganisationId = institution.Id, ProvinceId = institution.ProvinceId, Type = type });
            await db.SaveChangesAsync();
        });

    /// <summary>A tax code no test has used (random digits, the right check digit).</summary>
    public static string NewTaxCode()
    {
        while (true)
        {
            var nine = "6" + Random.Shared.Next(0, 100_000_000).ToString("D8");
            var check = TaxCode.CheckDigit(nine);
            if (check >= 0) return nine + check;
        }
    }

    public static Task<Organisation> ActiveInstitutionAsync(string commune = "Xã Bình Lư") =>
        TestData.CommuneAsync(commune).ContinueWith(t => TestData.OrganisationAsync(OrganisationKind.TrainingInstitution, t.Result)).Unwrap();
}
