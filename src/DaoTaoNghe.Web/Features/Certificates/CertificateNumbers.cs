using System.Security.Cryptography;
using System.Text;
using DaoTaoNghe.Features.Occupations;

namespace DaoTaoNghe.Features.Certificates;

/// <summary>How a certificate is numbered, coded and shown to the public.</summary>
public static class CertificateNumbers
{
    /// <summary>Crockford's base 32: no I, L, O, U, so a code read aloud or typed from paper is not mistaken.</summary>
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public const int CodeLength = 12;

    /// <summary>
    /// The institution's code in its numbers, from its short name as Vietnamese institutions abbreviate
    /// theirs: words written in capitals kept whole, other words by their initial ("CĐ Lai Châu" →
    /// "CĐLC", "TT GDNN Việt Tiến" → "TTGDNNVT"). Fixed into each number when it is issued.
    /// </summary>
    public static string InstitutionCode(string? shortName, string name)
    {
        var words = (string.IsNullOrWhiteSpace(shortName) ? name : shortName)
            .Split([' ', '-', '–', '.', ',', '(', ')', '/'], StringSplitOptions.RemoveEmptyEntries);
        var code = new StringBuilder();
        foreach (var word in words)
        {
            var letters = word.Where(char.IsLetterOrDigit).ToArray();
            if (letters.Length == 0) continue;
            if (letters.All(c => !char.IsLetter(c) || char.IsUpper(c))) code.Append(letters);
            else code.Append(char.ToUpperInvariant(letters[0]));
        }
        return code.Length == 0 ? "CS" : code.ToString();
    }

    public static string Format(string institutionCode, int year, int sequence) => $"{institutionCode}/{year}/{sequence:0000}";

    /// <summary>A random code of 60 bits: the sequential id and number are guessable, this is not.</summary>
    public static string NewVerificationCode()
    {
        Span<byte> bytes = stackalloc byte[CodeLength];
        RandomNumberGenerator.Fill(bytes);
        return Encode(bytes);
    }

    /// <summary>A code from random bytes, one character from each of the first <see cref="CodeLength"/> (5 bits each).</summary>
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[CodeLength];
        for (var i = 0; i < CodeLength; i++) chars[i] = Alphabet[bytes[i] & 31];
        return new string(chars);
    }

    /// <summary>A code as typed or scanned, in canonical form; null when it cannot be one.</summary>
    public static string? NormalizeCode(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        var code = input.Trim().ToUpperInvariant().Replace("-", "");
        return code.Length == CodeLength && code.All(c => Alphabet.Contains(c)) ? code : null;
    }

    /// <summary>"Lò Thị Mai" → "Lò Thị M***": enough to match the paper in hand, not enough to find the person.</summary>
    public static string MaskName(string fullName)
    {
        var words = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return "***";
        var last = words[^1];
        words[^1] = char.ToUpperInvariant(last[0]) + "***";
        return string.Join(' ', words);
    }

    /// <summary>What the document is called at each level (Thông tư 42/2015 and 43/2015/TT-BLĐTBXH for sơ cấp and short courses).</summary>
    public static string Title(TrainingLevel level) => level switch
    {
        TrainingLevel.Elementary => "CHỨNG CHỈ SƠ CẤP",
        TrainingLevel.ShortCourse => "CHỨNG CHỈ ĐÀO TẠO",
        _ => "GIẤY CHỨNG NHẬN HOÀN THÀNH KHÓA HỌC",
    };
}
