using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;

namespace DaoTaoNghe.Features.Courses;

/// <summary>
/// What the support of one learner depends on beyond their record: the way to the venue, the
/// fare, whether another policy paid. Recomputes the support; refused once the course has
/// finished (its support is then settled, and only the province admin's override changes it).
/// </summary>
public static class EnrolmentTravel
{
    public sealed class Command
    {
        [Display(Name = "Khoảng cách từ nơi ở đến nơi học (km)")] public double? DistanceKm { get; set; }
        [Display(Name = "Giá vé phương tiện công cộng cả khóa (đồng)")] public long? TravelFare { get; set; }
        [Display(Name = "Đã được hỗ trợ đào tạo theo chính sách khác của Nhà nước")] public bool OtherPolicyPaid { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.DistanceKm).InclusiveBetween(0, 1000).WithMessage("Khoảng cách phải từ 0 đến 1.000 km.");
            RuleFor(c => c.TravelFare).InclusiveBetween(0, 100_000_000).WithMessage("Giá vé phải từ 0 đến 100.000.000 đ.");
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, EnrolmentSupport support) : IHandler
    {
        public async Task HandleAsync(int enrolmentId, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var enrolment = await CourseAccess.FindEnrolmentToKeepAsync(db, enrolmentId, cancellationToken);
            EnsureOpen(enrolment.Course);
            enrolment.DistanceKm = command.DistanceKm;
            enrolment.TravelFare = command.TravelFare;
            enrolment.OtherPolicyPaid = command.OtherPolicyPaid;
            await support.ComputeAsync(enrolment, enrolment.Course, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        /// <summary>Works the support out again from today's record of the learner and the rules in force on the start date.</summary>
        public async Task RecomputeAsync(int enrolmentId, CancellationToken cancellationToken = default)
        {
            var enrolment = await CourseAccess.FindEnrolmentToKeepAsync(db, enrolmentId, cancellationToken);
            EnsureOpen(enrolment.Course);
            await support.ComputeAsync(enrolment, enrolment.Course, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        /// <summary>Support is settled once the course has finished or was cancelled.</summary>
        public static void EnsureOpen(Course course)
        {
            if (course.State is CourseState.Finished or CourseState.Cancelled)
                throw new ConflictException(CourseAccess.StateRefusal(course, "tính lại hỗ trợ")
                                            + " Hỗ trợ của lớp đã kết thúc chỉ thay đổi khi Sở điều chỉnh thủ công.");
        }
    }
}
