using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Learners;

namespace DaoTaoNghe.Tests.Features.Learners;

/// <summary>CCCD rules of Thông tư 07/2016/TT-BCA with numbers shaped like real ones (the last six digits are made up).</summary>
public class CccdTests
{
    private const int Year = 2026;

    [Theory]
    [InlineData("012090001234", "012", "Lai Châu", Sex.Male, 1990)]
    [InlineData("012195004321", "012", "Lai Châu", Sex.Female, 1995)]
    [InlineData("001301012345", "001", "Hà Nội", Sex.Female, 2001)]
    [InlineData("010208765432", "010", "Lào Cai", Sex.Male, 2008)]
    [InlineData("011170123456", "011", "Điện Biên", Sex.Female, 1970)]
    [InlineData("015085111222", "015", "Yên Bái", Sex.Male, 1985)]
    [InlineData("019310333444", "019", "Thái Nguyên", Sex.Female, 2010)]
    [InlineData("096099555666", "096", "Cà Mau", Sex.Male, 1999)]
    public void A_well_formed_number_tells_province_sex_and_birth_year(string number, string province, string provinceName, Sex sex, int birthYear)
    {
        var check = Cccd.Check(number, sex, new DateOnly(birthYear, 6, 1), Year);

        check.IsValid.ShouldBeTrue();
        check.Warnings.ShouldBeEmpty();
        check.Info.ShouldBe(new CccdInfo(province, provinceName, sex, birthYear));
    }

    [Fact]
    public void The_province_list_is_the_63_pre_2025_codes()
    {
        Cccd.Provinces.Count.ShouldBe(63);
        Cccd.Provinces["012"].ShouldBe("Lai Châu");
        Cccd.Provinces["014"].ShouldBe("Sơn La");
        Cccd.Provinces["046"].ShouldBe("Thừa Thiên Huế");
        Cccd.Provinces.ContainsKey("003").ShouldBeFalse();
        Cccd.Provinces.ContainsKey("013").ShouldBeFalse();
    }

    [Fact]
    public void Spaces_dots_and_dashes_are_ignored()
    {
        Cccd.Check(" 012 090.001-234 ", Sex.Male, new DateOnly(1990, 1, 1), Year).Number.ShouldBe("012090001234");
    }

    [Fact]
    public void No_number_is_neither_an_error_nor_a_warning()
    {
        var check = Cccd.Check("  ", Sex.Male, new DateOnly(1990, 1, 1), Year);

        check.IsValid.ShouldBeTrue();
        check.Number.ShouldBeNull();
        check.Warnings.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("123456789", "Số CCCD phải gồm đúng 12 chữ số; số chứng minh nhân dân 9 số cũ không dùng được.")]
    [InlineData("01209000123", "Số CCCD phải gồm đúng 12 chữ số (đã nhập 11 chữ số).")]
    [InlineData("0120900012345", "Số CCCD phải gồm đúng 12 chữ số (đã nhập 13 chữ số).")]
    [InlineData("01209000123A", "Số CCCD chỉ được gồm các chữ số.")]
    [InlineData("003090001234", "Ba chữ số đầu của số CCCD (003) không phải mã tỉnh nơi đăng ký khai sinh theo Thông tư 07/2016/TT-BCA.")]
    [InlineData("013090001234", "Ba chữ số đầu của số CCCD (013) không phải mã tỉnh nơi đăng ký khai sinh theo Thông tư 07/2016/TT-BCA.")]
    [InlineData("012406001234", "Chữ số thứ tư (thế kỷ, giới tính) và hai chữ số năm sinh của số CCCD cho năm sinh 2106, sau năm 2026: số không hợp lệ.")]
    [InlineData("012227001234", "Chữ số thứ tư (thế kỷ, giới tính) và hai chữ số năm sinh của số CCCD cho năm sinh 2027, sau năm 2026: số không hợp lệ.")]
    public void A_malformed_number_is_an_error(string number, string error)
    {
        var check = Cccd.Check(number, Sex.Male, new DateOnly(1990, 1, 1), Year);

        check.IsValid.ShouldBeFalse();
        check.Error.ShouldBe(error);
        check.Info.ShouldBeNull();
    }

    [Fact]
    public void A_different_sex_is_a_warning_not_an_error()
    {
        var check = Cccd.Check("012090001234", Sex.Female, new DateOnly(1990, 3, 4), Year);

        check.IsValid.ShouldBeTrue();
        check.Warnings.ShouldBe(["Số CCCD cho biết giới tính Nam, khác giới tính đã nhập (Nữ)."]);
    }

    [Fact]
    public void A_different_birth_year_is_a_warning_not_an_error()
    {
        var check = Cccd.Check("012195004321", Sex.Female, new DateOnly(1996, 1, 2), Year);

        check.IsValid.ShouldBeTrue();
        check.Warnings.ShouldBe(["Số CCCD cho biết năm sinh 1995, khác năm sinh đã nhập (1996)."]);
    }

    [Fact]
    public void The_century_digit_counts_for_the_year_and_both_disagreements_are_reported()
    {
        // Digit 1 = a woman born in the 1900s: "08" is 1908, not 2008.
        var check = Cccd.Check("012108123456", Sex.Male, new DateOnly(2008, 5, 5), Year);

        check.Warnings.ShouldBe([
            "Số CCCD cho biết giới tính Nữ, khác giới tính đã nhập (Nam).",
            "Số CCCD cho biết năm sinh 1908, khác năm sinh đã nhập (2008).",
        ]);
    }

    [Theory]
    [InlineData("012090001234", "**********34")]
    [InlineData(null, null)]
    public void Lists_show_the_last_two_digits_only(string? number, string? masked) =>
        Cccd.Mask(number).ShouldBe(masked);
}
