namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// Name patterns of Lai Châu's peoples and each commune's rough ethnic mix, for the demo: the
/// province is mostly H'Mông, Thái, Dao and Kinh, with Hà Nhì, La Hủ, Cống and Si La around
/// Mường Tè, Mảng and Cống around Nậm Nhùn, Lự around Sìn Hồ and Tam Đường, Giáy around Bình Lư,
/// Khơ Mú around Than Uyên. Plausible, not census figures.
/// </summary>
public static class LaiChauPeople
{
    public sealed record NamePattern(string[] Families, string[] MaleMiddles, string[] FemaleMiddles, string[] MaleGivens, string[] FemaleGivens);

    // Official ethnic-group codes (QĐ 1019/QĐ-TCTK).
    public const string Kinh = "01", Tay = "02", Thai = "03", Muong = "04", Hmong = "08", Dao = "09", KhoMu = "23", Giay = "26",
        HaNhi = "33", LaHu = "39", Lu = "42", Mang = "46", Cong = "49", SiLa = "50";

    private static readonly string[] KinhMale = ["Hùng", "Dũng", "Tuấn", "Minh", "Nam", "Sơn", "Hải", "Long", "Thắng", "Trung", "Cường", "Phong", "Đạt", "Quân", "Huy", "Khánh", "Tùng", "Hiếu"];
    private static readonly string[] KinhFemale = ["Hương", "Lan", "Mai", "Hoa", "Hằng", "Thảo", "Trang", "Linh", "Nga", "Huyền", "Yến", "Thủy", "Hà", "Phương", "Nhung", "Loan", "Vân"];
    private static readonly string[] ThaiMale = ["Xôm", "Thanh", "Ngọc", "Duẩn", "Biên", "Khánh", "Pánh", "Ươn", "Phanh", "Tiến", "Sơn", "Hoan", "Doãn", "Chung", "Panh", "Inh", "Lả", "Thoại"];
    private static readonly string[] ThaiFemale = ["Ún", "Xuân", "Phượng", "Hiên", "Bun", "Ngân", "Hoa", "Lả", "Thương", "Pọm", "Inh", "Dung", "Thoa", "Liên", "Mai", "Khăm", "Ương", "Biên"];

