using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Institutions;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Courses;

public enum ResultOutcome
{
    [Display(Name = "Chưa có kết quả")] Pending = 0,
    [Display(Name = "Đạt – hoàn thành")] Passed = 1,
    [Display(Name = "Không đạt")] Failed = 2,
}

/// <summary>
/// The assessment (kết quả học tập) of a running or finished course: each learner passed
/// (completed, may be certified) or failed, with an optional score and the date results were
/// recognised. A learner with a valid certificate keeps "passed" until it is revoked; once the
/// course has finished every learner keeps a result.
/// </summary>
[Authorize(Policy = CoursePolicies.Keep)]
public class Assessment(Assessment.Handler handler, TimeProvider clock) : PageModel
{
    public sealed class Row
    {
        public int EnrolmentId { get; set; }
        public ResultOutcome Outcome { get; set; }
        public double? Score { get; set; }
        [Display(Name = "Lý do công nhận đạt")] public string? PassReason { get; set; }
    }

    /// <summary>Below the institution's share of the planned days (<see cref="InstitutionAttendance"/>), "Đạt" needs a reason.</summary>
    public static bool BelowMinimumAttendance(Course course, int daysAttended, int minimumPercent) =>
        course.PlannedDays > 0 && daysAttended * 100 < minimumPercent * course.PlannedDays;

    public sealed class Command
    {
        [Display(Name = "Ngày công nhận kết quả")] public DateOnly? OnDate { get; set; }
        public List<Row> Rows { get; set; } = [];
    }

    public sealed record Learner(int EnrolmentId, string FullName, DateOnly BirthDate, EnrolmentStatus Status, int DaysAttended, double? Score,
        DateOnly? ResultOn, string? PassReason, bool Certified, bool BelowMinimumAttendance = false);

    public sealed record Sheet(int CourseId, string CourseName, CourseState State, DateOnly StartDate, DateOnly EndDate, int PlannedDays,
        int MinimumAttendancePercent, IReadOnlyList<Learner> Learners);

    public sealed class Handler(AppDbContext db, TimeProvider clock, IEnrolmentCertificates certificates) : IHandler
    {
        public async Task<Sheet> LoadAsync(int courseId, CancellationToken cancellationToken = default)
        {
            var course = await OpenForResultsAsync(courseId, cancellationToken);
            var certified = await CertifiedAsync(courseId, cancellationToken);
            var minimumPercent = await InstitutionAttendance.MinimumPercentAsync(db, course.InstitutionId, cancellationToken);
            var learners = await db.Enrolments.AsNoTracking().Where(e => e.CourseId == courseId && e.Status != EnrolmentStatus.DroppedOut)
                .OrderBy(e => e.Learner.SearchName).ThenBy(e => e.Id)
                .Select(e => new Learner(e.Id, e.Learner.FullName, e.Learner.BirthDate, e.Status, e.DaysAttended, e.Score, e.ResultOn, e.PassReason, false, false))
                .ToListAsync(cancellationToken);
            return new Sheet(course.Id, course.Name, course.State, course.StartDate, course.EndDate, course.PlannedDays, minimumPercent,
                learners.Select(l => l with
                {
                    Certified = certified.Contains(l.EnrolmentId), BelowMinimumAttendance = BelowMinimumAttendance(course, l.DaysAttended, minimumPercent),
                }).ToList());
        }

        public async Task HandleAsync(int courseId, Command command, CancellationToken cancellationToken = default)
        {
            var course = await OpenForResultsAsync(courseId, cancellationToken);
            if (DateRefusal(course, command.OnDate, VietnamTime.Today(clock)) is { } refusal)
                throw new ValidationFailedException(nameof(Command.OnDate), refusal);
            var enrolments = await db.Enrolments.Include(e => e.Learner).Where(e => e.CourseId == courseId && e.Status != EnrolmentStatus.DroppedOut)
                .ToDictionaryAsync(e => e.Id, cancellationToken);
            var certified = await CertifiedAsync(courseId, cancellationToken);
            var minimumPercent = await InstitutionAttendance.MinimumPercentAsync(db, course.InstitutionId, cancellationToken);
            var errors = new List<FieldError>();
            for (var i = 0; i < command.Rows.Count; i++)
            {
                var row = command.Rows[i];
                if (!enrolments.TryGetValue(row.EnrolmentId, out var enrolment))
                {
                    errors.Add(new($"Rows[{i}].EnrolmentId", $"Dòng {i + 1}: người này không (còn) học lớp này."));
                    continue;
                }
                errors.AddRange(Refusals(course, enrolment, enrolment.Learner.FullName, row, certified.Contains(enrolment.Id), minimumPercent)
                    .Select(e => e with { Field = $"Rows[{i}].{e.Field}" }));
            }
            if (errors.Count > 0) throw new ValidationFailedException(errors);

            foreach (var row in command.Rows) Record(enrolments[row.EnrolmentId], row, command.OnDate!.Value);
            await db.SaveChangesAsync(cancellationToken);
        }

