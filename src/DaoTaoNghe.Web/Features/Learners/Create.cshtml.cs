using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// Registers a person: the fields, this year's household status and the consent that allows the
/// sensitive ones. Before anything is saved the user sees a CCCD that disagrees with the person
/// and any record that may be the same person, and must confirm or open that record instead.
/// </summary>
[Authorize(Policy = LearnerPolicies.Write)]
public class Create(Create.Handler handler, LearnerForm form, IValidator<Create.Command> validator, PopulationChecks population) : PageModel
{
    public const string DefaultPurpose = "Quản lý đào tạo nghề, xét và chi trả hỗ trợ học nghề, theo dõi việc làm sau đào tạo";

    public sealed class Command : LearnerFields, IHouseholdAndConsent
    {
        [Display(Name = "Năm xác định hộ")] public int? HouseholdYear { get; set; }
        [Display(Name = "Tình trạng hộ gia đình")] public HouseholdStatus? HouseholdStatus { get; set; }
        [Display(Name = "Người học đồng ý cho xử lý dữ liệu cá nhân")] public bool ConsentGiven { get; set; }
        [Display(Name = "Ngày đồng ý")] public DateOnly? ConsentDate { get; set; }
        [Display(Name = "Mục đích xử lý dữ liệu")] public string? ConsentPurpose { get; set; }
        [Display(Name = "Cách người học thể hiện sự đồng ý")] public ConsentMethod? ConsentMethod { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleLevelCascadeMode = CascadeMode.Stop;
            Include(new LearnerFields.Validator(clock));
            Include(new HouseholdAndConsentRules<Command>(clock));
        }
    }

    /// <summary>The household status and consent given with a person's fields, by the form or by an import row.</summary>
    public interface IHouseholdAndConsent
    {
        int? HouseholdYear { get; }
        HouseholdStatus? HouseholdStatus { get; }
        bool ConsentGiven { get; }
        DateOnly? ConsentDate { get; }
        string? ConsentPurpose { get; }
        ConsentMethod? ConsentMethod { get; }
    }

    /// <summary>
    /// The rules of the household and consent fields on their own; whether sensitive data has a
    /// consent to rest on is the caller's rule (the form: the one given with it; an import: that or
    /// one already on record). Generic, so it is not registered as a validator of its own.
    /// </summary>
    public sealed class HouseholdAndConsentRules<T> : AbstractValidator<T> where T : IHouseholdAndConsent
    {
        public HouseholdAndConsentRules(TimeProvider clock)
        {
            RuleLevelCascadeMode = CascadeMode.Stop;
            var today = VietnamTime.Today(clock);
            RuleFor(c => c.HouseholdStatus).IsInEnum().WithMessage("Tình trạng hộ gia đình không hợp lệ.");
            RuleFor(c => c.HouseholdYear).NotNull().WithMessage("Vui lòng nhập năm xác định hộ nghèo, cận nghèo.")
                .InclusiveBetween(2015, today.Year + 1).WithMessage($"Năm xác định hộ phải từ 2015 đến {today.Year + 1}.")
                .When(c => c.HouseholdStatus is not null);
            When(c => c.ConsentGiven, () =>
            {
                RuleFor(c => c.ConsentDate).NotNull().WithMessage("Vui lòng nhập ngày người học đồng ý.")
                    .Must(d => d <= today).WithMessage("Ngày đồng ý không được sau ngày hôm nay.")
                    .Must(d => d >= new DateOnly(2015, 1, 1)).WithMessage("Ngày đồng ý phải từ năm 2015 trở đi.");
                RuleFor(c => c.ConsentPurpose).NotEmpty().WithMessage("Vui lòng nhập mục đích xử lý dữ liệu.")
                    .MaximumLength(300).WithMessage("Mục đích xử lý dữ liệu không được quá 300 ký tự.");
                RuleFor(c => c.ConsentMethod).NotNull().WithMessage("Vui lòng chọn cách người học thể hiện sự đồng ý (bằng chứng của sự đồng ý).")
                    .IsInEnum().WithMessage("Cách thể hiện sự đồng ý không hợp lệ.");
            });
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, LearnerFields.Writer writer, TimeProvider clock) : IHandler
    {
        public async Task<int> HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var learner = new Learner { CreatedAt = now };
            if (command.ConsentGiven)
                learner.Consents.Add(new LearnerConsent
                {
                    Purpose = command.ConsentPurpose!.Trim(), GivenOn = command.ConsentDate!.Value,
                    RecordedBy = db.Scope.UserName ?? "", RecordedAt = now, Method = command.ConsentMethod, NoticeVersion = ConsentNotice.Version,
                });
            await writer.ApplyAsync(learner, command, cancellationToken, command.HouseholdStatus);
            if (command.HouseholdStatus is { } status)
                learner.Households.Add(new LearnerHousehold { Year = command.HouseholdYear!.Value, Status = status });
            db.Learners.Add(learner);
            await writer.SaveAsync(learner, cancellationToken);
            return learner.Id;
        }
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public LearnerForm.Lists Options { get; private set; } = LearnerForm.Lists.None;
    public LearnerReviewResult Review { get; private set; } = LearnerReviewResult.Empty;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Options = await form.ListsAsync(cancellationToken);
        if (Options.Communes.Count == 1) Data.CommuneId = int.Parse(Options.Communes[0].Value);
        Data.HouseholdYear = form.Today.Year;
        // Consent is an act of the person: the box starts unticked, only the date and purpose are suggested.
        Data.ConsentDate = form.Today;
        Data.ConsentPurpose = DefaultPurpose;
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                var id = await handler.HandleAsync(Data, cancellationToken);
                // Whatever the registry answers, or fails to, the registration stands and the officer reads what happened.
                TempData["Message"] = "Đã đăng ký người học." + await population.AtRegistrationAsync(id, cancellationToken);
                return RedirectToPage("Details", new { id });
            },
            reload: async () =>
            {
                Options = await form.ListsAsync(cancellationToken);
                Review = await form.ReviewAsync(Data, null, cancellationToken);
            });
}

/// <summary>What the learner forms show besides the fields: the choices, and the review of what was typed.</summary>
public sealed class LearnerForm(UnitChoices units, LearnerReview review, AppDbContext db, TimeProvider clock) : IHandler
{
    public sealed record Lists(List<SelectListItem> Communes, List<SelectListItem> EthnicGroups)
    {
        public static Lists None { get; } = new([], []);
    }

    public DateOnly Today => VietnamTime.Today(clock);

    public async Task<Lists> ListsAsync(CancellationToken cancellationToken) => new(
        await units.CurrentCommunesAsync(cancellationToken),
        await EthnicGroupsAsync(db, cancellationToken));

    public Task<LearnerReviewResult> ReviewAsync(LearnerFields fields, int? excludeId, CancellationToken cancellationToken) =>
        review.ReviewAsync(fields.Cccd, fields.FullName, fields.BirthDate, fields.Sex, fields.CommuneId, excludeId, cancellationToken);

    /// <summary>The 54 groups by official code, Kinh first.</summary>
    public static Task<List<SelectListItem>> EthnicGroupsAsync(AppDbContext db, CancellationToken cancellationToken) =>
        EthnicGroupList.All(db).OrderBy(e => e.Code).Select(e => new SelectListItem(e.Name, e.Id.ToString())).ToListAsync(cancellationToken);
}
