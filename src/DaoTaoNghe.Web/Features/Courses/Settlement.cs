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
/// Support paid out (quyết toán chi trả): the day the learners of a course signed for their money
/// and the payment list they signed, recorded for every learner owed support who has not been paid
/// yet, at the amount owed that day. From then on the enrolment's support is settled: "support paid"
/// counts it on that day, and no later rule set or recompute changes it.
/// </summary>
public static class Settlement
{
    public sealed class Command
    {
        [Display(Name = "Ngày chi trả")] public DateOnly? SettledOn { get; set; }
        [Display(Name = "Số danh sách chi trả")] public string List { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.SettledOn).NotNull().WithMessage("Vui lòng nhập ngày chi trả.");
            RuleFor(c => c.List).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Vui lòng nhập số danh sách chi trả.")
                .MaximumLength(100).WithMessage("Số danh sách chi trả tối đa 100 ký tự.");
        }
    }

    /// <param name="Count">How many enrolments the payment settled.</param>
    public sealed record Settled(int Count);

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, TimeProvider clock) : IHandler
    {
        /// <summary>Settles the course's unpaid learners owed support; returns how many were settled.</summary>
        public async Task<int> HandleAsync(int courseId, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var course = await CourseAccess.FindToKeepAsync(db, courseId, cancellationToken);
            if (course.IsSelfFunded)
                throw new ConflictException("Lớp tự chủ kinh phí không có hỗ trợ từ ngân sách để chi trả.");
            var on = command.SettledOn!.Value;
            if (on < course.StartDate || on > VietnamTime.Today(clock))
                throw new ValidationFailedException(nameof(Command.SettledOn),
                    $"Ngày chi trả phải từ ngày khai giảng ({Fmt.Date(course.StartDate)}) đến hôm nay.");
            var owed = await db.Enrolments.Where(e => e.CourseId == courseId && e.SettledOn == null && e.SupportTotal > 0).ToListAsync(cancellationToken);
            if (owed.Count == 0) throw new ConflictException("Không còn người học nào của lớp chưa được chi trả hỗ trợ.");
            foreach (var enrolment in owed)
            {
                enrolment.SettledOn = on;
                enrolment.SettledAmount = enrolment.SupportTotal;
                enrolment.SettlementList = command.List.Trim();
            }
            await db.SaveChangesAsync(cancellationToken);
            return owed.Count;
        }
    }
}
