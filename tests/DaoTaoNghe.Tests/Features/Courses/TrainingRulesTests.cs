using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Certificates;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Occupations;

namespace DaoTaoNghe.Tests.Features.Courses;

/// <summary>The pure rules: working age (Bộ luật Lao động 2019, Nghị định 135/2020/NĐ-CP) and certificate numbering and masking.</summary>
public class TrainingRulesTests
{
    [Theory]
    [InlineData(Sex.Male, 2020, 60 * 12)]
    [InlineData(Sex.Male, 2021, 60 * 12 + 3)]
    [InlineData(Sex.Male, 2024, 61 * 12)]
    [InlineData(Sex.Male, 2026, 61 * 12 + 6)]
    [InlineData(Sex.Male, 2028, 62 * 12)]
    [InlineData(Sex.Male, 2040, 62 * 12)]
    [InlineData(Sex.Female, 2020, 55 * 12)]
    [InlineData(Sex.Female, 2021, 55 * 12 + 4)]
    [InlineData(Sex.Female, 2026, 57 * 12)]
    [InlineData(Sex.Female, 2035, 60 * 12)]
    [InlineData(Sex.Female, 2040, 60 * 12)]
    public void The_retirement_age_rises_by_three_months_for_men_and_four_for_women_each_year(Sex sex, int year, int months) =>
        WorkingAge.RetirementMonths(sex, year).ShouldBe(months);

    [Fact]
    public void Fifteen_on_the_start_date_is_old_enough_a_day_less_is_not()
    {
        var start = new DateOnly(2026, 9, 7);
        WorkingAge.Refusal(new DateOnly(2011, 9, 7), Sex.Female, false, start).ShouldBeNull();
        WorkingAge.Refusal(new DateOnly(2011, 9, 8), Sex.Female, false, start)!.ShouldContain("chưa đủ 15 tuổi");
    }

    [Fact]
    public void Past_retirement_age_only_the_elderly_able_to_work_enrol()
    {
        var start = new DateOnly(2026, 9, 7);
        // A woman reaches 57 on her birthday in 2026: born 7/9/1969 she has reached it on the start date.
        WorkingAge.Refusal(new DateOnly(1969, 9, 8), Sex.Female, false, start).ShouldBeNull();
        WorkingAge.Refusal(new DateOnly(1969, 9, 7), Sex.Female, false, start)!.ShouldContain("nữ từ 57 tuổi năm 2026");
        WorkingAge.Refusal(new DateOnly(1969, 9, 7), Sex.Female, true, start).ShouldBeNull();
        WorkingAge.Refusal(new DateOnly(1965, 3, 7), Sex.Male, false, start)!.ShouldContain("nam từ 61 tuổi 6 tháng năm 2026");
        WorkingAge.Refusal(new DateOnly(1965, 3, 8), Sex.Male, false, start).ShouldBeNull();
    }

    [Theory]
    [InlineData("CĐ Lai Châu", "Trường Cao đẳng Lai Châu", "CĐLC")]
    [InlineData("TT GDNN Việt Tiến", "Trung tâm GDNN Việt Tiến Lai Châu", "TTGDNNVT")]
    [InlineData("TT GDNN-GDTX Tam Đường", "x", "TTGDNNGDTXTĐ")]
    [InlineData(null, "Cơ sở đào tạo nghề Công ty Cổ phần Chè Tam Đường", "CSĐTNCTCPCTĐ")]
    [InlineData("  ", "Trung tâm Đào tạo nghề Hồng Hà", "TTĐTNHH")]
    public void The_institution_code_abbreviates_its_short_name_as_institutions_do(string? shortName, string name, string code) =>
        CertificateNumbers.InstitutionCode(shortName, name).ShouldBe(code);

    [Fact]
    public void Numbers_are_code_year_and_four_digit_sequence()
    {
        CertificateNumbers.Format("CĐLC", 2026, 42).ShouldBe("CĐLC/2026/0042");
        CertificateNumbers.Format("CĐLC", 2026, 12345).ShouldBe("CĐLC/2026/12345");
    }

    [Fact]
    public void Verification_codes_are_random_unambiguous_and_read_back_whatever_the_case()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => CertificateNumbers.NewVerificationCode()).ToList();
        codes.Distinct().Count().ShouldBe(2000);
        codes.ShouldAllBe(c => c.Length == 12 && !c.Any(ch => "ILOU".Contains(ch)));
        CertificateNumbers.NormalizeCode(" " + codes[0].ToLowerInvariant() + " ").ShouldBe(codes[0]);
        CertificateNumbers.NormalizeCode(codes[0][..6] + "-" + codes[0][6..]).ShouldBe(codes[0]);
        CertificateNumbers.NormalizeCode("1").ShouldBeNull();
        CertificateNumbers.NormalizeCode("../../etc/pass").ShouldBeNull();
    }

    [Theory]
    [InlineData("Lò Thị Mai", "Lò Thị M***")]
    [InlineData("Giàng A Chứ", "Giàng A C***")]
    [InlineData("Nguyễn Văn Ánh", "Nguyễn Văn Á***")]
    [InlineData("Pờ", "P***")]
    public void The_public_page_masks_the_given_name(string name, string masked) => CertificateNumbers.MaskName(name).ShouldBe(masked);

    [Fact]
    public void Each_level_has_its_document_title()
    {
        CertificateNumbers.Title(TrainingLevel.Elementary).ShouldBe("CHỨNG CHỈ SƠ CẤP");
        CertificateNumbers.Title(TrainingLevel.ShortCourse).ShouldBe("CHỨNG CHỈ ĐÀO TẠO");
        CertificateNumbers.Title(TrainingLevel.Intermediate).ShouldBe("GIẤY CHỨNG NHẬN HOÀN THÀNH KHÓA HỌC");
    }
}
