using System.Globalization;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Infrastructure.Import;

/// <summary>A cell read into a value, or why it could not be (without the column name: the column adds it).</summary>
public readonly record struct ImportParse<T>(T Value, string? Error)
{
    public bool Ok => Error is null;
}

public static class ImportParse
{
    public static ImportParse<T> Ok<T>(T value) => new(value, null);
    public static ImportParse<T> Fail<T>(string error) => new(default!, error);
}

/// <summary>How the template formats a column's cells: as text (so codes keep their leading zeros) or as numbers.</summary>
public enum ImportCellKind
{
    Text,
    Number,
}

/// <summary>Reads a non-empty cell into a <typeparamref name="T"/>; <see cref="Format"/> tells the user what to type.</summary>
public sealed class ImportParser<T>(string format, Func<ImportCell, ImportParse<T>> parse, ImportCellKind kind = ImportCellKind.Text, IReadOnlyList<string>? choices = null)
{
    public string Format { get; } = format;
    public ImportCellKind Kind { get; } = kind;

    /// <summary>The only values allowed, when the column is a fixed list (the template offers them as a drop-down).</summary>
    public IReadOnlyList<string>? Choices { get; } = choices;

    public ImportParse<T> Parse(ImportCell cell) => parse(cell);
}

/// <summary>
/// The cell readers templates share, with the forms' rules: dates dd/MM/yyyy or real Excel dates,
/// numbers the Vietnamese way (1.234.567; 2,5), list values by their Vietnamese name.
/// An empty cell never reaches a parser: the row keeps the property's default.
/// </summary>
public static class ImportParsers
{
    private static readonly CultureInfo Vi = VietnameseFormat.Culture;

