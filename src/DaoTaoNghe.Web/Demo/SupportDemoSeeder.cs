using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Demo;

/// <summary>
/// Demo classification of Lai Châu's 38 communes and wards: the two wards not difficult, the
/// valley centres difficult, the rest especially difficult, as most of the province's communes
/// were in region III (QĐ 861/QĐ-TTg, 2021–2025). Not an official list: see ReferenceData/SOURCES.md.
/// </summary>
public sealed class SupportDemoSeeder : IDemoSeeder
{
    public int Order => 400;

    public string Title => "phân loại xã theo mức khó khăn";

    public const string LegalBasis = "Dữ liệu demo: phân loại minh họa theo danh sách xã khu vực III giai đoạn 2021–2025, chưa phải danh sách chính thức";

    private static readonly HashSet<string> NotDifficult = ["Phường Tân Phong", "Phường Đoàn Kết"];

    private static readonly HashSet<string> Difficult =
        ["Xã Than Uyên", "Xã Tân Uyên", "Xã Bình Lư", "Xã Phong Thổ", "Xã Sìn Hồ", "Xã Mường Tè", "Xã Mường Than", "Xã Mường Kim"];

    public static readonly DateOnly From = new(2021, 6, 4);

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var communes = await db.AdministrativeUnits
            .Where(u => u.ProvinceId == context.Province.Id && u.Level == UnitLevel.Commune && u.ValidTo == null)
            .Select(u => new { u.Id, u.Name }).ToListAsync(cancellationToken);
        db.CommuneClassifications.AddRange(communes.Select(c => new CommuneClassification
        {
            CommuneId = c.Id,
            ProvinceId = context.Province.Id,
            Difficulty = NotDifficult.Contains(c.Name) ? CommuneDifficulty.NotDifficult
                : Difficult.Contains(c.Name) ? CommuneDifficulty.Difficult
                : CommuneDifficulty.EspeciallyDifficult,
            ValidFrom = From,
            LegalBasis = LegalBasis,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
