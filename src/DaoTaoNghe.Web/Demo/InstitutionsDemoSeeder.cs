using DaoTaoNghe.Features.Institutions;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Demo;

/// <summary>
/// Lai Châu's vocational institutions: the provincial college (whose organisation already exists),
/// the GDNN–GDTX centres of the former districts (now in the communes that absorbed the district
/// towns), two private centres and a tea company's training unit, each with its licensed
/// occupations. The programmes seeder teaches from these licences.
/// </summary>
public sealed class InstitutionsDemoSeeder : IDemoSeeder
{
    public int Order => 310;

    public string Title => "cơ sở đào tạo";

    public sealed record Seed(
        string Name, string ShortName, InstitutionType Type, string Commune, string Address, string Licence, DateOnly LicensedOn,
        int Capacity, string Head, string Facilities, (string Code, TrainingLevel Level, int Quota)[] Licensed);

    private const TrainingLevel Sc = TrainingLevel.Elementary, Short = TrainingLevel.ShortCourse,
        Tc = TrainingLevel.Intermediate, Cd = TrainingLevel.College;

    public static readonly Seed[] Institutions =
    [
        new("Trường Cao đẳng Lai Châu", "CĐ Lai Châu", InstitutionType.College, "Phường Đoàn Kết", "Phường Đoàn Kết, tỉnh Lai Châu",
            "135/GCNĐKHĐGDNN-TCGDNN", new(2017, 11, 20), 2500, "Hiệu trưởng Đỗ Văn Thành",
            "Khu giảng đường 40 phòng học; 18 xưởng thực hành điện, hàn, ô tô, may, nấu ăn; trại thực nghiệm chè và chăn nuôi 5 ha; ký túc xá 600 chỗ",
            [
                ("5520227", Tc, 70), ("6520227", Cd, 35), ("5520123", Tc, 50), ("5510216", Tc, 50), ("5810207", Tc, 60), ("6810207", Cd, 30),
                ("5810103", Tc, 35), ("6810201", Cd, 30), ("5540205", Tc, 40), ("6480202", Cd, 35), ("5640101", Tc, 40), ("6640101", Cd, 25),
                ("5620202", Tc, 30), ("NN.01", Sc, 120), ("NN.02", Sc, 80), ("NN.10", Sc, 60), ("PNN.14", Short, 200),
            ]),
        Centre("Tam Đường", "Tống Văn Hải", "Xã Bình Lư", "02/2019/GCNĐKHĐ-SLĐTBXH", new(2019, 3, 12), 450,
            [("NN.01", Sc, 90), ("NN.02", Sc, 60), ("NN.03", Sc, 60), ("NN.12", Short, 80), ("PNN.01", Sc, 40), ("PNN.06", Sc, 40), ("PNN.09", Short, 60)]),
        Centre("Phong Thổ", "Lò Thị Xuân", "Xã Phong Thổ", "03/2019/GCNĐKHĐ-SLĐTBXH", new(2019, 4, 2), 400,
            [("NN.03", Sc, 60), ("NN.04", Sc, 60), ("NN.09", Sc, 40), ("NN.15", Short, 40), ("PNN.02", Sc, 40), ("PNN.06", Sc, 40)]),
        Centre("Sìn Hồ", "Giàng A Chứ", "Xã Sìn Hồ", "04/2019/GCNĐKHĐ-SLĐTBXH", new(2019, 4, 15), 400,
            [("NN.04", Sc, 60), ("NN.05", Short, 60), ("NN.09", Sc, 60), ("NN.08", Sc, 40), ("PNN.02", Sc, 40), ("PNN.11", Sc, 40)]),
        Centre("Mường Tè", "Pờ Văn Lả", "Xã Bum Tở", "05/2019/GCNĐKHĐ-SLĐTBXH", new(2019, 5, 6), 300,
            [("NN.04", Sc, 50), ("NN.07", Sc, 40), ("NN.09", Sc, 50), ("NN.14", Short, 60), ("PNN.03", Sc, 30), ("PNN.07", Sc, 30)]),
        Centre("Than Uyên", "Lường Văn Biên", "Xã Than Uyên", "06/2019/GCNĐKHĐ-SLĐTBXH", new(2019, 5, 20), 500,
            [("NN.01", Sc, 60), ("NN.03", Sc, 60), ("NN.10", Sc, 60), ("NN.11", Sc, 40), ("PNN.04", Sc, 40), ("PNN.05", Sc, 40), ("PNN.07", Sc, 40), ("PNN.08", Short, 40)]),
        Centre("Tân Uyên", "Hoàng Thị Hương", "Xã Tân Uyên", "07/2019/GCNĐKHĐ-SLĐTBXH", new(2019, 6, 3), 450,
            [("NN.01", Sc, 90), ("NN.02", Sc, 90), ("NN.10", Sc, 60), ("NN.06", Sc, 40), ("PNN.01", Sc, 40), ("PNN.15", Short, 40)]),
        Centre("Nậm Nhùn", "Lù Văn Páo", "Xã Nậm Hàng", "08/2019/GCNĐKHĐ-SLĐTBXH", new(2019, 6, 18), 300,
            [("NN.04", Sc, 50), ("NN.07", Sc, 60), ("NN.13", Short, 60), ("PNN.06", Sc, 30), ("PNN.13", Sc, 30)]),
        new("Trung tâm Giáo dục nghề nghiệp Việt Tiến Lai Châu", "TT GDNN Việt Tiến", InstitutionType.Private, "Phường Tân Phong",
            "Tổ dân phố 12, phường Tân Phong, tỉnh Lai Châu", "11/2021/GCNĐKHĐ-SLĐTBXH", new(2021, 8, 9), 350, "Giám đốc Nguyễn Đức Việt",
            "8 phòng học, xưởng may 40 máy, xưởng hàn và điện dân dụng, phòng máy tính 30 máy",
            [("PNN.01", Sc, 60), ("PNN.04", Sc, 40), ("PNN.05", Sc, 40), ("PNN.12", Short, 40), ("PNN.14", Short, 80), ("PNN.17", Short, 60)]),
        new("Trung tâm Đào tạo nghề Hồng Hà Than Uyên", "TT nghề Hồng Hà", InstitutionType.Private, "Xã Than Uyên",
            "Khu 5, xã Than Uyên, tỉnh Lai Châu", "14/2022/GCNĐKHĐ-SLĐTBXH", new(2022, 3, 28), 250, "Giám đốc Lê Thị Hồng",
            "Bãi tập máy xúc, máy đào; xưởng sửa chữa xe máy, máy nông nghiệp",
            [("PNN.06", Sc, 50), ("PNN.07", Sc, 50), ("PNN.13", Sc, 60), ("PNN.11", Sc, 40)]),
        new("Cơ sở đào tạo nghề Công ty Cổ phần Chè Tam Đường", "CSĐT Chè Tam Đường", InstitutionType.EnterpriseBased, "Xã Bình Lư",
            "Bản Nà Đon, xã Bình Lư, tỉnh Lai Châu", "16/2023/GCNĐKHĐ-SLĐTBXH", new(2023, 7, 14), 150, "Phó Giám đốc Vàng A Sử",
            "Xưởng chế biến chè 2 dây chuyền, đồi chè thực hành 12 ha",
            [("NN.01", Short, 80), ("NN.02", Sc, 60)]),
    ];

