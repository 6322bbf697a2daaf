using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Organisations;
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

namespace DaoTaoNghe.Features.Enterprises;

/// <summary>The province admin registers an enterprise or cooperative: its organisation and its profile, in one transaction.</summary>
[Authorize(Policy = CommonPolicies.Administer)]
public class Create(Create.Handler handler, UnitChoices units, IValidator<Create.Command> validator) : PageModel
{
    public class Command : OrganisationFields
    {
        [Display(Name = "Mã số thuế")] public string TaxCode { get; set; } = "";
        [Display(Name = "Loại hình")] public EnterpriseForm? Form { get; set; }
        [Display(Name = "Ngành, lĩnh vực chính")] public EnterpriseSector? Sector { get; set; }
        [Display(Name = "Quy mô")] public EnterpriseSize? Size { get; set; }
        [Display(Name = "Số lao động")] public int? Employees { get; set; }
        [Display(Name = "Người đại diện theo pháp luật")] public string? Representative { get; set; }
        [Display(Name = "Ngày thành lập")] public DateOnly? FoundedOn { get; set; }
        [Display(Name = "Ngành nghề kinh doanh, sản phẩm chính")] public string? MainActivities { get; set; }
    }

    public class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            Include(new OrganisationFieldsValidator<Command>());
            RuleFor(c => c.TaxCode).Custom((code, context) =>
            {
                if (Enterprises.TaxCode.Problem(code) is { } problem) context.AddFailure(problem);
            });
            RuleFor(c => c.Form).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng chọn loại hình doanh nghiệp.").IsInEnum();
            RuleFor(c => c.Sector).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng chọn ngành, lĩnh vực chính.").IsInEnum();
            RuleFor(c => c.Size).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng chọn quy mô doanh nghiệp.").IsInEnum();
            RuleFor(c => c.Employees).InclusiveBetween(0, 200_000).WithMessage("Số lao động phải từ 0 đến 200.000.");
            RuleFor(c => c.Representative).MaximumLength(200).WithMessage("Người đại diện tối đa 200 ký tự.");
            RuleFor(c => c.FoundedOn)
                .Must(d => d <= VietnamTime.Today(clock)).WithMessage("Ngày thành lập không được sau ngày hôm nay.")
                .Must(d => d >= new DateOnly(1950, 1, 1)).WithMessage("Ngày thành lập phải từ năm 1950 trở đi.")
                .When(c => c.FoundedOn is not null);
            RuleFor(c => c.MainActivities).MaximumLength(500).WithMessage("Ngành nghề kinh doanh tối đa 500 ký tự.");
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, UnitChoices units) : IHandler
    {
        public async Task<int> HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            db.Scope.EnsureMayManage(db.Scope.ProvinceId);
            var organisation = new Organisation { IsActive = true };
            await OrganisationFieldsWriter.ApplyAsync(db, units, organisation, OrganisationKind.Enterprise, command, cancellationToken);
            var profile = new EnterpriseProfile { Organisation = organisation };
            await ApplyAsync(db, profile, organisation, command, cancellationToken);
            OrganisationDirectory.Register(db, organisation);
            db.EnterpriseProfiles.Add(profile);
            await db.SaveChangesAsync(cancellationToken);
            return organisation.Id;
        }

        /// <summary>Copies the profile fields; a tax code already registered in the province for another enterprise is refused.</summary>
        internal static async Task ApplyAsync(AppDbContext db, EnterpriseProfile profile, Organisation organisation, Command command, CancellationToken cancellationToken)
        {
            var taxCode = TaxCode.Normalize(command.TaxCode);
            var holder = await db.EnterpriseProfiles.IgnoreQueryFilters()
                .Where(p => p.ProvinceId == organisation.ProvinceId && p.TaxCode == taxCode && p.OrganisationId != organisation.Id)
                .Select(p => p.Organisation.Name).FirstOrDefaultAsync(cancellationToken);
            if (holder is not null)
                throw new ValidationFailedException(nameof(Command.TaxCode), $"Mã số thuế {taxCode} đã được đăng ký cho {holder}.");
            profile.ProvinceId = organisation.ProvinceId;
            profile.TaxCode = taxCode;
            profile.Form = command.Form!.Value;
            profile.Sector = command.Sector!.Value;
            profile.Size = command.Size!.Value;
            profile.Employees = command.Employees;
            profile.Representative = TextValues.Clean(command.Representative);
            profile.FoundedOn = command.FoundedOn;
            profile.MainActivities = TextValues.Clean(command.MainActivities);
        }
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public List<SelectListItem> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Units = await units.ProvinceAndCommunesAsync(cancellationToken);

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                var id = await handler.HandleAsync(Data, cancellationToken);
                TempData["Message"] = $"Đã đăng ký {Data.Name.Trim()}.";
                return RedirectToPage("Details", new { id });
            },
            reload: async () => Units = await units.ProvinceAndCommunesAsync(cancellationToken));
}
