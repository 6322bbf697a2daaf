using System.Text;
using DaoTaoNghe.Features.Outreach;
using DaoTaoNghe.Infrastructure.Import;

namespace DaoTaoNghe.Tests.Unit;

public class ImportParsersTests
{
    private static ImportCell Text(string text) => new(text);

    private static ImportCell Number(double value, bool isDate = false) => new(value.ToString(System.Globalization.CultureInfo.InvariantCulture), value, isDate);

    [Theory]
    [InlineData("05/03/2026")]
    [InlineData("5/3/2026")]
    [InlineData("05-03-2026")]
    [InlineData("05.03.2026")]
    [InlineData("2026-03-05")]
    public void Dates_are_read_day_first_as_Vietnamese_write_them(string text) =>
        ImportParsers.Date.Parse(Text(text)).Value.ShouldBe(new DateOnly(2026, 3, 5));

    [Fact]
    public void Real_Excel_dates_are_read_and_plain_numbers_are_dates_only_in_a_plausible_range()
    {
        var serial = new DateTime(2026, 3, 5).ToOADate();
        ImportParsers.Date.Parse(Number(serial, isDate: true)).Value.ShouldBe(new DateOnly(2026, 3, 5));
        ImportParsers.Date.Parse(Number(serial)).Value.ShouldBe(new DateOnly(2026, 3, 5));
        ImportParsers.Date.Parse(Number(1990)).Error.ShouldBe("\"1990\" không phải ngày hợp lệ (dd/MM/yyyy).");
        ImportParsers.Date.Parse(Text("31/02/2026")).Error.ShouldBe("\"31/02/2026\" không phải ngày hợp lệ (dd/MM/yyyy).");
        ImportParsers.Date.Parse(Text("03/05/26")).Ok.ShouldBeFalse();
    }

    [Fact]
    public void Numbers_are_read_with_Vietnamese_separators()
    {
        ImportParsers.Integer.Parse(Text("1.250")).Value.ShouldBe(1250);
        ImportParsers.Integer.Parse(Text("1250")).Value.ShouldBe(1250);
        ImportParsers.Integer.Parse(Number(45)).Value.ShouldBe(45);
        ImportParsers.Integer.Parse(Number(2.5)).Error.ShouldBe("\"2.5\" không phải số nguyên.");
        ImportParsers.Integer.Parse(Text("2,5")).Ok.ShouldBeFalse();
        ImportParsers.Money.Parse(Text("2.500.000 đ")).Value.ShouldBe(2_500_000);
        ImportParsers.Money.Parse(Number(2_500_000)).Value.ShouldBe(2_500_000);
        ImportParsers.Decimal.Parse(Text("2,5")).Value.ShouldBe(2.5);
        ImportParsers.Decimal.Parse(Text("1.234,5")).Value.ShouldBe(1234.5);
    }

    [Theory]
    [InlineData("Loa truyền thanh xã")]
    [InlineData("loa truyen thanh xa")]
    [InlineData("  LOA TRUYỀN THANH XÃ ")]
    [InlineData("Loudspeaker")]
    [InlineData("2")]
    public void List_values_are_read_by_their_Vietnamese_name_code_or_number(string text) =>
        ImportParsers.Enum<OutreachChannel>().Parse(Text(text)).Value.ShouldBe(OutreachChannel.Loudspeaker);

    [Fact]
    public void An_unknown_list_value_names_the_allowed_ones()
    {
        var parser = ImportParsers.Enum<OutreachChannel>();
        parser.Parse(Text("Họp chợ")).Error!.ShouldStartWith("\"Họp chợ\" không có trong danh sách: Hội nghị, họp thôn bản; Loa truyền thanh xã;");
        parser.Choices!.Count.ShouldBe(8);
    }

    [Fact]
    public void Codes_and_phone_numbers_get_back_the_leading_zeros_Excel_dropped()
    {
        ImportParsers.Code(5).Parse(Number(3637)).Value.ShouldBe("03637");
        ImportParsers.Code(5).Parse(Text("03637")).Value.ShouldBe("03637");
        ImportParsers.Code(5).Parse(Text("3637a")).Error.ShouldBe("\"3637a\" không hợp lệ: phải gồm đúng 5 chữ số.");
        ImportParsers.Phone.Parse(Number(912345678)).Value.ShouldBe("0912345678");
        ImportParsers.Phone.Parse(Text("0912 345 678")).Value.ShouldBe("0912 345 678");
    }

    [Fact]
    public void Yes_no_and_text()
    {
        ImportParsers.YesNo.Parse(Text("Có")).Value.ShouldBeTrue();
        ImportParsers.YesNo.Parse(Text("x")).Value.ShouldBeTrue();
        ImportParsers.YesNo.Parse(Text("không")).Value.ShouldBeFalse();
        ImportParsers.YesNo.Parse(Text("có lẽ")).Ok.ShouldBeFalse();
        ImportParsers.Text(20).Parse(Text("Họp   bản\nNà Bó")).Value.ShouldBe("Họp bản Nà Bó");
        ImportParsers.Text(5).Parse(Text("Quá dài")).Error.ShouldBe("dài 7 ký tự, tối đa 5 ký tự.");
        ImportParsers.MultilineText(20).Parse(Text("hai\ndòng")).Value.ShouldBe("hai\ndòng");
    }

    [Fact]
    public void Pasted_text_is_normalised_to_NFC_without_invisible_characters()
    {
        var decomposed = "Nguyê\u0303n\u00A0Văn\u200B A\r\n".Normalize(NormalizationForm.FormD);

        ImportText.Clean(decomposed).ShouldBe("Nguyễn Văn A");
        ImportText.Clean("  plain  ").ShouldBe("plain");
    }
}
