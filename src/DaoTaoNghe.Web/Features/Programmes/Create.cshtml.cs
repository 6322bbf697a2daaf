using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Institutions;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
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

namespace DaoTaoNghe.Features.Programmes;

/// <summary>What a programme is, as its institution describes it; the institution itself is chosen once, at creation.</summary>
public class ProgrammeFields
{
    [Display(Name = "Nghề")] public int? OccupationId { get; set; }
    [Display(Name = "Trình độ")] public TrainingLevel? Level { get; set; }
    [Display(Name = "Tên chương trình")] public string Name { get; set; } = "";
    [Display(Name = "Mã chương trình")] public string? Code { get; set; }
    [Display(Name = "Thời lượng (giờ)")] public int? DurationHours { get; set; }
    [Display(Name = "Chương trình ngành, nghề trọng điểm")] public bool IsKey { get; set; }
    [Display(Name = "Ngày ban hành chương trình")] public DateOnly? ApprovedOn { get; set; }
    [Display(Name = "Mô tả, mục tiêu")] public string? Description { get; set; }
}

public class ProgrammeFieldsValidator<T> : AbstractValidator<T> where T : ProgrammeFields
{
    /// <summary>Luật Giáo dục nghề nghiệp: a sơ cấp programme has at least 300 hours of study.</summary>
    public const int ElementaryMinimumHours = 300;

    public ProgrammeFieldsValidator(TimeProvider clock)
    {
        RuleFor(c => c.OccupationId).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng chọn nghề.");
        RuleFor(c => c.Level).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng chọn trình độ đào tạo.").IsInEnum();
        RuleFor(c => c.Name).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Vui lòng nhập tên chương trình.").MaximumLength(300).WithMessage("Tên chương trình tối đa 300 ký tự.");
        RuleFor(c => c.Code).MaximumLength(50).WithMessage("Mã chương trình tối đa 50 ký tự.");
        RuleFor(c => c.DurationHours).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng nhập thời lượng (giờ).")
            .InclusiveBetween(1, 10_000).WithMessage("Thời lượng phải từ 1 đến 10.000 giờ.");
        RuleFor(c => c.DurationHours).GreaterThanOrEqualTo(ElementaryMinimumHours)
            .When(c => c.Level == TrainingLevel.Elementary && c.DurationHours is > 0)
            .WithMessage($"Chương trình trình độ sơ cấp phải có tối thiểu {ElementaryMinimumHours} giờ học.");
        RuleFor(c => c.ApprovedOn)
            .Must(d => d <= VietnamTime.Today(clock)).WithMessage("Ngày ban hành không được sau ngày hôm nay.")
            .Must(d => d >= new DateOnly(1990, 1, 1)).WithMessage("Ngày ban hành phải từ năm 1990 trở đi.")
            .When(c => c.ApprovedOn is not null);
        RuleFor(c => c.ApprovedOn)
            .Must((c, d) => c.Level is not { } level || level.IsAvailableOn(d!.Value))
            .When(c => c.ApprovedOn is not null)
            .WithMessage($"Trình độ trung học nghề chỉ áp dụng từ ngày {Fmt.Date(TrainingLevels.VocationalSecondaryFrom)}.");
        RuleFor(c => c.Description).MaximumLength(2000).WithMessage("Mô tả tối đa 2.000 ký tự.");
    }
}

/// <summary>An institution (or the province admin for it) adds a programme it teaches.</summary>
[Authorize(Policy = ProgrammePolicies.Write)]
public class Create(Create.Handler handler, ProgrammeFormChoices choices, IValidator<Create.Command> validator) : PageModel
{

    public sealed class Command : ProgrammeFields
    {
        [Display(Name = "Cơ sở đào tạo")] public int? InstitutionId { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.InstitutionId).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng chọn cơ sở đào tạo.");
            Include(new ProgrammeFieldsValidator<Command>(clock));
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, InstitutionChoices institutions, OccupationChoices occupations) : IHandler
    {
        public async Task<int> HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var institutionId = command.InstitutionId!.Value;
            if (!await institutions.IsActiveAsync(institutionId, cancellationToken))
                throw new ValidationFailedException(nameof(Command.InstitutionId), "Cơ sở đào tạo đã chọn không có hoặc đã ngừng hoạt động.");
            db.Scope.EnsureMayKeep(institutionId, db.Scope.ProvinceId);
            var programme = new Programme { InstitutionId = institutionId };
            await ApplyAsync(db, occupations, programme, command, cancellationToken);
            db.Programmes.Add(programme);
            await db.SaveChangesAsync(cancellationToken);
            return programme.Id;
        }

        internal static async Task ApplyAsync(AppDbContext db, OccupationChoices occupations, Programme programme, ProgrammeFields fields,
            CancellationToken cancellationToken)
        {
            if (fields.OccupationId != programme.OccupationId && !await occupations.IsActiveAsync(fields.OccupationId!.Value, cancellationToken))
                throw new ValidationFailedException(nameof(ProgrammeFields.OccupationId), "Nghề đã chọn không có trong danh mục nghề đang sử dụng của tỉnh.");
            programme.OccupationId = fields.OccupationId!.Value;
            programme.Level = fields.Level!.Value;
            programme.SetName(fields.Name, fields.Code);
            programme.DurationHours = fields.DurationHours!.Value;
            programme.IsKey = fields.IsKey;
            programme.ApprovedOn = fields.ApprovedOn;
            programme.Description = TextValues.Clean(fields.Description);
        }
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public List<SelectListItem> Institutions { get; private set; } = [];
    public List<SelectListItem> Occupations { get; private set; } = [];

    public async Task OnGetAsync([FromQuery(Name = "co-so")] int? institutionId, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Data.InstitutionId = institutionId ?? (Institutions.Count == 1 ? int.Parse(Institutions[0].Value) : null);
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                var id = await handler.HandleAsync(Data, cancellationToken);
                TempData["Message"] = "Đã thêm chương trình đào tạo. Bạn có thể thêm mô-đun, định mức và học liệu cho chương trình.";
                return RedirectToPage("Details", new { id });
            },
            reload: () => LoadAsync(cancellationToken));

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Institutions = await choices.InstitutionsAsync(cancellationToken);
        Occupations = await choices.OccupationsAsync(cancellationToken);
    }
}

/// <summary>The select lists of the programme forms.</summary>
public sealed class ProgrammeFormChoices(InstitutionChoices institutions, OccupationChoices occupations) : IHandler
{
    public Task<List<SelectListItem>> InstitutionsAsync(CancellationToken cancellationToken) => institutions.KeptByCallerAsync(cancellationToken);

    public Task<List<SelectListItem>> OccupationsAsync(CancellationToken cancellationToken) => occupations.SelectListAsync(cancellationToken);
}
