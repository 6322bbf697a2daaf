using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
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

namespace DaoTaoNghe.Features.Institutions;

/// <summary>The province admin registers a training institution: its organisation and its licence details, in one transaction.</summary>
[Authorize(Policy = CommonPolicies.Administer)]
public class Create(Create.Handler handler, UnitChoices units, IValidator<Create.Command> validator) : PageModel
{
    public class Command : OrganisationFields
    {
        [Display(Name = "Loại hình")] public InstitutionType? Type { get; set; }
        [Display(Name = "Số giấy chứng nhận đăng ký hoạt động GDNN")] public string? LicenceNumber { get; set; }
        [Display(Name = "Ngày cấp giấy chứng nhận")] public DateOnly? LicensedOn { get; set; }
        [Display(Name = "Quy mô đào tạo (người/năm)")] public int? Capacity { get; set; }
        [Display(Name = "Người đứng đầu")] public string? Head { get; set; }
        [Display(Name = "Cơ sở vật chất, thiết bị")] public string? Facilities { get; set; }

        [Display(Name = "Tỷ lệ số ngày học tối thiểu để công nhận đạt (%)")]
        public int? MinimumAttendancePercent { get; set; }
    }

    public class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            Include(new OrganisationFieldsValidator<Command>());
            RuleFor(c => c.Type).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng chọn loại hình cơ sở đào tạo.").IsInEnum();
            RuleFor(c => c.LicenceNumber).MaximumLength(100).WithMessage("Số giấy chứng nhận tối đa 100 ký tự.");
            RuleFor(c => c.LicensedOn)
                .Must(d => d <= VietnamTime.Today(clock)).WithMessage("Ngày cấp giấy chứng nhận không được sau ngày hôm nay.")
                .Must(d => d >= new DateOnly(1990, 1, 1)).WithMessage("Ngày cấp giấy chứng nhận phải từ năm 1990 trở đi.")
                .When(c => c.LicensedOn is not null);
            RuleFor(c => c.Capacity).InclusiveBetween(0, 100_000).WithMessage("Quy mô đào tạo phải từ 0 đến 100.000 người/năm.");
            RuleFor(c => c.Head).MaximumLength(200).WithMessage("Người đứng đầu tối đa 200 ký tự.");
            RuleFor(c => c.Facilities).MaximumLength(2000).WithMessage("Cơ sở vật chất tối đa 2.000 ký tự.");
            RuleFor(c => c.MinimumAttendancePercent).InclusiveBetween(InstitutionAttendance.LowestPercent, 100)
                .WithMessage($"Tỷ lệ số ngày học tối thiểu phải từ {InstitutionAttendance.LowestPercent} đến 100 %; để trống là {InstitutionAttendance.DefaultMinimumPercent} %.");
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, UnitChoices units) : IHandler
    {
        public async Task<int> HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            db.Scope.EnsureMayManage(db.Scope.ProvinceId);
            var organisation = new Organisation { IsActive = true };
            await OrganisationFieldsWriter.ApplyAsync(db, units, organisation, OrganisationKind.TrainingInstitution, command, cancellationToken);
            var profile = new InstitutionProfile { Organisation = organisation };
            Apply(profile, organisation, command);
            OrganisationDirectory.Register(db, organisation);
            db.InstitutionProfiles.Add(profile);
            await db.SaveChangesAsync(cancellationToken);
            return organisation.Id;
        }

        internal static void Apply(InstitutionProfile profile, Organisation organisation, Command command)
        {
            profile.ProvinceId = organisation.ProvinceId;
            profile.Type = command.Type!.Value;
            profile.LicenceNumber = TextValues.Clean(command.LicenceNumber);
            profile.LicensedOn = command.LicensedOn;
            profile.Capacity = command.Capacity;
            profile.Head = TextValues.Clean(command.Head);
            profile.Facilities = TextValues.Clean(command.Facilities);
            profile.MinimumAttendancePercent = command.MinimumAttendancePercent;
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
                TempData["Message"] = $"Đã thêm cơ sở đào tạo {Data.Name.Trim()}.";
                return RedirectToPage("Details", new { id });
            },
            reload: async () => Units = await units.ProvinceAndCommunesAsync(cancellationToken));
}
