using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace DaoTaoNghe.Infrastructure.Errors;

public static class ProblemTitles
{
    public static string For(int status) => status switch
    {
        400 => "Dữ liệu không hợp lệ",
        401 => "Chưa đăng nhập",
        403 => "Không có quyền truy cập",
        404 => "Không tìm thấy",
        405 => "Phương thức không được hỗ trợ",
        409 => "Xung đột dữ liệu",
        413 => "Tệp quá lớn",
        415 => "Định dạng không được hỗ trợ",
        422 => "Yêu cầu không xử lý được",
        429 => "Quá nhiều yêu cầu",
        503 => "Dịch vụ tạm thời không sẵn sàng",
        _ => "Lỗi hệ thống",
    };

    public static string DetailFor(int status) => status switch
    {
        401 => "Bạn cần đăng nhập hoặc gửi khóa API hợp lệ.",
        403 => "Tài khoản của bạn không có quyền thực hiện thao tác này.",
        404 => "Không tìm thấy dữ liệu yêu cầu hoặc bạn không có quyền xem.",
        429 => "Bạn đã gửi quá nhiều yêu cầu, vui lòng thử lại sau ít phút.",
        500 => "Đã xảy ra lỗi không mong muốn. Vui lòng thử lại hoặc báo quản trị hệ thống.",
        _ => ProblemTitles.For(status),
    };
}

public static class RequestKinds
{
    /// <summary>The JSON API; the reference page at /api itself is a page (a signed-out reader is sent to sign in).</summary>
    public static bool IsApi(this HttpRequest request) =>
        request.Path.StartsWithSegments("/api/v1");
}

/// <summary>
/// Turns the application's exceptions into answers: ProblemDetails with Vietnamese title and detail
/// for the API; the status code for pages, which the error page then explains.
/// </summary>
public sealed class AppExceptionHandler(IProblemDetailsService problems, ILogger<AppExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>
    /// Refusals (400–429) are answers, not faults: logged here as information, one line without a stack
    /// trace, and the middleware's error diagnostics suppressed for them (see Program.cs). A fault an API
    /// answer handles is logged here as an error, since the middleware stays silent once a handler answered.
    /// </summary>
    public static bool SuppressDiagnostics(ExceptionHandlerSuppressDiagnosticsContext context) =>
        context.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService || StatusFor(context.Exception) < 500;

    public static int StatusFor(Exception exception) => exception switch
    {
        ValidationFailedException => StatusCodes.Status400BadRequest,
        NotFoundException => StatusCodes.Status404NotFound,
        ForbiddenException => StatusCodes.Status403Forbidden,
        ConflictException => StatusCodes.Status409Conflict,
        TooManyRequestsException => StatusCodes.Status429TooManyRequests,
        BadHttpRequestException bad => bad.StatusCode,
        _ => StatusCodes.Status500InternalServerError,
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // By now the middleware has pointed the request at the error page; the original path says whether it was an API call.
        var originalPath = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path;
        var isApi = originalPath.StartsWith("/api/", StringComparison.OrdinalIgnoreCase);
        if (isApi && exception is BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } bad)
            exception = BindingErrors.Explain(bad, context.Features.Get<IExceptionHandlerFeature>()?.Endpoint);
        var status = StatusFor(exception);
        if (status < 500)
            logger.LogInformation("{Method} {Path} refused with {Status}: {Reason}", context.Request.Method, originalPath, status, exception.Message);
        else if (isApi)
            logger.LogError(exception, "{Method} {Path} failed", context.Request.Method, originalPath);
        if (!isApi) return false;

        context.Response.StatusCode = status;
        var problem = new ProblemDetails
        {
            Status = status,
            Title = ProblemTitles.For(status),
            // The framework's own refusals (a body too large, a wrong content type) speak English: say the status instead.
            Detail = status == StatusCodes.Status500InternalServerError || exception is BadHttpRequestException
                ? ProblemTitles.DetailFor(status)
                : exception.Message,
        };
        if (exception is ValidationFailedException validation)
            problem.Extensions["errors"] = validation.Errors
                .GroupBy(e => e.Field)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }
}
