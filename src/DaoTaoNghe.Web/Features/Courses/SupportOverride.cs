using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Courses;

/// <summary>
/// The province admin, who approves support, sets a learner's amounts by hand, with a reason; the
/// computed amounts and their derivation stay beside the override, and the audit trail records
/// the change with who made it. Training support never exceeds the course's actual cost.
/// </summary>
public static class SupportOverride
{
    public sealed class Command
    {
        [Display(Name = "Hỗ trợ học phí (đồng)")] public long? Tuition { get; set; }
        [Display(Name = "Tiền ăn (đồng)")] public long? Meals { get; set; }
        [Display(Name = "Tiền đi lại (đồng)")] public long? Travel { get; set; }
        [Display(Name = "Lý do điều chỉnh")] public string Reason { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Tuition).NotNull().WithMessage("Vui lòng nhập hỗ trợ học phí.")
                .InclusiveBetween(0, 1_000_000_000).WithMessage("Hỗ trợ học phí phải từ 0 đến 1.000.000.000 đ.");
            RuleFor(c => c.Meals).NotNull().WithMessage("Vui lòng nhập tiền ăn.")
                .InclusiveBetween(0, 100_000_000).WithMessage("Tiền ăn phải từ 0 đến 100.000.000 đ.");
            RuleFor(c => c.Travel).NotNull().WithMessage("Vui lòng nhập tiền đi lại.")
                .InclusiveBetween(0, 100_000_000).WithMessage("Tiền đi lại phải từ 0 đến 100.000.000 đ.");
            RuleFor(c => c.Reason).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Vui lòng nhập lý do điều chỉnh.")
                .MinimumLength(10).WithMessage("Lý do điều chỉnh quá ngắn (tối thiểu 10 ký tự).")
                .MaximumLength(500).WithMessage("Lý do điều chỉnh tối đa 500 ký tự.");
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, TimeProvider clock) : IHandler
    {
        public async Task SetAsync(int enrolmentId, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var enrolment = await FindAsync(enrolmentId, cancellationToken);
            if (command.Tuition > enrolment.Course.ActualUnitCost)
                throw new ValidationFailedException(nameof(Command.Tuition),
                    $"Hỗ trợ học phí không được vượt chi phí đào tạo thực tế của lớp ({Fmt.Money(enrolment.Course.ActualUnitCost)}/người).");
            enrolment.SetOverride(command.Tuition!.Value, command.Meals!.Value, command.Travel!.Value, command.Reason.Trim(), db.Scope.UserName,
                clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
        }

        public async Task ClearAsync(int enrolmentId, CancellationToken cancellationToken = default)
        {
            var enrolment = await FindAsync(enrolmentId, cancellationToken);
            enrolment.ClearOverride();
            await db.SaveChangesAsync(cancellationToken);
        }

        private async Task<Enrolment> FindAsync(int enrolmentId, CancellationToken cancellationToken)
        {
            var enrolment = await db.Enrolments.Include(e => e.Course).SingleOrDefaultAsync(e => e.Id == enrolmentId, cancellationToken)
                            ?? throw new NotFoundException("Không tìm thấy người học trong lớp hoặc bạn không có quyền xem.");
            if (!db.Scope.IsProvinceAdmin || db.Scope.ProvinceId != enrolment.ProvinceId) throw new ForbiddenException("Chỉ Sở Giáo dục và Đào tạo được điều chỉnh mức hỗ trợ.");
            if (enrolment.Course.State == CourseState.Cancelled) throw new ConflictException(CourseAccess.StateRefusal(enrolment.Course, "điều chỉnh hỗ trợ"));
            if (enrolment.Course.IsSelfFunded) throw new ConflictException("Lớp tự chủ kinh phí không có hỗ trợ từ ngân sách để điều chỉnh.");
            return enrolment;
        }
    }
}
