using QRCoder;

namespace DaoTaoNghe.Features.Certificates;

/// <summary>The QR code printed on a certificate: the address of its public verification page, as PNG.</summary>
public static class CertificateQr
{
    public const string VerifyPath = "/xac-minh/";

    public static string VerifyUrl(HttpRequest request, string code) => $"{request.Scheme}://{request.Host}{VerifyPath}{code}";

    public static byte[] Png(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(6);
    }

    /// <summary>For an &lt;img&gt; on the printable page; the CSP allows data: images.</summary>
    public static string DataUri(string url) => "data:image/png;base64," + Convert.ToBase64String(Png(url));
}