    /// <summary>One line of text: inner runs of spaces and line breaks become one space.</summary>
    public static ImportParser<string?> Text(int maxLength) =>
        new($"Văn bản, tối đa {maxLength.ToString("N0", Vi)} ký tự", cell =>
        {
            var text = string.Join(' ', cell.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            return text.Length > maxLength
                ? ImportParse.Fail<string?>($"dài {text.Length.ToString("N0", Vi)} ký tự, tối đa {maxLength.ToString("N0", Vi)} ký tự.")
                : ImportParse.Ok<string?>(text);
        });

    /// <summary>Text that may span several lines (notes).</summary>
    public static ImportParser<string?> MultilineText(int maxLength) =>
        new($"Văn bản, tối đa {maxLength.ToString("N0", Vi)} ký tự", cell => cell.Text.Length > maxLength
            ? ImportParse.Fail<string?>($"dài {cell.Text.Length.ToString("N0", Vi)} ký tự, tối đa {maxLength.ToString("N0", Vi)} ký tự.")
            : ImportParse.Ok<string?>(cell.Text));

    /// <summary>
    /// A calendar date: a real Excel date, or text dd/MM/yyyy (also d/M/yyyy, dd-MM-yyyy, dd.MM.yyyy,
    /// yyyy-MM-dd). A plain number is taken as an Excel date only when it falls between 1920 and 2100,
    /// so a year or a count typed by mistake is not silently turned into a date.
    /// </summary>
    public static ImportParser<DateOnly?> Date { get; } = new("Ngày dd/MM/yyyy (vd 05/03/2026) hoặc ô ngày của Excel", cell =>
    {
        if (cell.Number is { } serial)
            return (cell.IsDate || (serial == Math.Floor(serial) && serial is >= 7306 and <= 73415)) && XlsxRows.TryToDate(serial, out var fromSerial)
                ? ImportParse.Ok<DateOnly?>(fromSerial)
                : ImportParse.Fail<DateOnly?>($"\"{cell.Text}\" không phải ngày hợp lệ (dd/MM/yyyy).");
        var text = cell.Text.Trim();
        if (text.Length is >= 8 and <= 10 && (text[^5] is '-' or '.') && text.Count(c => c == text[^5]) == 2)
            text = text.Replace(text[^5], '/');
        return VietnameseFormat.TryParseDate(text, out var date)
            ? ImportParse.Ok<DateOnly?>(date)
            : ImportParse.Fail<DateOnly?>($"\"{cell.Text}\" không phải ngày hợp lệ (dd/MM/yyyy).");
    });

    public static ImportParser<int?> Integer { get; } = new("Số nguyên (vd 1.250)", cell =>
    {
        if (cell.Number is { } number)
            return number == Math.Floor(number) && number is >= int.MinValue and <= int.MaxValue
                ? ImportParse.Ok<int?>((int)number)
                : ImportParse.Fail<int?>($"\"{cell.Text}\" không phải số nguyên.");
        return VietnameseFormat.TryParse(typeof(int), cell.Text, out var parsed)
            ? ImportParse.Ok((int?)parsed)
            : ImportParse.Fail<int?>($"\"{cell.Text}\" không phải số nguyên hợp lệ (viết 1.250 hoặc 1250).");
    }, ImportCellKind.Number);

    /// <summary>Whole đồng: "1.234.567", "1.234.567 đ" or a number cell.</summary>
    public static ImportParser<long?> Money { get; } = new("Số tiền bằng đồng, không có phần lẻ (vd 2.500.000)", cell =>
    {
        if (cell.Number is { } number)
            return number == Math.Floor(number) && Math.Abs(number) < 1e15
                ? ImportParse.Ok<long?>((long)number)
                : ImportParse.Fail<long?>($"\"{cell.Text}\" không phải số tiền hợp lệ (đồng, không có phần lẻ).");
        return VietnameseFormat.TryParse(typeof(long), cell.Text, out var parsed)
            ? ImportParse.Ok((long?)parsed)
            : ImportParse.Fail<long?>($"\"{cell.Text}\" không phải số tiền hợp lệ (viết 2.500.000).");
    }, ImportCellKind.Number);

    public static ImportParser<double?> Decimal { get; } = new("Số, phần lẻ sau dấu phẩy (vd 2,5)", cell =>
    {
        if (cell.Number is { } number) return ImportParse.Ok<double?>(number);
        return VietnameseFormat.TryParse(typeof(double), cell.Text, out var parsed)
            ? ImportParse.Ok((double?)parsed)
            : ImportParse.Fail<double?>($"\"{cell.Text}\" không phải số hợp lệ (viết 2,5 hoặc 1.234,5).");
    }, ImportCellKind.Number);

    /// <summary>"Có"/"Không" (also x, 1/0, TRUE/FALSE, đúng/sai).</summary>
    public static ImportParser<bool> YesNo { get; } = new("Có hoặc Không", cell =>
        TextSearch.Normalize(cell.Text) switch
        {
            "co" or "x" or "1" or "true" or "dung" or "yes" => ImportParse.Ok(true),
            "khong" or "0" or "false" or "sai" or "no" => ImportParse.Ok(false),
            _ => ImportParse.Fail<bool>($"\"{cell.Text}\" không hợp lệ: ghi Có hoặc Không."),
        }, choices: ["Có", "Không"]);

    /// <summary>
    /// A code of <paramref name="digits"/> digits. Excel drops leading zeros from codes typed into a
    /// number cell ("01234" becomes 1234): they are put back.
    /// </summary>
    public static ImportParser<string?> Code(int digits) =>
        new($"Mã gồm {digits} chữ số", cell =>
        {
            var text = cell.Text.Replace(" ", "");
            if (text.Length is > 0 && text.Length < digits && text.All(char.IsAsciiDigit)) text = text.PadLeft(digits, '0');
            return text.Length == digits && text.All(char.IsAsciiDigit)
                ? ImportParse.Ok<string?>(text)
                : ImportParse.Fail<string?>($"\"{cell.Text}\" không hợp lệ: phải gồm đúng {digits} chữ số.");
        });

    /// <summary>A phone number as written; one typed into a number cell lost its leading zero ("912345678"): it is put back.</summary>
    public static ImportParser<string?> Phone { get; } = new("Số điện thoại (vd 0912 345 678)", cell =>
    {
        var text = cell.Text;
        if (cell.Number is not null && text.Length is 9 or 10 && text.All(char.IsAsciiDigit) && !text.StartsWith('0')) text = "0" + text;
        return text.Length > 30 ? ImportParse.Fail<string?>("dài quá 30 ký tự.") : ImportParse.Ok<string?>(text);
    });

    /// <summary>
    /// A member of <typeparamref name="T"/> by its Vietnamese name (diacritics and case ignored), its code name or its number,
    /// or by one of the short forms people write (<paramref name="aliases"/>, given without diacritics: "thcs", "htx").
    /// </summary>
    public static ImportParser<T?> Enum<T>(params (string Alias, T Value)[] aliases) where T : struct, System.Enum
    {
        var members = System.Enum.GetValues<T>().Select(v => (Value: v, Name: Fmt.Enum(v))).ToList();
        var byKey = aliases.ToDictionary(a => TextSearch.Normalize(a.Alias), a => a.Value);
        foreach (var (value, name) in members)
        {
            byKey.TryAdd(TextSearch.Normalize(name), value);
            byKey.TryAdd(TextSearch.Normalize(value.ToString()), value);
            byKey.TryAdd(System.Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), value);
        }
        var names = members.Select(m => m.Name).ToList();
        return new ImportParser<T?>("Một giá trị trong danh sách", cell =>
            byKey.TryGetValue(TextSearch.Normalize(cell.Text), out var value)
                ? ImportParse.Ok<T?>(value)
                : ImportParse.Fail<T?>($"\"{cell.Text}\" không có trong danh sách: {string.Join("; ", names)}."), choices: names);
    }
}