    public static readonly IReadOnlyDictionary<string, NamePattern> Names = new Dictionary<string, NamePattern>
    {
        [Kinh] = new(["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô", "Dương", "Đinh", "Phan"],
            ["Văn", "Đức", "Minh", "Quang", "Hữu", "Văn"], ["Thị", "Thu", "Ngọc", "Thanh", "Thị"], KinhMale, KinhFemale),
        [Thai] = new(["Lò", "Lường", "Tòng", "Điêu", "Cầm", "Hoàng", "Vì", "Quàng", "Lù", "Bạc"], ["Văn"], ["Thị"], ThaiMale, ThaiFemale),
        [Hmong] = new(["Giàng", "Vàng", "Sùng", "Thào", "Lý", "Hạng", "Mùa", "Lầu", "Vừ", "Sình", "Cứ", "Tráng"], ["A", "A", "A", "Văn"], ["Thị"],
            ["Sử", "Páo", "Chư", "Dế", "Lử", "Sinh", "Tủa", "Chá", "Vừ", "Chứ", "Pó", "Dơ", "Khua", "Thề", "Phừ", "Lềnh", "Di", "Sào"],
            ["Mỷ", "Dợ", "Súa", "Say", "Dúa", "Chà", "Ca", "Mai", "Sua", "Dia", "Pàng", "Dung", "Xá", "Chứ", "Mảy", "Lia"]),
        [Dao] = new(["Tẩn", "Chảo", "Lý", "Phàn", "Đặng", "Triệu", "Bàn"], ["Láo", "Văn", "Láo", "Sành"], ["Mẩy", "Thị", "Thị"],
            ["Lở", "Sài", "Chản", "Phù", "Quẩy", "Chiêu", "Xoang", "Sinh", "Pao", "Kiềm", "Vảng", "Dín", "Tả"],
            ["Chiêm", "Mẩy", "Slai", "Sử", "Ton", "Chài", "Siểu", "Xuân", "Phấy", "Mây", "Pham", "Ton"]),
        [HaNhi] = new(["Lỳ", "Pờ", "Chu", "Phu", "Lò", "Ly", "Sừ", "Hù"], ["Gò", "Xá", "A", "Văn"], ["Mỳ", "Thị", "Lé"],
            ["Xá", "Po", "Chừ", "Phà", "Sơ", "Cà", "Gô", "Pó", "Ma", "Dơ", "Hừ"], ["Chà", "Mé", "Xé", "Lé", "Cừ", "Gơ", "Pư", "Mơ", "Xạ"]),
        [Giay] = new(["Hoàng", "Lò", "Vàng", "Lù", "Sần", "Hà", "Lương"], ["Văn"], ["Thị"],
            ["Chiến", "Thái", "Sang", "Dìn", "Quyết", "Pao", "Sìn", "Hòa", "Lâm"], ["Dung", "Lan", "Mai", "Sua", "Sinh", "Phin", "Thúy", "Lìn"]),
        [Lu] = new(["Lò", "Tao", "Chiêu", "Lý", "Lường", "Vàng"], ["Văn"], ["Thị"],
            ["Thanh", "Ca", "Phanh", "Khăm", "Pấng", "Inh", "Xiêng"], ["Ún", "Phiêng", "Pọm", "Ngân", "Xiêng", "Bua"]),
        [Mang] = new(["Lò", "Chìn", "Tao", "Lùng", "Pạ"], ["Văn"], ["Thị"],
            ["Chứ", "Ố", "Dủa", "Vảng", "Sính", "Pơ", "Hênh"], ["Xua", "Ê", "Pa", "Dánh", "Xé", "Thoa"]),
        [LaHu] = new(["Lò", "Chà", "Pờ", "Lỳ", "Vàng", "Lù"], ["Gạ", "Na", "Văn"], ["Thị", "Na"],
            ["Cường", "Pơ", "Xà", "Phì", "Chừ", "Hù", "Gơ"], ["Nu", "Mì", "Xé", "Cà", "Lỳ", "Pa"]),
        [KhoMu] = new(["Lò", "Quàng", "Vì", "Lường", "Cầm"], ["Văn"], ["Thị"], ThaiMale, ThaiFemale),
        [Cong] = new(["Chang", "Lò", "Pờ", "Hờ"], ["Văn"], ["Thị"], ["Ình", "Xá", "Hừ", "Cà", "Phù", "Lé"], ["Xé", "Lìn", "Pờ", "Mé", "Cừ"]),
        [SiLa] = new(["Pờ", "Hù", "Lò", "Vàng", "Lý"], ["Văn", "Dần"], ["Thị"], ["Ca", "Xá", "Pợ", "Xe", "Chừ"], ["Mé", "Xí", "Pa", "Lu", "Cơ"]),
        [Tay] = new(["Hoàng", "Nông", "Lương", "Hà", "Ma"], ["Văn"], ["Thị"], KinhMale, KinhFemale),
        [Muong] = new(["Đinh", "Bùi", "Hà", "Quách"], ["Văn"], ["Thị"], KinhMale, KinhFemale),
    };

    private static readonly (string, int)[] Mountain = [(Hmong, 40), (Thai, 25), (Dao, 15), (Kinh, 10), (Giay, 3), (HaNhi, 2), (Lu, 1), (KhoMu, 1), (Tay, 2), (Muong, 1)];
    private static readonly (string, int)[] Town = [(Kinh, 60), (Thai, 12), (Hmong, 10), (Giay, 6), (Dao, 6), (Tay, 3), (Muong, 3)];
    private static readonly (string, int)[] ThanUyen = [(Thai, 55), (Kinh, 15), (Hmong, 15), (KhoMu, 8), (Dao, 3), (Giay, 2), (Muong, 2)];
    private static readonly (string, int)[] TanUyen = [(Thai, 45), (Hmong, 20), (Kinh, 15), (Dao, 8), (KhoMu, 5), (Giay, 3), (Lu, 2), (Tay, 2)];
    private static readonly (string, int)[] SinHo = [(Hmong, 45), (Dao, 20), (Thai, 15), (Lu, 8), (Kinh, 8), (HaNhi, 2), (Giay, 2)];
    private static readonly (string, int)[] NamNhun = [(Thai, 40), (Hmong, 20), (Mang, 10), (Kinh, 10), (Cong, 8), (Dao, 5), (HaNhi, 4), (KhoMu, 3)];

