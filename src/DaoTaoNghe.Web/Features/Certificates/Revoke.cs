using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Certificates;

/// <summary>
/// Revokes a certificate (thu hồi), with the reason: by the institution that issued it or the
/// province admin. The public page then shows it revoked and since when; the number is never reused.
/// </summary>
public static class Revoke
{
    public sealed class Command
    {
        [Display(Name = "Lý do thu hồi")] public string Reason { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Reason).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Vui lòng nhập lý do thu hồi.")
                .MinimumLength(5).WithMessage("Lý do thu hồi quá ngắn (tối thiểu 5 ký tự).")
                .MaximumLength(500).WithMessage("Lý do thu hồi tối đa 500 ký tự.");
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, TimeProvider clock) : IHandler
    {
        public async Task HandleAsync(int id, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var certificate = await db.Certificates.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
                              ?? throw new NotFoundException("Không tìm thấy chứng chỉ hoặc bạn không có quyền xem.");
            if (!CourseAccess.MayKeep(db.Scope, certificate.InstitutionId, certificate.ProvinceId) || db.Scope.IsReadOnly)
                throw new ForbiddenException("Chỉ cơ sở đào tạo đã cấp hoặc Sở Giáo dục và Đào tạo được thu hồi chứng chỉ.");
            if (certificate.IsRevoked)
                throw new ConflictException($"Chứng chỉ đã bị thu hồi ngày {Fmt.Date(certificate.RevokedOn)}.");
            certificate.RevokedOn = VietnamTime.Today(clock);
            certificate.RevocationReason = command.Reason.Trim();
            certificate.RevokedBy = db.Scope.UserName;
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