        private async Task<Course> OpenForResultsAsync(int courseId, CancellationToken cancellationToken)
        {
            var course = await CourseAccess.FindToKeepAsync(db, courseId, cancellationToken);
            EnsureOpenForResults(course);
            return course;
        }

        private async Task<HashSet<int>> CertifiedAsync(int courseId, CancellationToken cancellationToken) =>
            await certificates.CertifiedAsync(
                await db.Enrolments.IgnoreQueryFilters().Where(e => e.CourseId == courseId).Select(e => e.Id).ToListAsync(cancellationToken), cancellationToken);
    }

    public static void EnsureOpenForResults(Course course)
    {
        if (course.State is not (CourseState.Running or CourseState.Finished))
            throw new ConflictException(CourseAccess.StateRefusal(course, "ghi kết quả học tập"));
    }

    public static string? DateRefusal(Course course, DateOnly? date, DateOnly today) =>
        date is not { } d || d < course.StartDate || d > today
            ? $"Ngày công nhận kết quả phải từ ngày khai giảng {Fmt.Date(course.StartDate)} đến hôm nay."
            : null;

    /// <summary>Why one learner's result may not be recorded as the row says (field Score, Outcome or PassReason), for a learner still in the course.</summary>
    public static IEnumerable<FieldError> Refusals(Course course, Enrolment enrolment, string name, Row row, bool certified, int minimumPercent)
    {
        if (row.Outcome == ResultOutcome.Passed && enrolment.Status != EnrolmentStatus.Completed
            && BelowMinimumAttendance(course, enrolment.DaysAttended, minimumPercent) && string.IsNullOrWhiteSpace(row.PassReason))
            yield return new(nameof(Row.PassReason),
                $"{name} mới học {enrolment.DaysAttended}/{course.PlannedDays} ngày, dưới {minimumPercent} % số ngày theo kế hoạch: "
                + "ghi lý do công nhận đạt (ví dụ: học bù, chuyển từ lớp khác) hoặc chọn kết quả khác.");
        if (row.PassReason?.Trim().Length > 500)
            yield return new(nameof(Row.PassReason), $"{name}: lý do công nhận đạt tối đa 500 ký tự.");
        if (row.Score is < 0 or > 10)
            yield return new(nameof(Row.Score), $"{name}: điểm phải từ 0 đến 10.");
        if (row.Outcome != ResultOutcome.Passed && certified)
            yield return new(nameof(Row.Outcome), $"{name} đã được cấp chứng chỉ: thu hồi chứng chỉ trước khi đổi kết quả.");
        if (row.Outcome == ResultOutcome.Pending && course.State == CourseState.Finished)
            yield return new(nameof(Row.Outcome), $"{name}: lớp đã kết thúc, mỗi người học phải có kết quả đạt hoặc không đạt.");
    }

    public static EnrolmentStatus StatusOf(ResultOutcome outcome) => outcome switch
    {
        ResultOutcome.Passed => EnrolmentStatus.Completed,
        ResultOutcome.Failed => EnrolmentStatus.Failed,
        _ => EnrolmentStatus.Enrolled,
    };

    /// <summary>Whether recording the row would change the learner's result: the same status and score leave the date recognised before.</summary>
    public static bool Changes(Enrolment enrolment, Row row) => StatusOf(row.Outcome) != enrolment.Status || row.Score != enrolment.Score;

    public static void Record(Enrolment enrolment, Row row, DateOnly date)
    {
        if (!Changes(enrolment, row)) return;
        var status = StatusOf(row.Outcome);
        if (status != enrolment.Status)
            enrolment.PassReason = status == EnrolmentStatus.Completed && !string.IsNullOrWhiteSpace(row.PassReason) ? row.PassReason.Trim() : null;
        enrolment.Status = status;
        enrolment.Score = status == EnrolmentStatus.Enrolled ? null : row.Score;
        enrolment.ResultOn = status == EnrolmentStatus.Enrolled ? null : date;
    }

    public Sheet Data { get; private set; } = null!;

    [BindProperty] public Command Form { get; set; } = new();

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.LoadAsync(id, cancellationToken);
        Form.OnDate = Data.Learners.Select(l => l.ResultOn).Max() ?? Min(Data.EndDate, VietnamTime.Today(clock));
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.ActAsync(async () =>
        {
            await handler.HandleAsync(id, Form, cancellationToken);
            TempData["Message"] = "Đã lưu kết quả học tập.";
            return RedirectToPage("Details", new { id });
        }, async () => Data = await handler.LoadAsync(id, cancellationToken), "Form");

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
