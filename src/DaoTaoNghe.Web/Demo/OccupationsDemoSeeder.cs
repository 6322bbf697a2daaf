using DaoTaoNghe.Features.Occupations;

namespace DaoTaoNghe.Demo;

/// <summary>
/// Lai Châu's occupation catalogue for the demo: the trades rural short courses teach (local
/// codes NN.xx for agriculture, PNN.xx for the rest) and the intermediate and college
/// occupations the provincial college teaches, under codes of the shape of the national list.
/// </summary>
public sealed class OccupationsDemoSeeder : IDemoSeeder
{
    public int Order => 300;

    public string Title => "danh mục nghề";

    public static readonly (string Code, string Name, OccupationField Field, OccupationOrigin Origin)[] Catalogue =
    [
        ("NN.01", "Kỹ thuật trồng và chăm sóc chè", OccupationField.Agriculture, OccupationOrigin.Local),
        ("NN.02", "Chế biến chè xanh, chè Shan tuyết", OccupationField.Agriculture, OccupationOrigin.Local),
        ("NN.03", "Chăn nuôi lợn, gà", OccupationField.Agriculture, OccupationOrigin.Local),
        ("NN.04", "Chăn nuôi trâu, bò", OccupationField.Agriculture, OccupationOrigin.Local),
        ("NN.05", "Phòng và trị bệnh cho gia súc, gia cầm", OccupationField.Agriculture, OccupationOrigin.Local),
        ("NN.06", "Nuôi cá nước ngọt", OccupationField.Agriculture, OccupationOrigin.Local),
        ("NN.07", "Nuôi cá lồng trên hồ thủy điện", OccupationField.Agriculture, OccupationOrigin.Local),
        ("NN.08", "Trồng nấm ăn, nấm dược liệu", OccupationField.Agriculture, OccupationOrigin.Local),
        ("NN.09", "Trồng cây dược liệu dưới tán rừng (sâm Lai Châu, thảo quả)", OccupationField.Agriculture, OccupationOrigin.Local),
        ("NN.10", "Trồng và chăm sóc cây mắc ca", OccupationField.Agriculture, OccupationOrigin.Local),
        ("NN.11", "Trồng cây ăn quả", OccupationField.Agriculture, OccupationOrigin.Local),
        ("NN.12", "Trồng rau an toàn", OccupationField.Agriculture, OccupationOrigin.Local),
        ("NN.13", "Trồng lúa năng suất cao", OccupationField.Agriculture, OccupationOrigin.Local),
        ("NN.14", "Trồng rừng và bảo vệ rừng", OccupationField.Agriculture, OccupationOrigin.Local),
        ("NN.15", "Nuôi ong mật", OccupationField.Agriculture, OccupationOrigin.Local),
        ("PNN.01", "May dân dụng", OccupationField.NonAgriculture, OccupationOrigin.Local),
        ("PNN.02", "Dệt thổ cẩm", OccupationField.NonAgriculture, OccupationOrigin.Local),
        ("PNN.03", "Đan lát mây tre", OccupationField.NonAgriculture, OccupationOrigin.Local),
        ("PNN.04", "Hàn điện cơ bản", OccupationField.NonAgriculture, OccupationOrigin.Local),
        ("PNN.05", "Điện dân dụng", OccupationField.NonAgriculture, OccupationOrigin.Local),
        ("PNN.06", "Sửa chữa xe máy", OccupationField.NonAgriculture, OccupationOrigin.Local),
        ("PNN.07", "Sửa chữa máy nông nghiệp", OccupationField.NonAgriculture, OccupationOrigin.Local),
        ("PNN.08", "Nấu ăn phục vụ nhà hàng, homestay", OccupationField.NonAgriculture, OccupationOrigin.Local),
        ("PNN.09", "Dịch vụ du lịch cộng đồng, homestay", OccupationField.NonAgriculture, OccupationOrigin.Local),
        ("PNN.10", "Hướng dẫn du lịch tại điểm", OccupationField.NonAgriculture, OccupationOrigin.Local),
        ("PNN.11", "Kỹ thuật xây dựng (nề, hoàn thiện)", OccupationField.NonAgriculture, OccupationOrigin.Local),
        ("PNN.12", "Làm tóc, trang điểm", OccupationField.NonAgriculture, OccupationOrigin.Local),
        ("PNN.13", "Vận hành máy xúc, máy đào", OccupationField.NonAgriculture, OccupationOrigin.Local),
        ("PNN.14", "Kỹ năng số, tin học văn phòng", OccupationField.NonAgriculture, OccupationOrigin.Local),
        ("PNN.15", "Chế biến, bảo quản nông sản", OccupationField.NonAgriculture, OccupationOrigin.Local),
        ("PNN.16", "Mộc dân dụng", OccupationField.NonAgriculture, OccupationOrigin.Local),
        ("PNN.17", "Bán hàng trực tuyến", OccupationField.NonAgriculture, OccupationOrigin.Local),
        ("5520227", "Điện công nghiệp", OccupationField.NonAgriculture, OccupationOrigin.National),
        ("6520227", "Điện công nghiệp", OccupationField.NonAgriculture, OccupationOrigin.National),
        ("5520123", "Hàn", OccupationField.NonAgriculture, OccupationOrigin.National),
        ("5510216", "Công nghệ ô tô", OccupationField.NonAgriculture, OccupationOrigin.National),
        ("5810207", "Kỹ thuật chế biến món ăn", OccupationField.NonAgriculture, OccupationOrigin.National),
        ("6810207", "Kỹ thuật chế biến món ăn", OccupationField.NonAgriculture, OccupationOrigin.National),
        ("5810103", "Hướng dẫn du lịch", OccupationField.NonAgriculture, OccupationOrigin.National),
        ("6810201", "Quản trị khách sạn", OccupationField.NonAgriculture, OccupationOrigin.National),
        ("5540205", "May thời trang", OccupationField.NonAgriculture, OccupationOrigin.National),
        ("6480202", "Công nghệ thông tin (ứng dụng phần mềm)", OccupationField.NonAgriculture, OccupationOrigin.National),
        ("5640101", "Thú y", OccupationField.Agriculture, OccupationOrigin.National),
        ("6640101", "Thú y", OccupationField.Agriculture, OccupationOrigin.National),
        ("5620202", "Lâm sinh", OccupationField.Agriculture, OccupationOrigin.National),
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        foreach (var (code, name, field, origin) in Catalogue)
        {
            var occupation = new Occupation { ProvinceId = context.Province.Id, Field = field, Origin = origin };
            occupation.SetCodeAndName(code, name);
            context.Db.Occupations.Add(occupation);
        }
        await context.Db.SaveChangesAsync(cancellationToken);
    }
}