    /// <summary>Ethnic mix (official code, weight) of each of today's 38 communes and wards.</summary>
    public static IReadOnlyList<(string Code, int Weight)> MixOf(string commune) => commune switch
    {
        "Phường Tân Phong" or "Phường Đoàn Kết" => Town,
        "Xã Than Uyên" or "Xã Mường Than" or "Xã Mường Kim" => ThanUyen,
        "Xã Khoen On" => [(Thai, 60), (KhoMu, 15), (Hmong, 15), (Kinh, 5), (Dao, 5)],
        "Xã Tân Uyên" or "Xã Mường Khoa" or "Xã Pắc Ta" or "Xã Nậm Sỏ" => TanUyen,
        "Xã Bình Lư" => [(Hmong, 25), (Giay, 20), (Thai, 20), (Dao, 15), (Kinh, 15), (Lu, 5)],
        "Xã Bản Bo" => [(Thai, 30), (Dao, 25), (Hmong, 25), (Lu, 10), (Kinh, 10)],
        "Xã Khun Há" => [(Hmong, 70), (Dao, 15), (Thai, 10), (Kinh, 5)],
        "Xã Tả Lèng" => [(Hmong, 50), (Dao, 35), (Kinh, 10), (Giay, 5)],
        "Xã Sin Suối Hồ" => [(Hmong, 70), (Dao, 20), (Giay, 5), (Kinh, 5)],
        "Xã Phong Thổ" => [(Dao, 30), (Thai, 25), (Hmong, 15), (Kinh, 12), (Giay, 10), (HaNhi, 5), (Lu, 3)],
        "Xã Sì Lở Lầu" => [(Hmong, 40), (Dao, 30), (HaNhi, 20), (Giay, 10)],
        "Xã Dào San" => [(Hmong, 55), (Dao, 25), (HaNhi, 10), (Giay, 10)],
        "Xã Khổng Lào" => [(Thai, 40), (Dao, 25), (Giay, 15), (Kinh, 10), (Hmong, 10)],
        "Xã Tủa Sín Chải" => [(Hmong, 75), (Dao, 15), (Thai, 5), (Kinh, 5)],
        "Xã Nậm Tăm" => [(Thai, 30), (Hmong, 25), (Lu, 20), (Dao, 15), (Kinh, 10)],
        "Xã Sìn Hồ" or "Xã Hồng Thu" or "Xã Pu Sam Cáp" or "Xã Nậm Cuổi" or "Xã Nậm Mạ" => SinHo,
        "Xã Lê Lợi" or "Xã Nậm Hàng" or "Xã Mường Mô" => NamNhun,
        "Xã Hua Bum" => [(Hmong, 60), (Dao, 20), (LaHu, 10), (Thai, 10)],
        "Xã Pa Tần" => [(Hmong, 60), (Dao, 20), (HaNhi, 10), (Thai, 10)],
        "Xã Mường Tè" => [(Thai, 30), (HaNhi, 20), (Kinh, 15), (Hmong, 10), (Cong, 8), (LaHu, 8), (Lu, 5), (SiLa, 4)],
        "Xã Bum Nưa" => [(Thai, 35), (HaNhi, 20), (SiLa, 10), (Kinh, 10), (LaHu, 10), (Hmong, 10), (Cong, 5)],
        "Xã Bum Tở" => [(LaHu, 35), (HaNhi, 25), (Hmong, 20), (Thai, 10), (Cong, 5), (Kinh, 5)],
        "Xã Thu Lũm" => [(HaNhi, 70), (LaHu, 20), (Hmong, 10)],
        "Xã Pa Ủ" => [(LaHu, 85), (HaNhi, 10), (Hmong, 5)],
        "Xã Tà Tổng" => [(Hmong, 55), (LaHu, 25), (HaNhi, 10), (Dao, 10)],
        "Xã Mù Cả" => [(HaNhi, 80), (LaHu, 10), (Hmong, 10)],
        _ => Mountain,
    };

    /// <summary>Communes on the Lai Châu and Sơn La reservoirs of the Đà river, where fishers live.</summary>
    public static readonly IReadOnlySet<string> ReservoirCommunes = new HashSet<string>
    {
        "Xã Lê Lợi", "Xã Nậm Hàng", "Xã Mường Mô", "Xã Mường Tè", "Xã Bum Nưa", "Xã Pa Tần", "Xã Nậm Mạ",
    };

    public static readonly string[] HamletFirst =
        ["Nà", "Hua", "Pá", "Nậm", "Phiêng", "Sin", "Lùng", "Tả", "Huổi", "Cốc", "Co", "Pa", "Mường", "Thèn", "Sì", "Chu", "Xà", "Séo", "Ma", "Phìn"];

    public static readonly string[] HamletSecond =
        ["Bó", "Cưởng", "Khoang", "Pầu", "Lò", "Xá", "Hồ", "Lẻ", "Pho", "Chải", "Lềnh", "Sài", "Lanh", "Phình", "Cuổi", "Lay", "Mỏ", "Tở", "Ủ", "Ngà", "Sảng", "Ún"];

    public static readonly string[] PhonePrefixes =
        ["096", "097", "098", "086", "032", "033", "034", "035", "036", "037", "038", "039", "091", "094", "088", "081", "082", "083", "084", "085", "070", "076", "077", "078", "079", "056", "058"];
}
