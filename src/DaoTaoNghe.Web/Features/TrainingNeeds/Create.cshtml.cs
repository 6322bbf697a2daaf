using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.TrainingNeeds;

/// <summary>
/// A commune records a training need: one registered person's wish (learner, occupation, when), or
/// how many people want an occupation in a year when the survey was tallied. Per-person needs sit
/// in the person's commune; counts in a commune valid on the survey date.
/// </summary>
[Authorize(Policy = TrainingNeedPolicies.Write)]
public class Create(Create.Handler handler, NeedForm form, IValidator<Create.Command> validator, TimeProvider clock) : PageModel
{

    public sealed class Command
    {
        [Display(Name = "Người học")] public int? LearnerId { get; set; }
        [Display(Name = "Xã, phường")] public int? CommuneId { get; set; }
        [Display(Name = "Số người có nhu cầu")] public int? Count { get; set; }
        [Display(Name = "Nghề muốn học")] public int? OccupationId { get; set; }
        [Display(Name = "Năm muốn học")] public int? Year { get; set; }
        [Display(Name = "Thời gian mong muốn")] public PreferredTime? PreferredTime { get; set; }
        [Display(Name = "Ngày khảo sát")] public DateOnly? SurveyedOn { get; set; }
        [Display(Name = "Ghi chú")] public string? Notes { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.OccupationId).NotNull().WithMessage("Vui lòng chọn nghề muốn học.");
            RuleFor(c => c.SurveyedOn).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng nhập ngày khảo sát.")
                .Must(d => d >= new DateOnly(2015, 1, 1)).WithMessage("Ngày khảo sát phải từ năm 2015 trở đi.")
                .Must(d => d <= VietnamTime.Today(clock)).WithMessage("Ngày khảo sát không được sau hôm nay.");
            RuleFor(c => c.Year).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng nhập năm muốn học.")
                .Must((c, year) => c.SurveyedOn is not { } d || (year >= d.Year && year <= d.Year + 2))
                .WithMessage("Năm muốn học phải là năm khảo sát hoặc một, hai năm sau đó.");
            RuleFor(c => c.PreferredTime).IsInEnum().WithMessage("Thời gian mong muốn không hợp lệ.");
            RuleFor(c => c.CommuneId).NotNull().When(c => c.LearnerId is null).WithMessage("Vui lòng chọn xã, phường.");
            RuleFor(c => c.Count).Cascade(CascadeMode.Stop).NotNull().When(c => c.LearnerId is null).WithMessage("Vui lòng nhập số người có nhu cầu.")
                .InclusiveBetween(1, 100_000).When(c => c.LearnerId is null).WithMessage("Số người phải từ 1 đến 100.000.");
            RuleFor(c => c.Notes).MaximumLength(1000).WithMessage("Ghi chú tối đa 1.000 ký tự.");
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, OccupationChoices occupations, UnitChoices units, TimeProvider clock) : IHandler
    {
        public async Task<int> HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            if (db.Scope.Role is not (Roles.ProvinceAdmin or Roles.CommuneOfficer)) throw new ForbiddenException();
            var need = new TrainingNeed { RecordedBy = db.Scope.UserName ?? "", CreatedAt = clock.GetUtcNow().UtcDateTime };
            if (command.LearnerId is { } learnerId)
            {
                var learner = await LearnerDirectory.Visible(db).Where(l => l.Id == learnerId && l.MergedIntoId == null)
                                  .Select(l => new { l.Id, l.CommuneId, l.ProvinceId }).SingleOrDefaultAsync(cancellationToken)
                              ?? throw new ValidationFailedException(nameof(Command.LearnerId), "Không tìm thấy người học này trong phạm vi của bạn.");
                need.LearnerId = learner.Id;
                need.CommuneId = learner.CommuneId;
                need.ProvinceId = learner.ProvinceId;
            }
            await ApplyAsync(need, command, cancellationToken);
            db.TrainingNeeds.Add(need);
            await db.SaveChangesAsync(cancellationToken);
            return need.Id;
        }

