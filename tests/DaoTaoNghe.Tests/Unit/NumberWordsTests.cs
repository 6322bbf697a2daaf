using DaoTaoNghe.Infrastructure.Text;

namespace DaoTaoNghe.Tests.Unit;

public class NumberWordsTests
{
    [Theory]
    [InlineData(0, "Không đồng")]
    [InlineData(6_320_000, "Sáu triệu ba trăm hai mươi nghìn đồng")]
    [InlineData(13_200_000, "Mười ba triệu hai trăm nghìn đồng")]
    [InlineData(8_100_000, "Tám triệu một trăm nghìn đồng")]
    [InlineData(1_005_000, "Một triệu không trăm linh năm nghìn đồng")]
    [InlineData(1_000_001, "Một triệu không trăm linh một đồng")]
    [InlineData(2_015_400_000, "Hai tỷ không trăm mười lăm triệu bốn trăm nghìn đồng")]
    [InlineData(30_000, "Ba mươi nghìn đồng")]
    [InlineData(121_000, "Một trăm hai mươi mốt nghìn đồng")]
    [InlineData(1_234_000_000_000, "Một nghìn tỷ hai trăm ba mươi tư tỷ đồng")]
    public void Amounts_read_as_accounting_papers_write_them(long amount, string words) =>
        NumberWords.Dong(amount).ShouldBe(words);

    [Theory]
    [InlineData(11, "mười một")]
    [InlineData(14, "mười bốn")]
    [InlineData(15, "mười lăm")]
    [InlineData(21, "hai mươi mốt")]
    [InlineData(24, "hai mươi tư")]
    [InlineData(25, "hai mươi lăm")]
    [InlineData(105, "một trăm linh năm")]
    [InlineData(110, "một trăm mười")]
    [InlineData(1_000_000_000, "một tỷ")]
    public void Tens_and_units_take_their_spoken_forms(long number, string words) =>
        NumberWords.Vietnamese(number).ShouldBe(words);
}
