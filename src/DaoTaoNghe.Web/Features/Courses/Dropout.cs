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
/// A learner leaves a course before its end (bỏ học): the date and the reason. The seat frees up;
/// meals are recomputed on the days actually studied until then.
/// </summary>
public static class Dropout
{
    public sealed class Command
    {
        [Display(Name = "Ngày bỏ học")] public DateOnly? DroppedOn { get; set; }
        [Display(Name = "Lý do bỏ học")] public string Reason { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.DroppedOn).NotNull().WithMessage("Vui lòng nhập ngày bỏ học.");
            RuleFor(c => c.Reason).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Vui lòng nhập lý do bỏ học.")
                .MaximumLength(500).WithMessage("Lý do bỏ học tối đa 500 ký tự.");
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, EnrolmentSupport support, TimeProvider clock) : IHandler
    {
        public async Task HandleAsync(int enrolmentId, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var enrolment = await CourseAccess.FindEnrolmentToKeepAsync(db, enrolmentId, cancellationToken);
            Record(enrolment, enrolment.Course, command, VietnamTime.Today(clock));
            await support.ComputeAsync(enrolment, enrolment.Course, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>The dropout rules and the change itself, on a valid command; the caller recomputes the support and saves.</summary>
    public static void Record(Enrolment enrolment, Course course, Command command, DateOnly today)
    {
        if (course.State is not (CourseState.Open or CourseState.Running))
            throw new ConflictException(CourseAccess.StateRefusal(course, "ghi nhận bỏ học"));
        if (enrolment.Status != EnrolmentStatus.Enrolled)
            throw new ConflictException($"Người học đang ở trạng thái \"{Fmt.Enum(enrolment.Status)}\": chỉ ghi nhận bỏ học với người đang học.");
        var date = command.DroppedOn!.Value;
        var earliest = enrolment.EnrolledOn < course.StartDate ? enrolment.EnrolledOn : course.StartDate;
        if (date < earliest)
            throw new ValidationFailedException(nameof(Command.DroppedOn), $"Ngày bỏ học không được trước ngày {Fmt.Date(earliest)} (ngày ghi danh hoặc khai giảng).");
        if (date > today || date > course.EndDate)
            throw new ValidationFailedException(nameof(Command.DroppedOn), "Ngày bỏ học không được sau hôm nay hoặc sau ngày kết thúc lớp.");
        enrolment.Status = EnrolmentStatus.DroppedOut;
        enrolment.DroppedOn = date;
        enrolment.DropReason = command.Reason.Trim();
    }
}
