using DaoTaoNghe.Features.Enterprises;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Demo;

/// <summary>
/// Enterprises and cooperatives across Lai Châu's communes – tea, macadamia, medicinal herbs,
/// fish farming on the hydropower lakes, brocade, garments, construction, hydropower, tourism –
/// each with a tax code whose check digit is right. The demo enterprise account's cooperative
/// (Hợp tác xã Chè Tân Uyên) gets its profile here.
/// </summary>
public sealed class EnterprisesDemoSeeder : IDemoSeeder
{
    public int Order => 320;

    public string Title => "doanh nghiệp";

    public sealed record Seed(string Name, string Commune, EnterpriseSector Sector, EnterpriseForm Form, EnterpriseSize Size, int Employees, string Activities);

    private const EnterpriseForm Ltd = EnterpriseForm.LimitedCompany, Jsc = EnterpriseForm.JointStock, Coop = EnterpriseForm.Cooperative;
    private const EnterpriseSize Micro = EnterpriseSize.Micro, Small = EnterpriseSize.Small, Medium = EnterpriseSize.Medium;

    public static readonly Seed[] Enterprises =
    [
        new("Hợp tác xã Chè Tân Uyên", "Xã Tân Uyên", EnterpriseSector.FoodProcessing, Coop, Small, 45, "Trồng, chế biến chè xanh, chè Ô long"),
        new("Công ty Cổ phần Chè Mường Than", "Xã Mường Than", EnterpriseSector.FoodProcessing, Jsc, Medium, 180, "Chế biến chè đen, chè xanh xuất khẩu"),
        new("Công ty TNHH Chè Shan tuyết Sìn Hồ", "Xã Sìn Hồ", EnterpriseSector.FoodProcessing, Ltd, Small, 40, "Thu mua, chế biến chè Shan tuyết cổ thụ"),
        new("Hợp tác xã Nông nghiệp Bản Bo", "Xã Bản Bo", EnterpriseSector.Agriculture, Coop, Micro, 12, "Trồng lúa, rau an toàn, chăn nuôi"),
        new("Hợp tác xã Mắc ca Tam Đường", "Xã Bình Lư", EnterpriseSector.Agriculture, Coop, Small, 25, "Trồng, chăm sóc, thu mua mắc ca"),
        new("Công ty Cổ phần Mắc ca Lai Châu", "Phường Tân Phong", EnterpriseSector.FoodProcessing, Jsc, Medium, 120, "Chế biến hạt mắc ca, dầu mắc ca"),
        new("Hợp tác xã Dược liệu Sâm Lai Châu Mường Tè", "Xã Mường Tè", EnterpriseSector.Agriculture, Coop, Small, 30, "Trồng sâm Lai Châu dưới tán rừng"),
        new("Công ty TNHH Dược liệu Tả Lèng", "Xã Tả Lèng", EnterpriseSector.FoodProcessing, Ltd, Small, 35, "Sơ chế, sấy dược liệu"),
        new("Hợp tác xã Thảo quả Thu Lũm", "Xã Thu Lũm", EnterpriseSector.Agriculture, Coop, Micro, 15, "Trồng, sấy thảo quả"),
        new("Hợp tác xã Nuôi cá lồng Nậm Hàng", "Xã Nậm Hàng", EnterpriseSector.Agriculture, Coop, Micro, 18, "Nuôi cá lồng lòng hồ thủy điện Lai Châu"),
        new("Hợp tác xã Thủy sản lòng hồ Pa Tần", "Xã Pa Tần", EnterpriseSector.Agriculture, Coop, Micro, 10, "Nuôi cá lăng, cá chiên trên hồ thủy điện"),
        new("Công ty TNHH Nấm Lai Châu", "Phường Đoàn Kết", EnterpriseSector.Agriculture, Ltd, Micro, 9, "Trồng nấm sò, nấm linh chi"),
        new("Hợp tác xã Dệt thổ cẩm Sin Suối Hồ", "Xã Sin Suối Hồ", EnterpriseSector.Garments, Coop, Micro, 20, "Dệt, thêu thổ cẩm người Mông"),
        new("Hợp tác xã Thổ cẩm người Lự Bình Lư", "Xã Bình Lư", EnterpriseSector.Garments, Coop, Micro, 16, "Dệt thổ cẩm, may trang phục người Lự"),
        new("Công ty TNHH May mặc Lai Châu", "Phường Tân Phong", EnterpriseSector.Garments, Ltd, Medium, 220, "May gia công quần áo xuất khẩu"),
        new("Công ty Cổ phần May Tân Uyên", "Xã Tân Uyên", EnterpriseSector.Garments, Jsc, Small, 90, "May đồng phục, bảo hộ lao động"),
        new("Công ty Cổ phần Xây dựng Lai Châu", "Phường Đoàn Kết", EnterpriseSector.Construction, Jsc, Medium, 150, "Xây dựng dân dụng, giao thông"),
        new("Công ty TNHH Xây dựng Phong Thổ", "Xã Phong Thổ", EnterpriseSector.Construction, Ltd, Small, 60, "Xây dựng dân dụng, thủy lợi"),
        new("Công ty TNHH Vật liệu xây dựng Than Uyên", "Xã Than Uyên", EnterpriseSector.Construction, Ltd, Small, 55, "Sản xuất gạch không nung, bê tông"),
        new("Công ty Cổ phần Đầu tư Xây dựng Sìn Hồ", "Xã Sìn Hồ", EnterpriseSector.Construction, Jsc, Small, 70, "Xây dựng công trình giao thông nông thôn"),
        new("Công ty Cổ phần Thủy điện Nậm Na", "Xã Khổng Lào", EnterpriseSector.Energy, Jsc, Medium, 80, "Sản xuất điện"),
        new("Công ty Cổ phần Thủy điện Nậm Mở", "Xã Nậm Tăm", EnterpriseSector.Energy, Jsc, Small, 45, "Sản xuất điện"),
        new("Công ty TNHH Thủy điện Mường Kim", "Xã Mường Kim", EnterpriseSector.Energy, Ltd, Small, 40, "Sản xuất điện"),
        new("Công ty Cổ phần Thủy điện Pa Tần", "Xã Pa Tần", EnterpriseSector.Energy, Jsc, Small, 35, "Sản xuất điện"),
        new("Chi nhánh Công ty TNHH Xây lắp điện Tây Bắc tại Lai Châu", "Phường Đoàn Kết", EnterpriseSector.Energy, EnterpriseForm.Branch, Small, 50, "Xây lắp đường dây, trạm biến áp"),
        new("Công ty TNHH Du lịch Sìn Hồ Mây Trắng", "Xã Sìn Hồ", EnterpriseSector.Tourism, Ltd, Micro, 12, "Lữ hành, homestay"),
        new("Hợp tác xã Du lịch cộng đồng Sin Suối Hồ", "Xã Sin Suối Hồ", EnterpriseSector.Tourism, Coop, Micro, 22, "Du lịch cộng đồng, homestay, ẩm thực"),
        new("Công ty TNHH Khách sạn Hoàng Liên Lai Châu", "Phường Tân Phong", EnterpriseSector.Tourism, Ltd, Small, 65, "Khách sạn, nhà hàng"),
        new("Hợp tác xã Du lịch cộng đồng Bản Vàng Pheo", "Xã Khổng Lào", EnterpriseSector.Tourism, Coop, Micro, 15, "Homestay, văn nghệ dân tộc Thái"),
        new("Công ty TNHH Dịch vụ Du lịch Pu Ta Leng", "Xã Tả Lèng", EnterpriseSector.Tourism, Ltd, Micro, 10, "Hướng dẫn leo núi, porter"),
        new("Công ty TNHH Nhà hàng Ẩm thực Tây Bắc", "Phường Tân Phong", EnterpriseSector.Tourism, Ltd, Micro, 18, "Nhà hàng món ăn dân tộc"),
        new("Công ty TNHH Sửa chữa ô tô, xe máy Hùng Cường", "Phường Đoàn Kết", EnterpriseSector.Mechanics, Ltd, Micro, 8, "Sửa chữa ô tô, xe máy"),
        new("Công ty TNHH Cơ khí Nông nghiệp Than Uyên", "Xã Than Uyên", EnterpriseSector.Mechanics, Ltd, Small, 25, "Sửa chữa máy nông nghiệp, gia công cơ khí"),
        new("Doanh nghiệp tư nhân Cơ khí Mường Tè", "Xã Mường Tè", EnterpriseSector.Mechanics, EnterpriseForm.SoleProprietorship, Micro, 6, "Gia công cơ khí, hàn"),
        new("Công ty Cổ phần Khoáng sản Lai Châu", "Xã Phong Thổ", EnterpriseSector.Mining, Jsc, Medium, 110, "Khai thác, chế biến khoáng sản"),
        new("Công ty TNHH Khai thác đá Tân Uyên", "Xã Mường Khoa", EnterpriseSector.Mining, Ltd, Small, 30, "Khai thác đá xây dựng"),
        new("Công ty TNHH Thương mại Dịch vụ Tân Phong", "Phường Tân Phong", EnterpriseSector.Trade, Ltd, Small, 28, "Bán buôn vật tư nông nghiệp"),
        new("Hợp tác xã Thương mại Nông sản Nậm Nhùn", "Xã Nậm Hàng", EnterpriseSector.Trade, Coop, Micro, 9, "Thu mua, tiêu thụ nông sản"),
        new("Công ty TNHH Vận tải Lai Châu", "Phường Đoàn Kết", EnterpriseSector.Transport, Ltd, Small, 40, "Vận tải hàng hóa đường bộ"),
        new("Công ty Cổ phần Xe khách Lai Châu", "Phường Tân Phong", EnterpriseSector.Transport, Jsc, Small, 75, "Vận tải hành khách"),
        new("Hợp tác xã Chăn nuôi Hồng Thu", "Xã Hồng Thu", EnterpriseSector.Agriculture, Coop, Micro, 14, "Chăn nuôi lợn, gà đồi"),
        new("Hợp tác xã Chăn nuôi lợn đen Mù Cả", "Xã Mù Cả", EnterpriseSector.Agriculture, Coop, Micro, 11, "Chăn nuôi lợn đen bản địa"),
        new("Hợp tác xã Lúa Séng Cù Mường Than", "Xã Mường Than", EnterpriseSector.Agriculture, Coop, Small, 30, "Sản xuất, tiêu thụ gạo Séng Cù"),
        new("Công ty TNHH Thực phẩm sạch Lai Châu", "Phường Đoàn Kết", EnterpriseSector.FoodProcessing, Ltd, Small, 35, "Chế biến thịt, rau an toàn"),
        new("Hợp tác xã Mây tre đan Nậm Tăm", "Xã Nậm Tăm", EnterpriseSector.Garments, Coop, Micro, 16, "Đan lát mây tre, đồ gia dụng"),
        new("Hộ kinh doanh Salon tóc Thu Hà", "Phường Tân Phong", EnterpriseSector.Services, EnterpriseForm.HouseholdBusiness, Micro, 3, "Cắt, uốn tóc, trang điểm"),
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var random = context.Random;
        var provinceId = context.Province.Id;
        var communes = await db.AdministrativeUnits
            .Where(u => u.ProvinceId == provinceId && u.Level == UnitLevel.Commune && u.ValidTo == null)
            .ToDictionaryAsync(u => u.Name, u => u.Id, cancellationToken);
        var existing = await db.Organisations.Where(o => o.ProvinceId == provinceId && o.Kind == OrganisationKind.Enterprise)
            .ToDictionaryAsync(o => o.Name, cancellationToken);
        var taxCodes = new HashSet<string>();

        foreach (var seed in Enterprises)
        {
            if (!existing.TryGetValue(seed.Name, out var organisation))
            {
                organisation = new Organisation
                {
                    Kind = OrganisationKind.Enterprise, UnitId = communes[seed.Commune], ProvinceId = provinceId,
                    Address = $"{seed.Commune}, tỉnh Lai Châu", Phone = DemoPeople.MobilePhone(random),
                };
                organisation.SetName(seed.Name);
                db.Organisations.Add(organisation);
            }
            var taxCode = NewTaxCode(random, taxCodes);
            db.EnterpriseProfiles.Add(new EnterpriseProfile
            {
                Organisation = organisation, ProvinceId = provinceId, Form = seed.Form, Sector = seed.Sector, Size = seed.Size,
                TaxCode = seed.Form == EnterpriseForm.Branch ? taxCode + "-001" : taxCode,
                Employees = seed.Employees, Representative = DemoPeople.Name(random), MainActivities = seed.Activities,
                FoundedOn = new DateOnly(2005 + random.Next(18), 1 + random.Next(12), 1 + random.Next(28)),
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A Lai Châu tax code (prefix 62) with a valid check digit, different from those already given out.</summary>
    private static string NewTaxCode(Random random, HashSet<string> taken)
    {
        while (true)
        {
            var nine = "62" + random.Next(0, 10_000_000).ToString("D7");
            var check = TaxCode.CheckDigit(nine);
            if (check < 0 || !taken.Add(nine + check)) continue;
            return nine + check;
        }
    }
}
