using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Certificates;

/// <summary>A certificate as issued, with its QR code, printable page, .docx, and revocation. A view of a person's record: audited.</summary>
[Authorize(Policy = CoursePolicies.Read)]
public class Details(Details.Handler handler, Revoke.Handler revoke, IValidator<Revoke.Command> validator) : PageModel
{
    public sealed record Result(
        int Id, string Number, string VerificationCode, DateOnly IssuedOn, string IssuedBy, string HolderName, DateOnly HolderBirthDate,
        string OccupationName, TrainingLevel Level, string InstitutionName, DateOnly CourseStart, DateOnly CourseEnd, int EnrolmentId, int CourseId,
        DateOnly? RevokedOn, string? RevocationReason, string? RevokedBy, bool MayRevoke)
    {
        public string Title => CertificateNumbers.Title(Level);
    }

    public sealed class Handler(AppDbContext db, AuditTrail audit) : IHandler
    {
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default)
        {
            var scope = db.Scope;
            var c = await db.Certificates.AsNoTracking().Where(c => c.Id == id)
                        .Select(c => new Result(c.Id, c.Number, c.VerificationCode, c.IssuedOn, c.IssuedBy, c.HolderName, c.HolderBirthDate, c.OccupationName,
                            c.Level, c.InstitutionName, c.CourseStart, c.CourseEnd, c.EnrolmentId, c.Enrolment.CourseId, c.RevokedOn, c.RevocationReason,
                            c.RevokedBy, CourseAccess.MayKeep(scope, c.InstitutionId, c.ProvinceId) && !scope.IsReadOnly))
                        .SingleOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException("Không tìm thấy chứng chỉ hoặc bạn không có quyền xem.");
            await audit.RecordViewAsync(nameof(Certificate), id, $"Chứng chỉ {c.Number} – {c.HolderName}", cancellationToken);
            return c;
        }
    }

    public Result Data { get; private set; } = null!;
    public string VerifyUrl { get; private set; } = "";
    public string QrDataUri { get; private set; } = "";

    [BindProperty]
    public Revoke.Command Revocation { get; set; } = new();

    public Task OnGetAsync(int id, CancellationToken cancellationToken) => LoadAsync(id, cancellationToken);

    public async Task<IActionResult> OnGetDocxAsync(int id, CancellationToken cancellationToken)
    {
        var c = await handler.HandleAsync(id, cancellationToken);
        var bytes = CertificateDocx.Write(c, CertificateQr.VerifyUrl(Request, c.VerificationCode));
        return File(bytes, CertificateDocx.ContentType, $"chung-chi-{c.Number.Replace('/', '-')}.docx");
    }

    public Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Revocation,
            save: () => this.ActAsync(async () =>
            {
                await revoke.HandleAsync(id, Revocation, cancellationToken);
                TempData["Message"] = "Đã thu hồi chứng chỉ. Trang xác minh công khai hiển thị chứng chỉ đã bị thu hồi.";
                return RedirectToPage(new { id });
            }, () => LoadAsync(id, cancellationToken), "Revocation"),
            reload: () => LoadAsync(id, cancellationToken), prefix: "Revocation");

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.HandleAsync(id, cancellationToken);
        VerifyUrl = CertificateQr.VerifyUrl(Request, Data.VerificationCode);
        QrDataUri = CertificateQr.DataUri(VerifyUrl);
    }
}
