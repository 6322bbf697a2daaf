namespace DaoTaoNghe.Infrastructure.Text;

/// <summary>
/// Amounts in words, as accounting papers write them under the total ("Bằng chữ: …"): groups of
/// three digits read with "trăm / mươi", "linh" for a missing ten, "mốt", "tư" and "lăm" after
/// "mươi", and "không trăm" for a group that has a group before it, so that the words can be
/// read back to exactly one number.
/// </summary>
public static class NumberWords
{
    private static readonly string[] Digits = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];
    private static readonly string[] Scales = ["", "nghìn", "triệu", "tỷ"];

    /// <summary>"Mười ba triệu hai trăm nghìn đồng" for 13 200 000; "Không đồng" for 0.</summary>
    public static string Dong(long amount)
    {
        var words = Vietnamese(amount) + " đồng";
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    public static string Vietnamese(long number)
    {
        if (number == 0) return Digits[0];
        if (number < 0) return "âm " + Vietnamese(-number);

        var groups = new List<int>();
        for (var rest = number; rest > 0; rest /= 1000)
            groups.Add((int)(rest % 1000));

        var parts = new List<string>();
        for (var i = groups.Count - 1; i >= 0; i--)
        {
            if (groups[i] == 0) continue;
            parts.Add(Group(groups[i], full: i < groups.Count - 1));
            var scale = Scale(i);
            if (scale.Length > 0) parts.Add(scale);
        }
        return string.Join(' ', parts);
    }

    /// <summary>Beyond "tỷ" the scales repeat: a thousand tỷ is "nghìn tỷ", a million tỷ "triệu tỷ".</summary>
    private static string Scale(int group) => group < Scales.Length
        ? Scales[group]
        : (Scales[group % 3] + " " + string.Join(' ', Enumerable.Repeat("tỷ", group / 3))).Trim();

    private static string Group(int value, bool full)
    {
        int hundreds = value / 100, tens = value / 10 % 10, units = value % 10;
        var words = new List<string>();
        if (hundreds > 0 || full)
            words.Add(Digits[hundreds] + " trăm");
        if (tens == 0)
        {
            if (units > 0 && words.Count > 0) words.Add("linh");
        }
        else
            words.Add(tens == 1 ? "mười" : Digits[tens] + " mươi");
        if (units > 0)
            words.Add(units switch
            {
                1 when tens >= 2 => "mốt",
                4 when tens >= 2 => "tư",
                5 when tens >= 1 => "lăm",
                _ => Digits[units],
            });
        return string.Join(' ', words);
    }
}
