using System.Diagnostics;
using DaoTaoNghe.Infrastructure.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoTaoNghe.Features.Errors;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public class Error : PageModel
{
    public int Status { get; private set; }
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";
    public string? RequestId { get; private set; }

    public void OnGet(int? code) => Describe(code);
    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        Status = code ?? (HttpContext.Response.StatusCode >= 400 ? HttpContext.Response.StatusCode : 500);
        Title = ProblemTitles.For(Status);
        // A conflict, a broken rule or a refusal with a reason carries the handler's Vietnamese reason ("… Đã kết
        // thúc: không thể điểm danh"); the person needs it to know what to do. Other errors reveal nothing more.
        var error = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        Message = error is ConflictException or ValidationFailedException or ForbiddenException { HasReason: true } ? error.Message : Status switch
        {
            403 => "Tài khoản của bạn không có quyền xem hoặc thực hiện thao tác này. Nếu cần quyền, hãy liên hệ quản trị hệ thống.",
            404 => "Trang hoặc dữ liệu bạn tìm không tồn tại, hoặc nằm ngoài phạm vi bạn được xem.",
            _ => ProblemTitles.DetailFor(Status),
        };
        if (Status >= 500) RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        HttpContext.Response.StatusCode = Status;
    }
}
