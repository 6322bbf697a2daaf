using DaoTaoNghe.Features.Courses;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoTaoNghe.Features.Certificates;

/// <summary>The certificate laid out for printing on A4 landscape, with the QR code of its verification page.</summary>
[Authorize(Policy = CoursePolicies.Read)]
public class Print(Details.Handler handler) : PageModel
{
    public Details.Result Data { get; private set; } = null!;
    public string VerifyUrl { get; private set; } = "";
    public string QrDataUri { get; private set; } = "";

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.HandleAsync(id, cancellationToken);
        VerifyUrl = CertificateQr.VerifyUrl(Request, Data.VerificationCode);
        QrDataUri = CertificateQr.DataUri(VerifyUrl);
    }
}
