using DaoTaoNghe.Infrastructure.Errors;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace DaoTaoNghe.Infrastructure.Web;

/// <summary>
/// An upload endpoint takes multipart forms, which another site's page may post with the user's
/// sign-in cookie (only SameSite=Lax stands in the way). So a caller signed in by cookie must send the
/// antiforgery token of one of our pages (form field or "RequestVerificationToken" header); a
/// machine client holding an API key or bearer token has no cookie to be ridden and passes.
/// </summary>
public sealed class UploadCallers(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var scheme = http.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Ticket?.AuthenticationScheme;
        if (scheme == IdentityConstants.ApplicationScheme)
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                throw new ValidationFailedException("antiforgery",
                    "Tải tệp lên bằng phiên đăng nhập của trình duyệt cần mã chống giả mạo của trang (trường __RequestVerificationToken hoặc tiêu đề RequestVerificationToken). " +
                    "Phần mềm của đơn vị hãy gửi khóa API (Authorization: Bearer …).");
            }
        }
        return await next(context);
    }
}
