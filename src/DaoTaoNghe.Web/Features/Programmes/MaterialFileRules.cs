using DaoTaoNghe.Infrastructure.Files;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Programmes;

/// <summary>
/// What a learning material may be: the file store's learning-material types, up to
/// Files:MaxMaterialMegabytes (default 50) – big enough for a lesson video, small enough for a commune link.
/// </summary>
public sealed class MaterialFileRules(IConfiguration configuration) : IHandler
{
    public const int DefaultMegabytes = 50;

    public int MaxMegabytes => Math.Max(1, configuration.GetValue<int?>("Files:MaxMaterialMegabytes") ?? DefaultMegabytes);

    public FileRules Rules => new((long)MaxMegabytes * 1024 * 1024, FileRules.LearningMaterials);

    /// <summary>The request a file of the limit arrives in, with room for the form around it.</summary>
    public long MaxRequestBytes => Rules.MaxBytes + 1024 * 1024;

    public static string AcceptedExtensions => string.Join(",", FileRules.LearningMaterials.Keys.Order());

    public static string Size(long? bytes) => bytes switch
    {
        null => "",
        < 1024 * 1024 => Math.Max(1, bytes.Value / 1024).ToString("#,##0", VietnameseFormat.Culture) + " KB",
        _ => (bytes.Value / 1024d / 1024d).ToString("#,##0.0", VietnameseFormat.Culture) + " MB",
    };

    /// <summary>An absolute http or https address; anything else (javascript:, data:, file:) is refused.</summary>
    public static bool IsWebAddress(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);
}
