using DaoTaoNghe.Data;
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

/// <summary>
/// Attendance while a course runs. A daily register: for one study day, who was present (every
/// learner still in the course that day gets a row, present or absent); each learner's days
/// studied is the count of days present. Or, where the institution keeps no daily register, the
/// days each learner studied, entered as a summary. Meals are paid on these days once the course ends.
/// </summary>
[Authorize(Policy = CoursePolicies.Keep)]
public class Attendance(Attendance.Handler handler, TimeProvider clock) : PageModel
{
    public sealed class DayCommand
    {
        public DateOnly? Date { get; set; }
        public List<int> Present { get; set; } = [];
    }

    public sealed record SummaryRow(int EnrolmentId, int Days);

    public sealed class SummaryCommand
    {
        public List<SummaryRow> Rows { get; set; } = [];
    }

    public sealed record Learner(int EnrolmentId, string FullName, EnrolmentStatus Status, DateOnly? DroppedOn, int DaysAttended, bool? PresentOnDate);

    public sealed record Register(
        int CourseId, string CourseName, AttendanceMode Mode, DateOnly StartDate, DateOnly EndDate, DateOnly LastDay, int PlannedDays, DateOnly? Date,
        IReadOnlyList<Learner> Learners, IReadOnlyList<DateOnly> RecordedDays, IReadOnlyList<Presence> Presences);

