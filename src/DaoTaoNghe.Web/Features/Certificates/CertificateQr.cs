using QRCoder;

namespace DaoTaoNghe.Features.Certificates;

/// <summary>The QR code printed on a certificate: the address of its public verification page, as PNG.</summary>
public static class CertificateQr
{
    public const string VerifyPath = "/xac-minh/";

    /// <summary>
    /// A printed certificate outlives the address staff happened to use (an internal IP, a proxy's
    /// host), so the public address in PublicSite:BaseUrl wins; without it the request's own host is used.
    /// </summary>
    public static string VerifyUrl(HttpRequest request, string code)
    {
        var configured = request.HttpContext.RequestServices.GetRequiredService<IConfiguration>()["PublicSite:BaseUrl"];
        var baseUrl = string.IsNullOrWhiteSpace(configured) ? $"{request.Scheme}://{request.Host}" : configured.TrimEnd('/');
        return baseUrl + VerifyPath + code;
    }

    public static byte[] Png(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(6);
    }

    /// <summary>For an &lt;img&gt; on the printable page; the CSP allows data: images.</summary>
    public static string DataUri(string url) => "data:image/png;base64," + Convert.ToBase64String(Png(url));
}
