using System.Globalization;
using System.Text;

namespace DaoTaoNghe.Infrastructure.Text;

/// <summary>
/// Search keys that ignore Vietnamese diacritics and case: "Nguyễn Văn Đức" → "nguyen van duc".
/// Entities keep such a key beside the display text, so both databases match it with a plain LIKE.
/// </summary>
public static class TextSearch
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace) builder.Append(' ');
                lastWasSpace = true;
                continue;
            }
            lastWasSpace = false;
            builder.Append(c switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(c),
            });
        }
        return builder.ToString();
    }

    /// <summary>A LIKE pattern for "contains", with the LIKE wildcards in the user's text escaped.</summary>
    public static string ContainsPattern(string? text) =>
        "%" + Normalize(text).Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
