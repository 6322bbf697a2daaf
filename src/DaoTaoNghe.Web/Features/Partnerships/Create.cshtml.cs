using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Enterprises;
using DaoTaoNghe.Features.Institutions;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace DaoTaoNghe.Features.Partnerships;

/// <summary>What an agreement covers; the enterprise that keeps it is chosen once, at creation.</summary>
public class PartnershipFields
{
    [Display(Name = "Cơ sở đào tạo")] public int? InstitutionId { get; set; }
    [Display(Name = "Nghề")] public int? OccupationId { get; set; }
    [Display(Name = "Số thỏa thuận, hợp đồng")] public string? AgreementNumber { get; set; }
    [Display(Name = "Có hiệu lực từ ngày")] public DateOnly? StartsOn { get; set; }
    [Display(Name = "Đến ngày")] public DateOnly? EndsOn { get; set; }
    [Display(Name = "Chỗ thực hành, thực tập mỗi năm")] public int? PracticePlaces { get; set; }
    [Display(Name = "Cử người tham gia giảng dạy")] public bool ProvidesTrainers { get; set; }
    [Display(Name = "Cam kết tuyển dụng (người)")] public int? HiringCommitment { get; set; }
    [Display(Name = "Hỗ trợ khác")] public string? OtherSupport { get; set; }
    [Display(Name = "Ghi chú")] public string? Notes { get; set; }
}

public class PartnershipFieldsValidator<T> : AbstractValidator<T> where T : PartnershipFields
{
    public PartnershipFieldsValidator()
    {
        RuleFor(c => c.InstitutionId).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng chọn cơ sở đào tạo.");
        RuleFor(c => c.OccupationId).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng chọn nghề.");
        RuleFor(c => c.AgreementNumber).MaximumLength(100).WithMessage("Số thỏa thuận tối đa 100 ký tự.");
        RuleFor(c => c.StartsOn).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng nhập ngày thỏa thuận có hiệu lực.")
            .Must(d => d >= new DateOnly(2010, 1, 1)).WithMessage("Ngày có hiệu lực phải từ năm 2010 trở đi.");
        RuleFor(c => c.EndsOn).Must((c, end) => end > c.StartsOn).When(c => c.EndsOn is not null && c.StartsOn is not null)
            .WithMessage("Ngày hết hiệu lực phải sau ngày có hiệu lực.");
        RuleFor(c => c.PracticePlaces).InclusiveBetween(0, 10_000).WithMessage("Số chỗ thực hành phải từ 0 đến 10.000.");
        RuleFor(c => c.HiringCommitment).InclusiveBetween(0, 10_000).WithMessage("Số người cam kết tuyển dụng phải từ 0 đến 10.000.");
        RuleFor(c => c.OtherSupport).MaximumLength(500).WithMessage("Hỗ trợ khác tối đa 500 ký tự.");
        RuleFor(c => c.Notes).MaximumLength(2000).WithMessage("Ghi chú tối đa 2.000 ký tự.");
        RuleFor(c => c.PracticePlaces)
            .Must((c, _) => c.PracticePlaces > 0 || c.ProvidesTrainers || c.HiringCommitment > 0 || !string.IsNullOrWhiteSpace(c.OtherSupport))
            .WithMessage("Vui lòng ghi ít nhất một nội dung doanh nghiệp tham gia: chỗ thực hành, người dạy, tuyển dụng hoặc hỗ trợ khác.");
    }
}

/// <summary>An enterprise (or the province admin for it) records a partnership agreement with an institution for an occupation.</summary>
[Authorize(Policy = PartnershipPolicies.Write)]
public class Create(Create.Handler handler, PartnershipFormChoices choices, IValidator<Create.Command> validator) : PageModel
{

