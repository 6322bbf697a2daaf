using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Support;
using DaoTaoNghe.Infrastructure.Audit;
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
/// One learner in one course: status, days, result, and the support with how it was derived and
/// any override, as far as <see cref="SupportVisibility"/> lets the caller see them. A view of a person's record, so every read is audited. Forms for what the caller
/// may do: travel and recomputing (the institution, before the course finishes), dropout, removing
/// a mistaken enrolment, and the province admin's override.
/// </summary>
[Authorize(Policy = CoursePolicies.Read)]
public class EnrolmentDetails(EnrolmentDetails.Handler handler, EnrolmentTravel.Handler travel, SupportOverride.Handler overrides,
    Dropout.Handler dropout, Unenrol unenrol, IValidator<EnrolmentTravel.Command> travelValidator, IValidator<SupportOverride.Command> overrideValidator,
    IValidator<Dropout.Command> dropoutValidator) : PageModel
{
    public sealed record Result(
        int Id, int CourseId, string CourseName, CourseState CourseState, DateOnly CourseStart, DateOnly CourseEnd, string InstitutionName, bool SelfFunded,
        long ActualUnitCost, int LearnerId, string FullName, DateOnly BirthDate, Sex Sex, string? Cccd, string ResidenceName, DateOnly EnrolledOn,
        EnrolmentStatus Status, int DaysAttended, DateOnly? ResultOn, double? Score, string? PassReason, DateOnly? DroppedOn, string? DropReason,
        double? DistanceKm, long? TravelFare, bool OtherPolicyPaid,
        string? RuleSetCode, SupportGroup? Group, long? ComputedTuition, long? ComputedMeals, long? ComputedTravel, IReadOnlyList<string> Derivation,
        DateTime? ComputedAt, long? OverrideTuition, long? OverrideMeals, long? OverrideTravel, string? OverrideReason, string? OverrideBy,
        DateTime? OverrideAt, long? SupportTotal, EnrolmentCertificate? Certificate, bool MayKeep, bool MayOverride, bool SeesGroup, bool SeesAmounts)
    {
        public bool Overridden => OverrideReason is not null;
        public bool SupportOpen => MayKeep && CourseState is not (CourseState.Finished or CourseState.Cancelled);
        public bool MayDrop => MayKeep && Status == EnrolmentStatus.Enrolled && CourseState is CourseState.Open or CourseState.Running;
        public bool MayRemove => MayKeep && CourseState is CourseState.Planned or CourseState.Open && Certificate is null;
    }

    public sealed class Handler(AppDbContext db, AuditTrail audit, IEnrolmentCertificates certificates) : IHandler
    {
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default)
        {
            var scope = db.Scope;
            var seesGroup = SupportVisibility.SeesGroup(scope);
            var seesAmounts = SupportVisibility.SeesAmounts(scope);
            var e = await db.Enrolments.AsNoTracking().Where(e => e.Id == id)
                        .Select(e => new Result(e.Id, e.CourseId, e.Course.Name, e.Course.State, e.Course.StartDate, e.Course.EndDate, e.Course.Institution.Name,
                            e.Course.OrderId == null, e.Course.ActualUnitCost, e.LearnerId, e.Learner.FullName, e.Learner.BirthDate, e.Learner.Sex, e.Learner.Cccd,
                            e.ResidenceCommune.Name, e.EnrolledOn, e.Status, e.DaysAttended, e.ResultOn, e.Score, e.PassReason, e.DroppedOn, e.DropReason, e.DistanceKm,
                            e.TravelFare, e.OtherPolicyPaid, e.SupportRuleSetCode, e.SupportGroup, e.SupportTuition, e.SupportMeals, e.SupportTravel,
                            new List<string> { seesGroup ? e.SupportDerivation : seesAmounts ? e.SupportDerivationWithoutGroup : "" }, e.SupportComputedAt, e.OverrideTuition, e.OverrideMeals, e.OverrideTravel,
                            e.OverrideReason, e.OverrideBy, e.OverrideAt, e.SupportTotal, null,
                            CourseAccess.MayKeep(scope, e.InstitutionId, e.ProvinceId) && !scope.IsReadOnly,
                            scope.IsProvinceAdmin && scope.ProvinceId == e.ProvinceId, seesGroup, seesAmounts))
                        .SingleOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException("Không tìm thấy người học trong lớp hoặc bạn không có quyền xem.");
            await audit.RecordViewAsync(nameof(Enrolment), id, $"{e.FullName} – lớp {e.CourseName}", cancellationToken);
            var derivation = e.Derivation[0].Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return e with
            {
                Cccd = LearnerAccess.ShowCccd(scope, e.Cccd),
                Group = seesGroup ? e.Group : null,
                Derivation = derivation,
                ComputedTuition = seesAmounts ? e.ComputedTuition : null,
                ComputedMeals = seesAmounts ? e.ComputedMeals : null,
                ComputedTravel = seesAmounts ? e.ComputedTravel : null,
                OverrideTuition = seesAmounts ? e.OverrideTuition : null,
                OverrideMeals = seesAmounts ? e.OverrideMeals : null,
                OverrideTravel = seesAmounts ? e.OverrideTravel : null,
                // The reason of an override usually names the person's situation.
                OverrideReason = seesGroup ? e.OverrideReason : e.OverrideReason is null ? null : "",
                SupportTotal = seesAmounts ? e.SupportTotal : null,
                Certificate = await certificates.ValidOfEnrolmentAsync(id, cancellationToken),
            };
        }
    }

    public Result Data { get; private set; } = null!;

    [BindProperty] public EnrolmentTravel.Command Travel { get; set; } = new();
    [BindProperty] public SupportOverride.Command Override { get; set; } = new();
    [BindProperty] public Dropout.Command Drop { get; set; } = new();

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        Travel = new EnrolmentTravel.Command { DistanceKm = Data.DistanceKm, TravelFare = Data.TravelFare, OtherPolicyPaid = Data.OtherPolicyPaid };
        Override = new SupportOverride.Command
        {
            Tuition = Data.OverrideTuition ?? Data.ComputedTuition, Meals = Data.OverrideMeals ?? Data.ComputedMeals,
            Travel = Data.OverrideTravel ?? Data.ComputedTravel, Reason = Data.OverrideReason ?? "",
        };
    }

    public Task<IActionResult> OnPostTravelAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(travelValidator, Travel,
            save: () => this.ActAsync(async () =>
            {
                await travel.HandleAsync(id, Travel, cancellationToken);
                return Done(id, "Đã lưu và tính lại hỗ trợ.");
            }, () => LoadAsync(id, cancellationToken), "Travel"),
            reload: () => LoadAsync(id, cancellationToken), prefix: "Travel");

    public Task<IActionResult> OnPostRecomputeAsync(int id, CancellationToken cancellationToken) =>
        this.ActAsync(async () =>
        {
            await travel.RecomputeAsync(id, cancellationToken);
            return Done(id, "Đã tính lại hỗ trợ.");
        }, () => LoadAsync(id, cancellationToken));

    public Task<IActionResult> OnPostOverrideAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(overrideValidator, Override,
            save: () => this.ActAsync(async () =>
            {
                await overrides.SetAsync(id, Override, cancellationToken);
                return Done(id, "Đã điều chỉnh mức hỗ trợ; thay đổi được ghi vào nhật ký hệ thống.");
            }, () => LoadAsync(id, cancellationToken), "Override"),
            reload: () => LoadAsync(id, cancellationToken), prefix: "Override");

    public Task<IActionResult> OnPostClearOverrideAsync(int id, CancellationToken cancellationToken) =>
        this.ActAsync(async () =>
        {
            await overrides.ClearAsync(id, cancellationToken);
            return Done(id, "Đã bỏ điều chỉnh; áp dụng lại mức hỗ trợ tính theo chính sách.");
        }, () => LoadAsync(id, cancellationToken));

    public Task<IActionResult> OnPostDropoutAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(dropoutValidator, Drop,
            save: () => this.ActAsync(async () =>
            {
                await dropout.HandleAsync(id, Drop, cancellationToken);
                return Done(id, "Đã ghi nhận bỏ học.");
            }, () => LoadAsync(id, cancellationToken), "Drop"),
            reload: () => LoadAsync(id, cancellationToken), prefix: "Drop");

    public Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken cancellationToken) =>
        this.ActAsync(async () =>
        {
            var courseId = (await handler.HandleAsync(id, cancellationToken)).CourseId;
            await unenrol.HandleAsync(id, cancellationToken);
            TempData["Message"] = "Đã xóa người học khỏi lớp.";
            return RedirectToPage("Details", new { id = courseId });
        }, () => LoadAsync(id, cancellationToken));

    private IActionResult Done(int id, string message)
    {
        TempData["Message"] = message;
        return RedirectToPage(new { id });
    }

    private async Task LoadAsync(int id, CancellationToken cancellationToken) => Data = await handler.HandleAsync(id, cancellationToken);
}
