using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Support;
using DaoTaoNghe.Infrastructure.Auth;
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

namespace DaoTaoNghe.Features.Courses;

/// <summary>
/// A course with its learners (those the caller may see: a commune officer sees only their
/// residents), support per learner and in total against the order's budget, and the actions its
/// state allows. A learner's group and amounts follow <see cref="SupportVisibility"/>; the course's
/// total stays, budgets being followed on it.
/// </summary>
[Authorize(Policy = CoursePolicies.Read)]
public class Details(Details.Handler handler, CourseStates.Handler states, IEnrolmentCertificates certificates,
    IValidator<CourseStates.CancelCommand> cancelValidator, PaymentList paymentList, Settlement.Handler settlement,
    IValidator<Settlement.Command> settleValidator) : PageModel
{
    public sealed record Row(
        int Id, int LearnerId, string FullName, DateOnly BirthDate, Sex Sex, string? Cccd, string ResidenceName, EnrolmentStatus Status,
        int DaysAttended, DateOnly? ResultOn, double? Score, DateOnly? DroppedOn, SupportGroup? Group, long? SupportTotal, bool Overridden,
        string? CertificateNumber, int? CertificateId);

    public sealed record Result(
        int Id, string Name, int InstitutionId, string InstitutionName, int? OrderId, string? OrderLabel, long? OrderBudget, long? OrderCommitted,
        int? OrderQuota, int? OrderEnrolled, int ProgrammeId, string ProgrammeName, string OccupationName, TrainingLevel Level, int VenueCommuneId,
        string VenueName, string? VenueNowName, string? VenueAddress, DateOnly StartDate, DateOnly EndDate, int PlannedDays, int Capacity,
        long ActualUnitCost, AttendanceMode AttendanceMode, CourseState State, DateOnly? StartedOn, DateOnly? FinishedOn, DateOnly? CancelledOn,
        string? CancelReason, string? Notes, IReadOnlyList<string> Trainers, IReadOnlyList<Row> Enrolments, bool MayKeep, bool SeesGroup,
        bool SeesAmounts, long SupportTotal)
    {
        public int Active => Enrolments.Count(e => e.Status != EnrolmentStatus.DroppedOut);
        public int Pending => Enrolments.Count(e => e.Status == EnrolmentStatus.Enrolled);
        public int Completed => Enrolments.Count(e => e.Status == EnrolmentStatus.Completed);
        public int Failed => Enrolments.Count(e => e.Status == EnrolmentStatus.Failed);
        public int Dropped => Enrolments.Count(e => e.Status == EnrolmentStatus.DroppedOut);
        public int AwaitingCertificate => Enrolments.Count(e => e.Status == EnrolmentStatus.Completed && e.CertificateId is null);
        public bool MayEnrol => MayKeep && State is CourseState.Open or CourseState.Running;
    }

    public sealed class Handler(AppDbContext db, OrderCourses orderCourses, IEnrolmentCertificates certificates) : IHandler
    {
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default)
        {
            var c = await db.Courses.AsNoTracking().Where(c => c.Id == id)
                        .Select(c => new
                        {
                            c.Id, c.Name, c.InstitutionId, Institution = c.Institution.Name, c.ProvinceId, c.OrderId,
                            Order = c.Order == null ? null : new { c.Order.Year, c.Order.Kind, c.Order.DecisionNumber, c.Order.Budget, c.Order.Quota },
                            c.ProgrammeId, Programme = c.Programme.Name, Occupation = c.Occupation.Name, c.Level, c.VenueCommuneId, Venue = c.VenueCommune.Name,
                            VenueNow = c.VenueCommune.RollUpUnit != null ? c.VenueCommune.RollUpUnit.Name : null, c.VenueAddress, c.StartDate, c.EndDate,
                            c.PlannedDays, c.Capacity, c.ActualUnitCost, c.AttendanceMode, c.State, c.StartedOn, c.FinishedOn, c.CancelledOn, c.CancelReason,
                            c.Notes, Trainers = c.Trainers.OrderBy(t => t.Trainer.FullName).Select(t => t.Trainer.FullName).ToList(),
                        })
                        .AsSplitQuery()
                        .SingleOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException("Không tìm thấy lớp đào tạo hoặc bạn không có quyền xem.");
            var scope = db.Scope;
            var seesGroup = SupportVisibility.SeesGroup(scope);
            var issued = await certificates.ValidOfCourseAsync(id, cancellationToken);
            var stored = await db.Enrolments.AsNoTracking().Where(e => e.CourseId == id)
                    .OrderBy(e => e.Learner.SearchName).ThenBy(e => e.Id)
                    .Select(e => new Row(e.Id, e.LearnerId, e.Learner.FullName, e.Learner.BirthDate, e.Learner.Sex, e.Learner.Cccd, e.ResidenceCommune.Name,
                        e.Status, e.DaysAttended, e.ResultOn, e.Score, e.DroppedOn, e.SupportGroup, e.SupportTotal, e.OverrideReason != null, null, null))
                    .ToListAsync(cancellationToken);
            var rows = stored
                .Select(r => r with
                {
                    Cccd = LearnerAccess.ShowCccd(scope, r.Cccd),
                    Group = seesGroup ? r.Group : null,
                    SupportTotal = SupportVisibility.Amount(scope, r.SupportTotal),
                    CertificateNumber = issued.TryGetValue(r.Id, out var certificate) ? certificate.Number : null,
                    CertificateId = certificate?.Id,
                })
                .ToList();
            var order = c.OrderId is { } orderId ? await orderCourses.TotalsAsync(orderId, cancellationToken) : null;
            return new Result(c.Id, c.Name, c.InstitutionId, c.Institution, c.OrderId,
                c.Order is null ? null : $"{Fmt.Enum(c.Order.Kind)} {c.Order.DecisionNumber} (năm {c.Order.Year})",
                c.Order?.Budget, order?.Committed, c.Order?.Quota, order?.Enrolled,
                c.ProgrammeId, c.Programme, c.Occupation, c.Level, c.VenueCommuneId, c.Venue, c.VenueNow, c.VenueAddress, c.StartDate, c.EndDate,
                c.PlannedDays, c.Capacity, c.ActualUnitCost, c.AttendanceMode, c.State, c.StartedOn, c.FinishedOn, c.CancelledOn, c.CancelReason, c.Notes,
                c.Trainers, rows, CourseAccess.MayKeep(scope, c.InstitutionId, c.ProvinceId) && !scope.IsReadOnly, seesGroup,
                SupportVisibility.SeesAmounts(scope), stored.Sum(r => r.SupportTotal ?? 0));
        }
    }

    public Result Data { get; private set; } = null!;

    [BindProperty]
    public CourseStates.CancelCommand Cancel { get; set; } = new();

    [BindProperty]
    public Settlement.Command Settle { get; set; } = new();

    public Task<IActionResult> OnPostSettleAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(settleValidator, Settle,
            save: async () =>
            {
                var settled = await settlement.HandleAsync(id, Settle, cancellationToken);
                TempData["Message"] = $"Đã ghi nhận chi trả hỗ trợ cho {settled} người học.";
                return RedirectToPage(new { id });
            },
            reload: async () => Data = await handler.HandleAsync(id, cancellationToken), prefix: "Settle");

    public bool SeesPaymentList => User.Holds(CoursePolicies.ExportPayments);

    public async Task OnGetAsync(int id, CancellationToken cancellationToken) => Data = await handler.HandleAsync(id, cancellationToken);

    public async Task<IActionResult> OnGetPaymentListAsync(int id, CancellationToken cancellationToken)
    {
        var (name, content) = await paymentList.ExportAsync(id, cancellationToken);
        return File(content, Infrastructure.Export.XlsxBook.ContentType, name);
    }

    public Task<IActionResult> OnPostOpenAsync(int id, CancellationToken cancellationToken) =>
        Act(id, () => states.OpenAsync(id, cancellationToken), "Đã mở tuyển sinh: có thể ghi danh người học.", cancellationToken);

    public Task<IActionResult> OnPostStartAsync(int id, CancellationToken cancellationToken) =>
        Act(id, () => states.StartAsync(id, cancellationToken), "Lớp đã bắt đầu học: có thể điểm danh.", cancellationToken);

    public Task<IActionResult> OnPostFinishAsync(int id, CancellationToken cancellationToken) =>
        Act(id, () => states.FinishAsync(id, cancellationToken), "Lớp đã kết thúc; hỗ trợ đã được tính lại theo số ngày thực học.", cancellationToken);

    public Task<IActionResult> OnPostCancelAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(cancelValidator, Cancel,
            save: () => Act(id, () => states.CancelAsync(id, Cancel, cancellationToken), "Đã hủy lớp.", cancellationToken),
            reload: async () => Data = await handler.HandleAsync(id, cancellationToken), prefix: "Cancel");

    public Task<IActionResult> OnPostCertificatesAsync(int id, CancellationToken cancellationToken) =>
        this.ActAsync(async () =>
        {
            var issued = await certificates.IssueForCourseAsync(id, null, cancellationToken);
            TempData["Message"] = $"Đã cấp {issued.Count} chứng chỉ.";
            return RedirectToPage(new { id });
        }, async () => Data = await handler.HandleAsync(id, cancellationToken));

    private Task<IActionResult> Act(int id, Func<Task> action, string message, CancellationToken cancellationToken) =>
        this.ActAsync(async () =>
        {
            await action();
            TempData["Message"] = message;
            return RedirectToPage(new { id });
        }, async () => Data = await handler.HandleAsync(id, cancellationToken));
}
