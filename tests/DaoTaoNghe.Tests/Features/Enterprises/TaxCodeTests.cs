using DaoTaoNghe.Features.Enterprises;

namespace DaoTaoNghe.Tests.Features.Enterprises;

public class TaxCodeTests
{
    [Theory]
    [InlineData("0100109106")]
    [InlineData("0300588569")]
    [InlineData("0100112437")]
    [InlineData("0100109106-001")]
    [InlineData("0300588569-123")]
    [InlineData(" 0100 109 106 ")]
    public void Real_tax_codes_and_their_branches_are_valid(string code) => TaxCode.Problem(code).ShouldBeNull();

    [Fact]
    public void The_check_digit_follows_the_official_weights() =>
        TaxCode.CheckDigit("010010910").ShouldBe(6);

    [Theory]
    [InlineData("0100109107", "sai chữ số kiểm tra")]
    [InlineData("0300588560", "sai chữ số kiểm tra")]
    [InlineData("010010910", "phải gồm 10 chữ số")]
    [InlineData("01001091061", "phải gồm 10 chữ số")]
    [InlineData("0100109106-01", "phải gồm 10 chữ số")]
    [InlineData("0100109106/001", "phải gồm 10 chữ số")]
    [InlineData("01001O9106", "phải gồm 10 chữ số")]
    [InlineData("0100109106-000", "từ 001 đến 999")]
    [InlineData("", "Vui lòng nhập mã số thuế")]
    public void Wrong_codes_are_refused_with_the_reason(string code, string reason) =>
        TaxCode.Problem(code)!.ShouldContain(reason);

    [Fact]
    public void Nine_digits_whose_check_would_be_ten_have_no_valid_code()
    {
        TaxCode.CheckDigit("627043419").ShouldBe(-1);
        Enumerable.Range(0, 10).ShouldAllBe(digit => !TaxCode.IsValid("627043419" + digit));
    }
}
