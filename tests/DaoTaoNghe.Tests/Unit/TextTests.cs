using System.Text;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Tests.Unit;

public class TextTests
{
    [Theory]
    [InlineData("Nguyễn Văn Đức", "nguyen van duc")]
    [InlineData("  LÒ   THỊ  Ơn ", "lo thi on")]
    [InlineData("Xã Sìn Hồ", "xa sin ho")]
    [InlineData("Giàng A Páo", "giang a pao")]
    [InlineData("", "")]
    public void Search_keys_ignore_diacritics_case_and_spacing(string text, string expected) =>
        TextSearch.Normalize(text).ShouldBe(expected);

    [Fact]
    public void A_decomposed_name_from_an_old_keyboard_gives_the_same_key() =>
        TextSearch.Normalize("Nguyễn".Normalize(NormalizationForm.FormD)).ShouldBe(TextSearch.Normalize("Nguyễn"));

    [Fact]
    public void Like_wildcards_typed_by_a_user_are_taken_literally() =>
        TextSearch.ContainsPattern("50%_a").ShouldBe("%50\\%\\_a%");

    [Theory]
    [InlineData("1.234.567", 1234567L)]
    [InlineData("1234567", 1234567L)]
    [InlineData("2.500.000 đ", 2500000L)]
    public void Money_is_read_as_Vietnamese_users_type_it(string text, long expected)
    {
        VietnameseFormat.TryParse(typeof(long), text, out var value).ShouldBeTrue();
        value.ShouldBe(expected);
    }

    [Fact]
    public void A_comma_is_the_decimal_separator()
    {
        VietnameseFormat.TryParse(typeof(decimal), "1,2", out var value).ShouldBeTrue();
        value.ShouldBe(1.2m);
    }

    [Theory]
    [InlineData("05/03/2026", 2026, 3, 5)]
    [InlineData("5/3/2026", 2026, 3, 5)]
    [InlineData("2026-03-05", 2026, 3, 5)]
    public void Dates_are_read_day_first_or_from_a_date_input(string text, int year, int month, int day)
    {
        VietnameseFormat.TryParseDate(text, out var date).ShouldBeTrue();
        date.ShouldBe(new DateOnly(year, month, day));
    }

    [Fact]
    public void An_impossible_date_is_not_read() => VietnameseFormat.TryParseDate("31/02/2026", out _).ShouldBeFalse();

    [Fact]
    public void Values_are_shown_the_Vietnamese_way()
    {
        Fmt.Money(2_500_000).ShouldBe("2.500.000 đ");
        Fmt.Number(1234567).ShouldBe("1.234.567");
        Fmt.Date(new DateOnly(2026, 3, 5)).ShouldBe("05/03/2026");
        Fmt.Percent(0.8).ShouldBe("80,0%");
        Fmt.DateTime(new DateTime(2026, 3, 4, 17, 30, 0, DateTimeKind.Utc)).ShouldBe("05/03/2026 00:30");
    }

    [Theory]
    [InlineData("AdministrativeUnits", "administrative_units")]
    [InlineData("RollUpUnitId", "roll_up_unit_id")]
    [InlineData("IPAddress", "ip_address")]
    [InlineData("Address2Line", "address2_line")]
    public void Names_become_snake_case(string name, string expected) => SnakeCaseNames.ToSnake(name).ShouldBe(expected);
}
