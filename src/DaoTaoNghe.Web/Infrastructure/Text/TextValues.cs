namespace DaoTaoNghe.Infrastructure.Text;

public static class TextValues
{
    /// <summary>Optional text as stored: trimmed, or null when blank.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
