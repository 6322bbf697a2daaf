namespace DaoTaoNghe.Infrastructure.Federation;

/// <summary>Which tier an instance serves (docs/federation.md).</summary>
public enum TierMode
{
    /// <summary>A province's own instance: its users write its records, which it publishes.</summary>
    Province,

    /// <summary>The ministry's instance: subscribes to every province and only reads their records.</summary>
    National,
}

/// <summary><c>Tier:Mode</c> = Province (the default) or National.</summary>
public sealed record TierSettings(TierMode Mode)
{
    public bool IsNational => Mode == TierMode.National;

    public static TierSettings From(IConfiguration configuration)
    {
        var name = configuration["Tier:Mode"] ?? nameof(TierMode.Province);
        return Enum.TryParse<TierMode>(name, ignoreCase: true, out var mode) && Enum.IsDefined(mode)
            ? new TierSettings(mode)
            : throw new InvalidOperationException(
                $"Tier:Mode = '{name}' không hợp lệ; dùng Province hoặc National. (Tier:Mode must be Province or National.)");
    }
}

/// <summary>Who may sign in where: national roles on the national tier, province roles on a province's.</summary>
public static class TierAccounts
{
    public const string ProvinceAccountOnNational =
        "Tài khoản của tỉnh không đăng nhập được vào hệ thống cấp quốc gia. Vui lòng dùng hệ thống của tỉnh.";

    public const string NationalAccountOnProvince =
        "Tài khoản cấp quốc gia chỉ đăng nhập được vào hệ thống cấp quốc gia.";

    /// <summary>Why the account may not sign in to this tier, or null when it may.</summary>
    public static string? Refusal(TierSettings tier, IEnumerable<string> roles)
    {
        var national = roles.Any(r => Auth.Roles.National.Contains(r));
        if (tier.IsNational && !national) return ProvinceAccountOnNational;
        if (!tier.IsNational && national) return NationalAccountOnProvince;
        return null;
    }
}