        internal async Task ApplyAsync(TrainingNeed need, Command command, CancellationToken cancellationToken)
        {
            var errors = new List<FieldError>();
            if (!await occupations.IsActiveAsync(command.OccupationId!.Value, cancellationToken))
                errors.Add(new(nameof(Command.OccupationId), "Nghề đã chọn không có trong danh mục nghề đang dùng của tỉnh."));
            var year = command.Year!.Value;
            if (need.IsPerPerson)
            {
                if (await db.TrainingNeeds.IgnoreQueryFilters().AnyAsync(n => n.Id != need.Id && n.LearnerId == need.LearnerId
                                                                              && n.OccupationId == command.OccupationId && n.Year == year, cancellationToken))
                    errors.Add(new(nameof(Command.OccupationId), $"Người này đã có nhu cầu học nghề này năm {year}."));
            }
            else
            {
                var communeId = command.CommuneId!.Value;
                if (!await units.IsWritableCommuneAsync(communeId, command.SurveyedOn!.Value, cancellationToken))
                    errors.Add(new(nameof(Command.CommuneId), $"Xã, phường đã chọn không có hiệu lực vào ngày khảo sát {Fmt.Date(command.SurveyedOn)} hoặc nằm ngoài phạm vi của bạn."));
                else if (await db.TrainingNeeds.IgnoreQueryFilters().AnyAsync(n => n.Id != need.Id && n.LearnerId == null && n.CommuneId == communeId
                                                                                  && n.OccupationId == command.OccupationId && n.Year == year, cancellationToken))
                    errors.Add(new(nameof(Command.OccupationId), $"Xã, phường đã có số liệu nhu cầu học nghề này năm {year}; hãy sửa số liệu đó."));
                need.CommuneId = communeId;
                need.ProvinceId = await units.ProvinceOfAsync(communeId, cancellationToken) ?? 0;
            }
            if (errors.Count > 0) throw new ValidationFailedException(errors);
            need.Count = need.IsPerPerson ? 1 : command.Count!.Value;
            need.OccupationId = command.OccupationId.Value;
            need.Year = year;
            need.PreferredTime = command.PreferredTime;
            need.SurveyedOn = command.SurveyedOn!.Value;
            need.Notes = string.IsNullOrWhiteSpace(command.Notes) ? null : command.Notes.Trim();
        }
    }

    public sealed record Person(int Id, string FullName, DateOnly BirthDate, string CommuneName);

    [BindProperty]
    public Command Data { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    public NeedForm.Lists Lists { get; private set; } = null!;
    public Person? Learner { get; private set; }
    public List<Person> Candidates { get; private set; } = [];

    public async Task OnGetAsync([FromQuery(Name = "nguoi-hoc")] int? learnerId, CancellationToken cancellationToken)
    {
        var today = VietnamTime.Today(clock);
        Data.SurveyedOn = today;
        Data.Year = today.Year + (today.Month >= 10 ? 1 : 0);
        Data.LearnerId = learnerId;
        await LoadAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.HandleAsync(Data, cancellationToken);
                TempData["Message"] = "Đã ghi nhận nhu cầu học nghề.";
                return RedirectToPage("Index");
            },
            reload: () => LoadAsync(cancellationToken));

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Lists = await form.ListsAsync(cancellationToken);
        if (Data.LearnerId is { } id) Learner = await form.PersonAsync(id, cancellationToken);
        else if (!string.IsNullOrWhiteSpace(Search)) Candidates = await form.FindAsync(Search, cancellationToken);
    }
}

/// <summary>What the needs form offers: communes, occupations, and the learners the caller sees.</summary>
public sealed class NeedForm(AppDbContext db, UnitChoices units, OccupationChoices occupations) : IHandler
{
    public sealed record Lists(List<SelectListItem> Communes, List<SelectListItem> Occupations);

    public async Task<Lists> ListsAsync(CancellationToken cancellationToken) =>
        new(await units.WritableCommunesAsync(cancellationToken), await occupations.SelectListAsync(cancellationToken));

    public Task<Create.Person?> PersonAsync(int learnerId, CancellationToken cancellationToken) =>
        LearnerDirectory.Visible(db).AsNoTracking().Where(l => l.Id == learnerId && l.MergedIntoId == null)
            .Select(l => new Create.Person(l.Id, l.FullName, l.BirthDate, l.Commune.Name)).SingleOrDefaultAsync(cancellationToken);

    public Task<List<Create.Person>> FindAsync(string search, CancellationToken cancellationToken) =>
        LearnerDirectory.Visible(db).AsNoTracking().Where(l => l.MergedIntoId == null).WhereNameHasWords(l => l.SearchName, search, db.Database.IsNpgsql())
            .OrderBy(l => l.SearchName).Take(20)
            .Select(l => new Create.Person(l.Id, l.FullName, l.BirthDate, l.Commune.Name)).ToListAsync(cancellationToken);
}