    public sealed class Command : PartnershipFields
    {
        [Display(Name = "Doanh nghiệp")] public int? EnterpriseId { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.EnterpriseId).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng chọn doanh nghiệp.");
            Include(new PartnershipFieldsValidator<Command>());
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, EnterpriseChoices enterprises, InstitutionChoices institutions,
        OccupationChoices occupations) : IHandler
    {
        public async Task<int> HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var enterpriseId = command.EnterpriseId!.Value;
            if (!await enterprises.IsActiveAsync(enterpriseId, cancellationToken))
                throw new ValidationFailedException(nameof(Command.EnterpriseId), "Doanh nghiệp đã chọn không có hoặc đã ngừng hoạt động.");
            db.Scope.EnsureMayKeep(enterpriseId, db.Scope.ProvinceId);
            var partnership = new Partnership { EnterpriseId = enterpriseId };
            await ApplyAsync(partnership, command, institutions, occupations, cancellationToken);
            db.Partnerships.Add(partnership);
            await db.SaveChangesAsync(cancellationToken);
            return partnership.Id;
        }

        internal static async Task ApplyAsync(Partnership partnership, PartnershipFields fields, InstitutionChoices institutions,
            OccupationChoices occupations, CancellationToken cancellationToken)
        {
            if (fields.InstitutionId != partnership.InstitutionId && !await institutions.IsActiveAsync(fields.InstitutionId!.Value, cancellationToken))
                throw new ValidationFailedException(nameof(PartnershipFields.InstitutionId), "Cơ sở đào tạo đã chọn không có hoặc đã ngừng hoạt động.");
            if (fields.OccupationId != partnership.OccupationId && !await occupations.IsActiveAsync(fields.OccupationId!.Value, cancellationToken))
                throw new ValidationFailedException(nameof(PartnershipFields.OccupationId), "Nghề đã chọn không có trong danh mục nghề đang sử dụng của tỉnh.");
            partnership.InstitutionId = fields.InstitutionId!.Value;
            partnership.OccupationId = fields.OccupationId!.Value;
            partnership.AgreementNumber = TextValues.Clean(fields.AgreementNumber);
            partnership.StartsOn = fields.StartsOn!.Value;
            partnership.EndsOn = fields.EndsOn;
            partnership.PracticePlaces = fields.PracticePlaces;
            partnership.ProvidesTrainers = fields.ProvidesTrainers;
            partnership.HiringCommitment = fields.HiringCommitment;
            partnership.OtherSupport = TextValues.Clean(fields.OtherSupport);
            partnership.Notes = TextValues.Clean(fields.Notes);
        }
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public PartnershipFormChoices.Lists Lists { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery(Name = "doanh-nghiep")] int? enterpriseId, CancellationToken cancellationToken)
    {
        Lists = await choices.LoadAsync(cancellationToken);
        Data.EnterpriseId = enterpriseId ?? (Lists.Enterprises.Count == 1 ? int.Parse(Lists.Enterprises[0].Value) : null);
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                var id = await handler.HandleAsync(Data, cancellationToken);
                TempData["Message"] = "Đã ghi nhận thỏa thuận liên kết.";
                return RedirectToPage("Details", new { id });
            },
            reload: async () => Lists = await choices.LoadAsync(cancellationToken));
}

/// <summary>The select lists of the partnership forms: an enterprise only ever picks itself.</summary>
public sealed class PartnershipFormChoices(AppDbContext db, EnterpriseChoices enterprises, InstitutionChoices institutions, OccupationChoices occupations) : IHandler
{
    public sealed record Lists(List<SelectListItem> Enterprises, List<SelectListItem> Institutions, List<SelectListItem> Occupations);

    public async Task<Lists> LoadAsync(CancellationToken cancellationToken)
    {
        var scope = db.Scope;
        var kept = (await enterprises.ActiveAsync(cancellationToken))
            .Where(e => scope.IsProvinceAdmin || (scope.Level == ScopeLevel.Enterprise && e.Id == scope.OrganisationId))
            .Select(e => new SelectListItem(e.Label, e.Id.ToString())).ToList();
        return new Lists(kept, await institutions.SelectListAsync(cancellationToken), await occupations.SelectListAsync(cancellationToken));
    }
}
