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
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Trainers;

/// <summary>Who a trainer is and what they teach; the keeping institution is chosen once, at creation.</summary>
public class TrainerFields
{
    [Display(Name = "Họ và tên")] public string FullName { get; set; } = "";
    [Display(Name = "Năm sinh")] public int? BirthYear { get; set; }
    [Display(Name = "Loại người dạy")] public TrainerKind? Kind { get; set; }
    [Display(Name = "Trình độ chuyên môn")] public string? Qualification { get; set; }
    [Display(Name = "Chứng chỉ sư phạm, danh hiệu")] public string? TeachingCertificate { get; set; }
    [Display(Name = "Điện thoại")] public string? Phone { get; set; }
    [Display(Name = "Ghi chú")] public string? Notes { get; set; }
    [Display(Name = "Nghề giảng dạy")] public List<int> OccupationIds { get; set; } = [];
    [Display(Name = "Cũng dạy cho cơ sở")] public List<int> OtherInstitutionIds { get; set; } = [];
}

public class TrainerFieldsValidator<T> : AbstractValidator<T> where T : TrainerFields
{
    public TrainerFieldsValidator(TimeProvider clock)
    {
        RuleFor(c => c.FullName).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Vui lòng nhập họ và tên.").MaximumLength(200).WithMessage("Họ và tên tối đa 200 ký tự.");
        RuleFor(c => c.BirthYear).InclusiveBetween(1930, VietnamTime.Today(clock).Year - 16)
            .WithMessage($"Năm sinh phải từ 1930 đến {VietnamTime.Today(clock).Year - 16}.");
        RuleFor(c => c.Kind).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng chọn loại người dạy (nhà giáo, nghệ nhân...).").IsInEnum();
        RuleFor(c => c.Qualification).MaximumLength(300).WithMessage("Trình độ chuyên môn tối đa 300 ký tự.");
        RuleFor(c => c.TeachingCertificate).MaximumLength(300).WithMessage("Chứng chỉ sư phạm, danh hiệu tối đa 300 ký tự.");
        RuleFor(c => c.Phone).MaximumLength(30).WithMessage("Điện thoại tối đa 30 ký tự.")
            .Matches(@"^[0-9 +().-]*$").WithMessage("Điện thoại chỉ gồm chữ số và các ký tự + ( ) . -");
        RuleFor(c => c.Notes).MaximumLength(2000).WithMessage("Ghi chú tối đa 2.000 ký tự.");
        RuleFor(c => c.OccupationIds).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Vui lòng chọn ít nhất một nghề giảng dạy.")
            .Must(ids => ids.Count <= 20).WithMessage("Chọn tối đa 20 nghề giảng dạy.");
    }
}

/// <summary>An institution (or the province admin for it) records a trainer.</summary>
[Authorize(Policy = TrainerPolicies.Write)]
public class Create(Create.Handler handler, TrainerFormChoices choices, IValidator<Create.Command> validator) : PageModel
{

    public sealed class Command : TrainerFields
    {
        [Display(Name = "Cơ sở quản lý hồ sơ")] public int? InstitutionId { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.InstitutionId).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng chọn cơ sở quản lý hồ sơ.");
            Include(new TrainerFieldsValidator<Command>(clock));
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
            var trainer = new Trainer { InstitutionId = institutionId };
            await ApplyAsync(trainer, command, institutions, occupations, cancellationToken);
            db.Trainers.Add(trainer);
            await db.SaveChangesAsync(cancellationToken);
            return trainer.Id;
        }

        /// <summary>Copies the fields and brings the occupation and institution links in line with the lists chosen.</summary>
        internal static async Task ApplyAsync(Trainer trainer, TrainerFields fields, InstitutionChoices institutions, OccupationChoices occupations,
            CancellationToken cancellationToken)
        {
            var occupationIds = fields.OccupationIds.Distinct().ToList();
            foreach (var id in occupationIds.Where(id => trainer.Occupations.All(o => o.OccupationId != id)))
                if (!await occupations.IsActiveAsync(id, cancellationToken))
                    throw new ValidationFailedException(nameof(TrainerFields.OccupationIds), "Nghề đã chọn không có trong danh mục nghề đang sử dụng của tỉnh.");
            var otherIds = fields.OtherInstitutionIds.Distinct().Where(id => id != trainer.InstitutionId).ToList();
            foreach (var id in otherIds.Where(id => trainer.OtherInstitutions.All(i => i.InstitutionId != id)))
                if (!await institutions.IsActiveAsync(id, cancellationToken))
                    throw new ValidationFailedException(nameof(TrainerFields.OtherInstitutionIds), "Cơ sở đào tạo đã chọn không có hoặc đã ngừng hoạt động.");

            trainer.SetName(fields.FullName);
            trainer.BirthYear = fields.BirthYear;
            trainer.Kind = fields.Kind!.Value;
            trainer.Qualification = TextValues.Clean(fields.Qualification);
            trainer.TeachingCertificate = TextValues.Clean(fields.TeachingCertificate);
            trainer.Phone = TextValues.Clean(fields.Phone);
            trainer.Notes = TextValues.Clean(fields.Notes);
            trainer.Occupations.RemoveAll(o => !occupationIds.Contains(o.OccupationId));
            foreach (var id in occupationIds.Where(id => trainer.Occupations.All(o => o.OccupationId != id)))
                trainer.Occupations.Add(new TrainerOccupation { OccupationId = id, OwnerInstitutionId = trainer.InstitutionId });
            trainer.OtherInstitutions.RemoveAll(i => !otherIds.Contains(i.InstitutionId));
            foreach (var id in otherIds.Where(id => trainer.OtherInstitutions.All(i => i.InstitutionId != id)))
                trainer.OtherInstitutions.Add(new TrainerInstitution { InstitutionId = id, OwnerInstitutionId = trainer.InstitutionId });
        }
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public TrainerFormChoices.Lists Lists { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery(Name = "co-so")] int? institutionId, CancellationToken cancellationToken)
    {
        Lists = await choices.LoadAsync(cancellationToken);
        Data.InstitutionId = institutionId ?? (Lists.KeptBy.Count == 1 ? int.Parse(Lists.KeptBy[0].Value) : null);
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                var id = await handler.HandleAsync(Data, cancellationToken);
                TempData["Message"] = $"Đã thêm người dạy {Data.FullName.Trim()}.";
                return RedirectToPage("Details", new { id });
            },
            reload: async () => Lists = await choices.LoadAsync(cancellationToken));
}

/// <summary>The lists of the trainer forms.</summary>
public sealed class TrainerFormChoices(InstitutionChoices institutions, OccupationChoices occupations) : IHandler
{
    public sealed record Lists(
        List<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> KeptBy,
        List<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> Institutions,
        List<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> Occupations);

    public async Task<Lists> LoadAsync(CancellationToken cancellationToken) =>
        new(await institutions.KeptByCallerAsync(cancellationToken), await institutions.SelectListAsync(cancellationToken),
            await occupations.SelectListAsync(cancellationToken));
}
