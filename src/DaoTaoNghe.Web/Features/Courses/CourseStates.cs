using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;

namespace DaoTaoNghe.Features.Courses;

/// <summary>
/// Moves a course along planned → open → running → finished, or cancels it:
/// open (start enrolling) from planned; start from open, on or after the start date, with a trainer
/// and at least one learner; finish from running, on or after the end date, when no learner is left
/// "đang học" (each has completed, failed or dropped out), recomputing support on the days actually
/// studied; cancel, with a reason, any course not finished (its support is then no longer committed).
/// </summary>
public static class CourseStates
{
    public sealed class CancelCommand
    {
        [Display(Name = "Lý do hủy lớp")] public string Reason { get; set; } = "";
    }

    public sealed class CancelValidator : AbstractValidator<CancelCommand>
    {
        public CancelValidator() =>
            RuleFor(c => c.Reason).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Vui lòng nhập lý do hủy lớp.")
                .MinimumLength(5).WithMessage("Lý do hủy lớp quá ngắn (tối thiểu 5 ký tự).")
                .MaximumLength(500).WithMessage("Lý do hủy lớp tối đa 500 ký tự.");
    }

    public sealed class Handler(AppDbContext db, EnrolmentSupport support, IValidator<CancelCommand> cancelValidator, TimeProvider clock) : IHandler
    {
        public async Task OpenAsync(int id, CancellationToken cancellationToken = default)
        {
            var course = await CourseAccess.FindToKeepAsync(db, id, cancellationToken);
            if (course.State != CourseState.Planned) throw new ConflictException(CourseAccess.StateRefusal(course, "mở tuyển sinh"));
            course.State = CourseState.Open;
            await db.SaveChangesAsync(cancellationToken);
        }

        public async Task StartAsync(int id, CancellationToken cancellationToken = default)
        {
            var course = await CourseAccess.FindToKeepAsync(db, id, cancellationToken, withEnrolments: true);
            if (course.State != CourseState.Open) throw new ConflictException(CourseAccess.StateRefusal(course, "bắt đầu học"));
            var today = VietnamTime.Today(clock);
            var problems = new List<string>();
            if (today < course.StartDate) problems.Add($"Chưa đến ngày khai giảng ({Fmt.Date(course.StartDate)}).");
            if (course.Trainers.Count == 0) problems.Add("Lớp chưa có giáo viên; hãy chọn giáo viên trong phần sửa lớp.");
            if (!course.Enrolments.Any(e => e.Status == EnrolmentStatus.Enrolled)) problems.Add("Lớp chưa có người học nào.");
            if (problems.Count > 0) throw new ConflictException("Chưa thể bắt đầu học: " + string.Join(" ", problems));
            course.State = CourseState.Running;
            course.StartedOn = today;
            await db.SaveChangesAsync(cancellationToken);
        }

        public async Task FinishAsync(int id, CancellationToken cancellationToken = default)
        {
            var course = await CourseAccess.FindToKeepAsync(db, id, cancellationToken, withEnrolments: true);
            if (course.State != CourseState.Running) throw new ConflictException(CourseAccess.StateRefusal(course, "kết thúc"));
            var today = VietnamTime.Today(clock);
            if (today < course.EndDate)
                throw new ConflictException($"Lớp kết thúc ngày {Fmt.Date(course.EndDate)}: chưa thể kết thúc. Nếu lớp kết thúc sớm, hãy sửa ngày kết thúc trước.");
            var pending = course.Enrolments.Count(e => e.Status == EnrolmentStatus.Enrolled);
            if (pending > 0)
                throw new ConflictException($"Còn {pending} người học ở trạng thái \"đang học\": hãy ghi kết quả (đạt, không đạt) hoặc ghi nhận bỏ học trước khi kết thúc lớp.");
            course.State = CourseState.Finished;
            course.FinishedOn = today;
            await support.ComputeAllAsync(course, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        public async Task CancelAsync(int id, CancelCommand command, CancellationToken cancellationToken = default)
        {
            await cancelValidator.EnsureValidAsync(command, cancellationToken);
            var course = await CourseAccess.FindToKeepAsync(db, id, cancellationToken);
            if (course.State is CourseState.Finished or CourseState.Cancelled) throw new ConflictException(CourseAccess.StateRefusal(course, "hủy"));
            course.State = CourseState.Cancelled;
            course.CancelledOn = VietnamTime.Today(clock);
            course.CancelReason = command.Reason.Trim();
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
