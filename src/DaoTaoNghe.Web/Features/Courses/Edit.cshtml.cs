using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Courses;

/// <summary>
/// Changes a course that has not finished. Once learners are enrolled, its order, programme, venue
/// and start date stay (support and overlaps were judged on them); its end date may move only where
/// no learner would then sit in two courses at once, its capacity not below the learners holding a
/// seat. A new actual cost recomputes every learner's support.
/// </summary>
[Authorize(Policy = CoursePolicies.Keep)]
public class Edit(Edit.Handler handler, CourseForm form, IValidator<Create.Command> validator) : PageModel
{
    public sealed class Handler(AppDbContext db, IValidator<Create.Command> validator, Create.Handler create, Overlaps overlaps,
        EnrolmentSupport support) : IHandler
    {
        public async Task<(Create.Command Command, bool Locked)> LoadAsync(int id, CancellationToken cancellationToken = default)
        {
            var c = await CourseAccess.FindToKeepAsync(db, id, cancellationToken, withEnrolments: true);
            EnsureEditable(c);
            return (new Create.Command
            {
                InstitutionId = c.InstitutionId, OrderId = c.OrderId, ProgrammeId = c.ProgrammeId, Name = c.Name, VenueCommuneId = c.VenueCommuneId,
                VenueAddress = c.VenueAddress, StartDate = c.StartDate, EndDate = c.EndDate, PlannedDays = c.PlannedDays, Capacity = c.Capacity,
                ActualUnitCost = c.ActualUnitCost, AttendanceMode = c.AttendanceMode, TrainerIds = c.Trainers.Select(t => t.TrainerId).ToList(), Notes = c.Notes,
            }, c.Enrolments.Count > 0);
        }

        public async Task HandleAsync(int id, Create.Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var course = await CourseAccess.FindToKeepAsync(db, id, cancellationToken, withEnrolments: true);
            EnsureEditable(course);
            var errors = new List<FieldError>();
            var active = course.Enrolments.Where(e => e.IsActive).ToList();
            if (course.Enrolments.Count > 0)
            {
                if (command.OrderId != course.OrderId)
                    errors.Add(new(nameof(Create.Command.OrderId), "Lớp đã có người học: không đổi được đơn đặt hàng."));
                if (command.ProgrammeId != course.ProgrammeId)
                    errors.Add(new(nameof(Create.Command.ProgrammeId), "Lớp đã có người học: không đổi được chương trình đào tạo."));
                if (command.VenueCommuneId != course.VenueCommuneId)
                    errors.Add(new(nameof(Create.Command.VenueCommuneId), "Lớp đã có người học: không đổi được nơi học."));
                if (command.StartDate != course.StartDate)
                    errors.Add(new(nameof(Create.Command.StartDate), "Lớp đã có người học: không đổi được ngày khai giảng (chính sách hỗ trợ áp dụng theo ngày này)."));
                if (command.Capacity < active.Count)
                    errors.Add(new(nameof(Create.Command.Capacity), $"Sĩ số không được nhỏ hơn số người đang có trong lớp ({active.Count})."));
                if (command.EndDate > course.EndDate)
                {
                    var clashes = await overlaps.FindAsync(active.Select(e => e.LearnerId).ToList(), course.StartDate, command.EndDate!.Value, id, cancellationToken);
                    if (clashes.Count > 0)
                        errors.Add(new(nameof(Create.Command.EndDate),
                            $"Kéo dài lớp đến {Fmt.Date(command.EndDate)} thì {clashes.Select(c => c.LearnerId).Distinct().Count()} người học trùng thời gian với lớp khác, ví dụ {clashes[0].Describe()}."));
                }
            }
            if (command.AttendanceMode != course.AttendanceMode
                && await db.AttendanceRecords.AnyAsync(a => a.CourseId == id, cancellationToken))
                errors.Add(new(nameof(Create.Command.AttendanceMode), "Lớp đã có điểm danh theo ngày: không đổi được cách điểm danh."));
            if (errors.Count > 0) throw new ValidationFailedException(errors);

            var recompute = command.ActualUnitCost != course.ActualUnitCost || command.PlannedDays != course.PlannedDays;
            await create.ApplyAsync(course, command, cancellationToken);
            if (recompute) await support.ComputeAllAsync(course, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        private static void EnsureEditable(Course course)
        {
            if (course.State is CourseState.Finished or CourseState.Cancelled)
                throw new ConflictException(CourseAccess.StateRefusal(course, "sửa thông tin lớp"));
        }
    }

    [BindProperty]
    public Create.Command Data { get; set; } = new();

    public CourseForm.Lists Lists { get; private set; } = null!;
    public bool Locked { get; private set; }

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        (Data, Locked) = await handler.LoadAsync(id, cancellationToken);
        Lists = await form.ListsAsync(Data.InstitutionId, Data.StartDate, cancellationToken);
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.HandleAsync(id, Data, cancellationToken);
                TempData["Message"] = "Đã lưu thay đổi.";
                return RedirectToPage("Details", new { id });
            },
            reload: async () =>
            {
                var (saved, locked) = await handler.LoadAsync(id, cancellationToken);
                Locked = locked;
                Lists = await form.ListsAsync(saved.InstitutionId, saved.StartDate, cancellationToken);
            });
}
