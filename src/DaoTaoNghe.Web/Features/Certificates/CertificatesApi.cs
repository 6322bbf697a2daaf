using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Certificates;

/// <summary>Certificates under /api/v1/certificates, scoped like their enrolments; verification by code is public.</summary>
public sealed class CertificatesApi : IEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/certificates").WithTags("Chứng chỉ");
        var readers = CoursePolicies.Read;
        var keepers = CoursePolicies.Keep;

        group.MapGet("/verify/{code}", async (string code, Verify.Handler handler, CancellationToken cancellationToken) =>
                await handler.HandleAsync(code, cancellationToken) ?? throw new NotFoundException("Không tìm thấy chứng chỉ có mã xác minh này."))
            .AllowAnonymous()
            .WithSummary("Xác minh công khai (không cần đăng nhập): họ tên che một phần, nghề, trình độ, ngày cấp, cơ sở, còn hiệu lực hay đã thu hồi.");
        group.MapGet("", async ([AsParameters] Index.Query query, Index.Handler handler, AuditTrail audit, CancellationToken cancellationToken) =>
                await audit.ListedAsync(await handler.Rows(query).ToPagedListAsync(query, cancellationToken: cancellationToken),
                    "Certificate", "Xem sổ cấp chứng chỉ", r => r.Id, cancellationToken))
            .RequireAuthorization(readers)
            .WithSummary("Sổ cấp chứng chỉ trong phạm vi người gọi (lọc: q, nam, co-so, thu-hoi, lop; trang: page, pageSize ≤ 200).");
        group.MapGet("/{id:int}", (int id, Details.Handler handler, CancellationToken cancellationToken) => handler.HandleAsync(id, cancellationToken))
            .RequireAuthorization(readers)
            .WithSummary("Một chứng chỉ; mỗi lần xem được ghi nhật ký. Ngoài phạm vi trả về 404.");
        group.MapGet("/{id:int}/docx", async (int id, HttpRequest request, Details.Handler handler, CancellationToken cancellationToken) =>
            {
                var c = await handler.HandleAsync(id, cancellationToken);
                return TypedResults.File(CertificateDocx.Write(c, CertificateQr.VerifyUrl(request, c.VerificationCode)), CertificateDocx.ContentType,
                    $"chung-chi-{c.Number.Replace('/', '-')}.docx");
            })
            .ProducesFile(CertificateDocx.ContentType)
            .RequireAuthorization(readers)
            .WithSummary("Chứng chỉ dạng .docx có mã QR, để in và ký.");
        group.MapGet("/{id:int}/qr.png", async (int id, HttpRequest request, Details.Handler handler, CancellationToken cancellationToken) =>
            {
                var c = await handler.HandleAsync(id, cancellationToken);
                return TypedResults.File(CertificateQr.Png(CertificateQr.VerifyUrl(request, c.VerificationCode)), "image/png");
            })
            .ProducesFile("image/png")
            .RequireAuthorization(readers)
            .WithSummary("Ảnh PNG mã QR mở trang xác minh của chứng chỉ.");
        group.MapPost("", async (IssueRequest request, Issue.Handler handler, CancellationToken cancellationToken) =>
            {
                var id = await handler.IssueAsync(request.EnrolmentId, request.IssuedOn, cancellationToken);
                return ApiResults.Created($"/api/v1/certificates/{id}", id);
            })
            .RequireAuthorization(keepers)
            .WithSummary("Cấp chứng chỉ cho một người học đã hoàn thành (enrolmentId; issuedOn mặc định hôm nay).");
        group.MapPost("/{id:int}/revoke", async (int id, Revoke.Command command, Revoke.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(keepers)
            .WithSummary("Thu hồi chứng chỉ, có lý do (cơ sở đã cấp hoặc Sở GD&ĐT).");
        api.MapPost("/courses/{id:int}/certificates", async (int id, Issue.Command command, Issue.Handler handler, CancellationToken cancellationToken) =>
                TypedResults.Ok(new IssuedCertificates(await handler.IssueForCourseAsync(id, command.IssuedOn, cancellationToken))))
            .WithTags("Lớp đào tạo")
            .RequireAuthorization(keepers)
            .WithSummary("Cấp chứng chỉ cho mọi người học đã hoàn thành mà chưa có chứng chỉ còn hiệu lực.");
    }

    public sealed record IssueRequest(
        [property: System.ComponentModel.DataAnnotations.Display(Name = "Mã ghi danh")] int EnrolmentId,
        [property: System.ComponentModel.DataAnnotations.Display(Name = "Ngày cấp")] DateOnly? IssuedOn);

    /// <summary>The certificates a course's issue made.</summary>
    public sealed record IssuedCertificates(IReadOnlyList<int> Ids);
}
