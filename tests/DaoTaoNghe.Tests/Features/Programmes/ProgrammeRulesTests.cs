using DaoTaoNghe.Features.Occupations;
using Details = DaoTaoNghe.Features.Programmes.Details;
using DaoTaoNghe.Features.Programmes;

namespace DaoTaoNghe.Tests.Features.Programmes;

public class ProgrammeRulesTests
{
    [Theory]
    [InlineData("https://www.youtube.com/watch?v=abc", true)]
    [InlineData("http://laichau.gov.vn/hoc-nghe", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("data:text/html,<script>alert(1)</script>", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("ftp://example.com/a.pdf", false)]
    [InlineData("www.example.com", false)]
    public void Links_must_be_web_addresses(string url, bool accepted) => MaterialFileRules.IsWebAddress(url).ShouldBe(accepted);

    private static Details.AccreditationRow Decision(AccreditationResult result, DateOnly decided, DateOnly? expires) =>
        new(0, result, decided, expires, "Trung tâm Kiểm định", null);

    [Fact]
    public void Accreditation_status_reads_the_decisions_on_the_date()
    {
        var decisions = new[]
        {
            Decision(AccreditationResult.Passed, new(2025, 3, 1), new(2030, 2, 28)),
            Decision(AccreditationResult.Failed, new(2024, 6, 1), null),
            Decision(AccreditationResult.Passed, new(2019, 1, 10), new(2024, 1, 9)),
        };

        Details.AccreditationStatusOn(decisions, new(2026, 5, 1)).ShouldBe(("Đạt tiêu chuẩn kiểm định, còn hiệu lực đến 28/02/2030", true));
        Details.AccreditationStatusOn(decisions, new(2024, 8, 1)).ShouldBe(("Không đạt (đánh giá ngày 01/06/2024)", false));
        Details.AccreditationStatusOn(decisions, new(2024, 3, 1)).ShouldBe(("Hết hiệu lực kiểm định từ 10/01/2024", false));
        Details.AccreditationStatusOn(decisions, new(2020, 3, 1)).Valid.ShouldBeTrue();
        Details.AccreditationStatusOn(decisions, new(2018, 3, 1)).ShouldBe(("Chưa kiểm định", false));
    }

    [Fact]
    public void Vocational_secondary_level_exists_from_2026_only()
    {
        TrainingLevel.VocationalSecondary.IsAvailableOn(new(2025, 12, 31)).ShouldBeFalse();
        TrainingLevel.VocationalSecondary.IsAvailableOn(new(2026, 1, 1)).ShouldBeTrue();
        TrainingLevel.Elementary.IsAvailableOn(new(2020, 1, 1)).ShouldBeTrue();
    }

    [Fact]
    public void Material_sizes_read_the_Vietnamese_way()
    {
        MaterialFileRules.Size(512).ShouldBe("1 KB");
        MaterialFileRules.Size(2_500_000).ShouldBe("2,4 MB");
    }
}