    public sealed record Presence(int EnrolmentId, DateOnly Date);

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IHandler
    {
        public async Task<Register> LoadAsync(int courseId, DateOnly? date, CancellationToken cancellationToken = default)
        {
            var course = await RunningAsync(courseId, cancellationToken);
            var records = await db.AttendanceRecords.AsNoTracking().Where(a => a.CourseId == courseId)
                .Select(a => new { a.EnrolmentId, a.Date, a.Present }).ToListAsync(cancellationToken);
            var learners = await db.Enrolments.AsNoTracking().Where(e => e.CourseId == courseId)
                .OrderBy(e => e.Learner.SearchName).ThenBy(e => e.Id)
                .Select(e => new { e.Id, e.Learner.FullName, e.Status, e.DroppedOn, e.DaysAttended }).ToListAsync(cancellationToken);
            var onDate = date is { } d ? records.Where(r => r.Date == d).ToDictionary(r => r.EnrolmentId, r => r.Present) : [];
            return new Register(course.Id, course.Name, course.AttendanceMode, course.StartDate, course.EndDate, LastDay(course), course.PlannedDays, date,
                learners.Where(l => date is not { } day || AttendsOn(l.Status, l.DroppedOn, day))
                    .Select(l => new Learner(l.Id, l.FullName, l.Status, l.DroppedOn, l.DaysAttended, onDate.TryGetValue(l.Id, out var p) ? p : null)).ToList(),
                records.Select(r => r.Date).Distinct().Order().ToList(),
                records.Where(r => r.Present).Select(r => new Presence(r.EnrolmentId, r.Date)).ToList());
        }

        /// <summary>Records one day of the daily register: present as listed, absent otherwise.</summary>
        public async Task RecordDayAsync(int courseId, DayCommand command, CancellationToken cancellationToken = default)
        {
            var course = await RunningAsync(courseId, cancellationToken);
            if (course.AttendanceMode != AttendanceMode.Daily)
                throw new ConflictException("Lớp tổng hợp số ngày học, không điểm danh theo ngày.");
            if (command.Date is not { } date || date < course.StartDate || date > LastDay(course))
                throw new ValidationFailedException(nameof(DayCommand.Date),
                    $"Ngày điểm danh phải từ ngày khai giảng {Fmt.Date(course.StartDate)} đến {Fmt.Date(LastDay(course))}.");
            var attending = await db.Enrolments.Where(e => e.CourseId == courseId).ToListAsync(cancellationToken);
            attending = attending.Where(e => AttendsOn(e.Status, e.DroppedOn, date)).ToList();
            if (command.Present.Any(id => attending.All(e => e.Id != id)))
                throw new ValidationFailedException(nameof(DayCommand.Present), "Có người được đánh dấu có mặt không học lớp này vào ngày đã chọn.");

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var ids = attending.Select(e => e.Id).ToList();
            var existing = await db.AttendanceRecords.Where(a => a.CourseId == courseId && a.Date == date).ToDictionaryAsync(a => a.EnrolmentId, cancellationToken);
            foreach (var enrolment in attending)
            {
                var present = command.Present.Contains(enrolment.Id);
                if (existing.TryGetValue(enrolment.Id, out var record)) record.Present = present;
                else db.AttendanceRecords.Add(new AttendanceRecord
                {
                    EnrolmentId = enrolment.Id, CourseId = courseId, InstitutionId = course.InstitutionId, Date = date, Present = present,
                });
            }
            await db.SaveChangesAsync(cancellationToken);
            var days = await db.AttendanceRecords.Where(a => ids.Contains(a.EnrolmentId) && a.Present)
                .GroupBy(a => a.EnrolmentId).Select(g => new { g.Key, Days = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Days, cancellationToken);
            foreach (var enrolment in attending) enrolment.DaysAttended = days.GetValueOrDefault(enrolment.Id);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        /// <summary>Sets the days each listed learner studied, for courses that keep a summary instead of a daily register.</summary>
        public async Task SetDaysAsync(int courseId, SummaryCommand command, CancellationToken cancellationToken = default)
        {
            var course = await RunningAsync(courseId, cancellationToken);
            EnsureSummary(course);
            var enrolments = await db.Enrolments.Where(e => e.CourseId == courseId).ToDictionaryAsync(e => e.Id, cancellationToken);
            var errors = new List<FieldError>();
            for (var i = 0; i < command.Rows.Count; i++)
            {
                var row = command.Rows[i];
                if (!enrolments.ContainsKey(row.EnrolmentId))
                    errors.Add(new($"Rows[{i}].EnrolmentId", "Có người trong danh sách không học lớp này."));
                else if (DaysRefusal(course, row.Days) is { } refusal)
                    errors.Add(new($"Rows[{i}].Days", $"Dòng {i + 1}: {refusal}"));
            }
            if (errors.Count > 0) throw new ValidationFailedException(errors);
            foreach (var row in command.Rows) enrolments[row.EnrolmentId].DaysAttended = row.Days;
            await db.SaveChangesAsync(cancellationToken);
        }

        private async Task<Course> RunningAsync(int courseId, CancellationToken cancellationToken)
        {
            var course = await CourseAccess.FindToKeepAsync(db, courseId, cancellationToken);
            EnsureRunning(course);
            return course;
        }

        public static void EnsureRunning(Course course)
        {
            if (course.State != CourseState.Running)
                throw new ConflictException(CourseAccess.StateRefusal(course, "điểm danh") + " Chỉ điểm danh khi lớp đang học.");
        }

        /// <summary>Days are entered as a summary only for a running course that keeps no daily register.</summary>
        public static void EnsureSummary(Course course)
        {
            EnsureRunning(course);
            if (course.AttendanceMode != AttendanceMode.Summary)
                throw new ConflictException("Lớp điểm danh theo ngày: số ngày học được tính từ sổ điểm danh.");
        }

        public static string? DaysRefusal(Course course, int days)
        {
            var span = course.EndDate.DayNumber - course.StartDate.DayNumber + 1;
            return days < 0 || days > span ? $"số ngày học phải từ 0 đến {span} ngày." : null;
        }

        private DateOnly LastDay(Course course)
        {
            var today = VietnamTime.Today(clock);
            return course.EndDate < today ? course.EndDate : today;
        }

        private static bool AttendsOn(EnrolmentStatus status, DateOnly? droppedOn, DateOnly date) =>
            status != EnrolmentStatus.DroppedOut || droppedOn > date;
    }

    public Register Data { get; private set; } = null!;

    [BindProperty] public DayCommand Day { get; set; } = new();
    [BindProperty] public SummaryCommand Summary { get; set; } = new();

    public async Task OnGetAsync(int id, [FromQuery(Name = "ngay")] DateOnly? date, CancellationToken cancellationToken)
    {
        Data = await handler.LoadAsync(id, null, cancellationToken);
        var chosen = date ?? VietnamTime.Today(clock);
        if (chosen > Data.LastDay) chosen = Data.LastDay;
        if (chosen < Data.StartDate) chosen = Data.StartDate;
        Data = await handler.LoadAsync(id, chosen, cancellationToken);
    }

    public Task<IActionResult> OnPostDayAsync(int id, CancellationToken cancellationToken) =>
        this.ActAsync(async () =>
        {
            await handler.RecordDayAsync(id, Day, cancellationToken);
            TempData["Message"] = $"Đã lưu điểm danh ngày {Fmt.Date(Day.Date)}: {Day.Present.Count} người có mặt.";
            return RedirectToPage(new { id, ngay = Day.Date?.ToString("yyyy-MM-dd") });
        }, async () => Data = await handler.LoadAsync(id, Day.Date, cancellationToken), "Day");

    public Task<IActionResult> OnPostSummaryAsync(int id, CancellationToken cancellationToken) =>
        this.ActAsync(async () =>
        {
            await handler.SetDaysAsync(id, Summary, cancellationToken);
            TempData["Message"] = "Đã lưu số ngày học.";
            return RedirectToPage(new { id });
        }, async () => Data = await handler.LoadAsync(id, null, cancellationToken), "Summary");
}
