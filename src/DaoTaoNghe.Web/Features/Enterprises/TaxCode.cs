using System.Text.RegularExpressions;

namespace DaoTaoNghe.Features.Enterprises;

/// <summary>
/// Vietnamese tax codes (mã số thuế): ten digits whose tenth is a check digit over the first nine
/// (weights 31, 29, 23, 19, 17, 13, 7, 5, 3; check = 10 − sum mod 11, where 10 cannot occur),
/// optionally followed by "-" and a three-digit branch number 001–999.
/// </summary>
public static partial class TaxCode
{
    private static readonly int[] Weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];

    /// <summary>Removes spaces and dots people type, so "0100 109 106" and "0100109106" are the same code.</summary>
    public static string Normalize(string? text) => new((text ?? "").Where(c => !char.IsWhiteSpace(c) && c != '.').ToArray());

    /// <summary>Null when valid, otherwise why not, in Vietnamese.</summary>
    public static string? Problem(string? text)
    {
        var code = Normalize(text);
        if (code.Length == 0) return "Vui lòng nhập mã số thuế.";
        var match = Shape().Match(code);
        if (!match.Success) return $"Mã số thuế \"{code}\" phải gồm 10 chữ số, hoặc 10 chữ số, dấu \"-\" và 3 chữ số (đơn vị phụ thuộc, chi nhánh).";
        if (match.Groups[2].Success && match.Groups[2].Value == "000") return $"Mã số thuế \"{code}\": số đơn vị phụ thuộc phải từ 001 đến 999.";
        var check = CheckDigit(match.Groups[1].Value[..9]);
        return check == match.Groups[1].Value[9] - '0' ? null : $"Mã số thuế \"{code}\" không đúng (sai chữ số kiểm tra).";
    }

    public static bool IsValid(string? text) => Problem(text) is null;

    /// <summary>The tenth digit for nine leading digits, or -1 when no tenth digit can make them valid.</summary>
    public static int CheckDigit(string nineDigits)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++) sum += (nineDigits[i] - '0') * Weights[i];
        var check = 10 - sum % 11;
        return check == 10 ? -1 : check;
    }

    [GeneratedRegex(@"^(\d{10})(?:-(\d{3}))?$")]
    private static partial Regex Shape();
}
