namespace DaoTaoNghe.Demo;

/// <summary>Names of the kind Lai Châu's people carry (Kinh, Thái, Mông, Dao, Hà Nhì, Giáy, Lự), for the registries' demo data.</summary>
public static class DemoPeople
{
    private static readonly string[] Surnames =
        ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đỗ", "Vũ", "Lò", "Tòng", "Lường", "Điêu", "Giàng", "Vàng", "Sùng", "Thào", "Tẩn", "Chảo", "Phàn", "Lý", "Pờ", "Lù", "Tao"];

    private static readonly string[] MaleNames =
        ["Văn Hùng", "Văn Thắng", "A Sử", "A Chứ", "Văn Minh", "Đức Anh", "Văn Tiến", "Seo Phìn", "Văn Lả", "Quang Huy", "Văn Páo", "Xuân Trường", "A Pao", "Văn Biên"];

    private static readonly string[] FemaleNames =
        ["Thị Mai", "Thị Hoa", "Thị Lan", "Thị Dung", "Thị Ly", "Thị Pằng", "Thị Sua", "Thị Xuân", "Thị Hương", "Thị Hạnh", "Thị Mỷ", "Thị Dín", "Thị Thu", "Thị Ngọc"];

    public static string Name(Random random) =>
        Surnames[random.Next(Surnames.Length)] + " " + (random.Next(2) == 0 ? MaleNames[random.Next(MaleNames.Length)] : FemaleNames[random.Next(FemaleNames.Length)]);

    public static string MobilePhone(Random random) => $"09{random.Next(10, 99)} {random.Next(100, 999)} {random.Next(100, 999)}";
}
