using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Text;

namespace DaoTaoNghe.Features.Learners;

/// <summary>What the digits of a well-formed CCCD say about its holder.</summary>
public sealed record CccdInfo(string ProvinceCode, string ProvinceName, Sex Sex, int BirthYear);

/// <summary>
/// The result of checking a CCCD against the person as entered: an <see cref="Error"/> means the
/// number cannot be right; <see cref="Warnings"/> mean it disagrees with the entered sex or birth
/// year, which the user must look at and confirm, never silently corrected.
/// </summary>
public sealed record CccdCheck(string? Number, CccdInfo? Info, string? Error, IReadOnlyList<string> Warnings)
{
    public bool IsValid => Error is null;
}

/// <summary>
/// Rules of the 12-digit citizen ID (số định danh cá nhân, printed on the CCCD) from Thông tư
/// 07/2016/TT-BCA: digits 1–3 the province where the birth was registered, under the pre-2025
/// 63-province codes (ReferenceData/cccd_provinces_2016.csv); digit 4 the century and sex
/// (0/1 = 1900s male/female, 2/3 = 2000s, 4/5 = 2100s, 6/7 = 2200s, 8/9 = 2300s); digits 5–6
/// the last two digits of the birth year; digits 7–12 a random number.
/// </summary>
[AreaContract]
public static class Cccd
{
    public const int Length = 12;

    private static readonly Lazy<IReadOnlyDictionary<string, string>> ProvinceCodes = new(() =>
    {
        using var stream = typeof(Cccd).Assembly.GetManifestResourceStream("ReferenceData/cccd_provinces_2016.csv")
            ?? throw new InvalidOperationException("Reference data cccd_provinces_2016.csv is not embedded.");
        return CsvRows.Read(stream).Skip(1).ToDictionary(r => r.Fields[0].Trim(), r => r.Fields[1].Trim());
    });

    /// <summary>The 63 birth-registration province codes of Thông tư 07/2016/TT-BCA, code → name.</summary>
    public static IReadOnlyDictionary<string, string> Provinces => ProvinceCodes.Value;

    /// <summary>The digits as typed without the spaces, dots and dashes people put in; null when nothing was typed.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        return new string(input.Where(c => !char.IsWhiteSpace(c) && c is not '.' and not '-').ToArray());
    }

    /// <summary>Reads a well-formed number; null when it is not 12 digits with a known province and century.</summary>
    public static CccdInfo? Read(string? number, int currentYear)
    {
        if (number is not { Length: Length } || !number.All(char.IsAsciiDigit)) return null;
        if (!Provinces.TryGetValue(number[..3], out var province)) return null;
        var year = BirthYearOf(number);
        if (year > currentYear) return null;
        return new CccdInfo(number[..3], province, (number[3] - '0') % 2 == 0 ? Sex.Male : Sex.Female, year);
    }

    private static int BirthYearOf(string number) => 1900 + (number[3] - '0') / 2 * 100 + int.Parse(number.AsSpan(4, 2));

    public static CccdCheck Check(string? input, Sex? sex, DateOnly? birthDate, int currentYear)
    {
        var number = Normalize(input);
        if (number is null) return new CccdCheck(null, null, null, []);
        if (!number.All(char.IsAsciiDigit))
            return Fail(number, "Số CCCD chỉ được gồm các chữ số.");
        if (number.Length == 9)
            return Fail(number, "Số CCCD phải gồm đúng 12 chữ số; số chứng minh nhân dân 9 số cũ không dùng được.");
        if (number.Length != Length)
            return Fail(number, $"Số CCCD phải gồm đúng 12 chữ số (đã nhập {number.Length} chữ số).");
        if (!Provinces.ContainsKey(number[..3]))
            return Fail(number, $"Ba chữ số đầu của số CCCD ({number[..3]}) không phải mã tỉnh nơi đăng ký khai sinh theo Thông tư 07/2016/TT-BCA.");
        var info = Read(number, currentYear);
        if (info is null)
            return Fail(number, $"Chữ số thứ tư (thế kỷ, giới tính) và hai chữ số năm sinh của số CCCD cho năm sinh {BirthYearOf(number)}, sau năm {currentYear}: số không hợp lệ.");

        var warnings = new List<string>();
        if (sex is { } entered && entered != info.Sex)
            warnings.Add($"Số CCCD cho biết giới tính {SexName(info.Sex)}, khác giới tính đã nhập ({SexName(entered)}).");
        if (birthDate is { } born && born.Year != info.BirthYear)
            warnings.Add($"Số CCCD cho biết năm sinh {info.BirthYear}, khác năm sinh đã nhập ({born.Year}).");
        return new CccdCheck(number, info, null, warnings);
    }

    /// <summary>How many trailing digits a masked number keeps (see <see cref="Mask"/>).</summary>
    public const int MaskKeeps = 2;

    /// <summary>
    /// "012090001234" → "**********34": the last two digits only, enough to tell apart two records a
    /// list shows side by side. The first six digits are hidden although four of them could be
    /// derived (sex and birth year give digits 4–6, the birth province is usually the home province):
    /// what a mask shows must not narrow the guess beyond what the page already says, so only random
    /// digits are shown, and of the six random ones four stay hidden (10,000 guesses, each a rate-limited,
    /// audited lookup that a masked-view role cannot make at all).
    /// </summary>
    public static string? Mask(string? number) =>
        number is null ? null
        : number.Length <= MaskKeeps * 2 ? new string('*', number.Length)
        : new string('*', number.Length - MaskKeeps) + number[^MaskKeeps..];

    private static CccdCheck Fail(string number, string error) => new(number, null, error, []);

    private static string SexName(Sex sex) => sex == Sex.Male ? "Nam" : "Nữ";
}