    private static Seed Centre(string district, string head, string commune, string licence, DateOnly licensedOn, int capacity,
        (string, TrainingLevel, int)[] licensed) =>
        new($"Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên huyện {district}", $"TT GDNN-GDTX {district}",
            InstitutionType.VocationalContinuingCentre, commune, $"{commune}, tỉnh Lai Châu (trước đây huyện {district})", licence, licensedOn, capacity,
            $"Giám đốc {head}",
            "Phòng học lý thuyết, xưởng thực hành; tổ chức lớp lưu động tại thôn, bản", licensed);

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var provinceId = context.Province.Id;
        var communes = await db.AdministrativeUnits
            .Where(u => u.ProvinceId == provinceId && u.Level == UnitLevel.Commune && u.ValidTo == null)
            .ToDictionaryAsync(u => u.Name, u => u.Id, cancellationToken);
        var occupations = await db.Occupations.Where(o => o.ProvinceId == provinceId).ToDictionaryAsync(o => o.Code, o => o.Id, cancellationToken);
        var existing = await db.Organisations
            .Where(o => o.ProvinceId == provinceId && o.Kind == OrganisationKind.TrainingInstitution)
            .ToDictionaryAsync(o => o.Name, cancellationToken);

        foreach (var seed in Institutions)
        {
            if (!existing.TryGetValue(seed.Name, out var organisation))
            {
                organisation = new Organisation
                {
                    Kind = OrganisationKind.TrainingInstitution, ShortName = seed.ShortName, UnitId = communes[seed.Commune],
                    ProvinceId = provinceId, Address = seed.Address, Phone = "0213 3" + context.Random.Next(100_000, 999_999),
                };
                organisation.SetName(seed.Name);
                db.Organisations.Add(organisation);
            }
            db.InstitutionProfiles.Add(new InstitutionProfile
            {
                Organisation = organisation, ProvinceId = provinceId, Type = seed.Type, LicenceNumber = seed.Licence,
                LicensedOn = seed.LicensedOn, Capacity = seed.Capacity, Head = seed.Head, Facilities = seed.Facilities,
            });
            foreach (var (code, level, quota) in seed.Licensed)
                db.LicensedOccupations.Add(new LicensedOccupation
                {
                    Institution = organisation, ProvinceId = provinceId, OccupationId = occupations[code], Level = level, AnnualQuota = quota,
                });
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
