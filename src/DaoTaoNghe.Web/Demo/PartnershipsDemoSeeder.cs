using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Demo;

/// <summary>
/// Agreements between Lai Châu's enterprises and institutions: ten of the college's thirteen
/// intermediate and college occupations have a partner in force (information technology, college
/// veterinary and forestry do not; the veterinary one lapsed at the end of 2025), and the district
/// centres work with tea, brocade, fish-farming and tourism cooperatives for short courses.
/// </summary>
public sealed class PartnershipsDemoSeeder : IDemoSeeder
{
    public int Order => 350;

    public string Title => "liên kết doanh nghiệp – cơ sở đào tạo";

    private const string College = "Trường Cao đẳng Lai Châu";

    private static string Centre(string district) => $"Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên huyện {district}";

    public sealed record Seed(string Enterprise, string Institution, string Occupation, DateOnly StartsOn, DateOnly? EndsOn,
        int? PracticePlaces, bool ProvidesTrainers, int? HiringCommitment, string? OtherSupport = null);

    public static readonly Seed[] Agreements =
    [
        new("Công ty Cổ phần Thủy điện Nậm Na", College, "5520227", new(2023, 9, 1), null, 20, true, 8),
        new("Chi nhánh Công ty TNHH Xây lắp điện Tây Bắc tại Lai Châu", College, "5520227", new(2024, 3, 15), new(2028, 3, 14), 15, false, 10),
        new("Công ty TNHH Thủy điện Mường Kim", College, "6520227", new(2024, 8, 20), null, 10, true, 5),
        new("Công ty TNHH Cơ khí Nông nghiệp Than Uyên", College, "5520123", new(2023, 5, 10), null, 12, true, 6),
        new("Công ty Cổ phần Xây dựng Lai Châu", College, "5520123", new(2025, 2, 1), new(2030, 1, 31), 20, false, 15),
        new("Công ty TNHH Sửa chữa ô tô, xe máy Hùng Cường", College, "5510216", new(2024, 1, 5), null, 8, true, 3),
        new("Công ty Cổ phần Xe khách Lai Châu", College, "5510216", new(2025, 6, 1), null, 6, false, 4),
        new("Công ty TNHH Khách sạn Hoàng Liên Lai Châu", College, "5810207", new(2023, 10, 1), null, 15, true, 10),
        new("Công ty TNHH Nhà hàng Ẩm thực Tây Bắc", College, "5810207", new(2024, 11, 12), null, 8, true, 4),
        new("Công ty TNHH Khách sạn Hoàng Liên Lai Châu", College, "6810207", new(2023, 10, 1), null, 6, true, 4),
        new("Hợp tác xã Du lịch cộng đồng Sin Suối Hồ", College, "5810103", new(2024, 4, 20), null, 10, true, 5, "Đón học viên thực tập hướng dẫn tại bản"),
        new("Công ty TNHH Du lịch Sìn Hồ Mây Trắng", College, "5810103", new(2025, 3, 1), null, 5, false, 2),
        new("Công ty TNHH Khách sạn Hoàng Liên Lai Châu", College, "6810201", new(2024, 9, 1), null, 8, true, 5),
        new("Công ty TNHH May mặc Lai Châu", College, "5540205", new(2023, 7, 1), null, 30, true, 25, "Cho mượn máy may công nghiệp"),
        new("Hợp tác xã Chăn nuôi Hồng Thu", College, "5640101", new(2024, 2, 1), null, 10, false, 2),
        new("Hợp tác xã Chăn nuôi lợn đen Mù Cả", College, "6640101", new(2023, 1, 1), new(2025, 12, 31), 6, false, null),
        new("Hợp tác xã Chè Tân Uyên", Centre("Tân Uyên"), "NN.01", new(2024, 3, 1), null, 40, true, 15, "Cho học viên thực hành trên đồi chè của hợp tác xã"),
        new("Hợp tác xã Chè Tân Uyên", Centre("Tân Uyên"), "NN.02", new(2024, 3, 1), null, 20, true, 10),
        new("Công ty Cổ phần Chè Mường Than", Centre("Than Uyên"), "NN.01", new(2025, 1, 15), null, 30, true, 20),
        new("Hợp tác xã Mắc ca Tam Đường", Centre("Tam Đường"), "NN.01", new(2024, 5, 1), null, 15, false, 5),
        new("Hợp tác xã Dệt thổ cẩm Sin Suối Hồ", Centre("Phong Thổ"), "PNN.02", new(2023, 11, 1), null, 10, true, 8, "Bao tiêu sản phẩm thổ cẩm của học viên"),
        new("Hợp tác xã Nuôi cá lồng Nậm Hàng", Centre("Nậm Nhùn"), "NN.07", new(2024, 6, 10), null, 12, true, 6),
        new("Hợp tác xã Dược liệu Sâm Lai Châu Mường Tè", Centre("Mường Tè"), "NN.09", new(2024, 8, 1), null, 15, true, 10, "Cung cấp cây giống sâm cho học viên"),
        new("Công ty TNHH May mặc Lai Châu", "Trung tâm Giáo dục nghề nghiệp Việt Tiến Lai Châu", "PNN.01", new(2025, 4, 1), null, 25, false, 30),
        new("Hộ kinh doanh Salon tóc Thu Hà", "Trung tâm Giáo dục nghề nghiệp Việt Tiến Lai Châu", "PNN.12", new(2025, 9, 1), null, 3, true, 1),
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var provinceId = context.Province.Id;
        var organisations = await db.Organisations
            .Where(o => o.ProvinceId == provinceId && (o.Kind == OrganisationKind.Enterprise || o.Kind == OrganisationKind.TrainingInstitution))
            .ToDictionaryAsync(o => o.Name, o => o.Id, cancellationToken);
        var occupations = await db.Occupations.Where(o => o.ProvinceId == provinceId).ToDictionaryAsync(o => o.Code, o => o.Id, cancellationToken);
        var number = 0;
        foreach (var seed in Agreements)
            db.Partnerships.Add(new Partnership
            {
                EnterpriseId = organisations[seed.Enterprise], InstitutionId = organisations[seed.Institution], OccupationId = occupations[seed.Occupation],
                AgreementNumber = $"{++number:D2}/{seed.StartsOn.Year}/TTLK", StartsOn = seed.StartsOn, EndsOn = seed.EndsOn,
                PracticePlaces = seed.PracticePlaces, ProvidesTrainers = seed.ProvidesTrainers, HiringCommitment = seed.HiringCommitment,
                OtherSupport = seed.OtherSupport,
            });
        await db.SaveChangesAsync(cancellationToken);
    }
}
