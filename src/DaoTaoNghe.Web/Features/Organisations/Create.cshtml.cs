using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace DaoTaoNghe.Features.Organisations;

[Authorize(Policy = CommonPolicies.Administer)]
public class Create(Create.Handler handler, UnitChoices units, IValidator<Create.Command> validator) : PageModel
{
    /// <summary>The fields an organisation is created or edited with.</summary>
    public class Command
    {
        [Display(Name = "Tên cơ quan, đơn vị")] public string Name { get; set; } = "";
        [Display(Name = "Tên viết tắt")] public string? ShortName { get; set; }
        [Display(Name = "Loại")] public OrganisationKind? Kind { get; set; }
        [Display(Name = "Địa bàn")] public int? UnitId { get; set; }
        [Display(Name = "Địa chỉ")] public string? Address { get; set; }
        [Display(Name = "Điện thoại")] public string? Phone { get; set; }
        [Display(Name = "Email")] public string? Email { get; set; }
    }

    public class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Vui lòng nhập tên cơ quan, đơn vị.").MaximumLength(300);
            RuleFor(c => c.ShortName).MaximumLength(100);
            RuleFor(c => c.Kind).NotNull().WithMessage("Vui lòng chọn loại cơ quan, đơn vị.").IsInEnum();
            RuleFor(c => c.UnitId).NotNull().WithMessage("Vui lòng chọn địa bàn.");
            RuleFor(c => c.Address).MaximumLength(300);
            RuleFor(c => c.Phone).MaximumLength(30).Matches(@"^[0-9 +().-]*$").WithMessage("Điện thoại chỉ gồm chữ số và các ký tự + ( ) . -");
            RuleFor(c => c.Email).MaximumLength(200).EmailAddress().WithMessage("Email không hợp lệ.");
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, UnitChoices units) : IHandler
    {
        public async Task<int> HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var organisation = new Organisation { IsActive = true };
            await Apply(db, units, organisation, command, cancellationToken);
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync(cancellationToken);
            return organisation.Id;
        }

        /// <summary>Copies the command onto the organisation; the unit must be the caller's province or one of its current communes.</summary>
        internal static async Task Apply(AppDbContext db, UnitChoices units, Organisation organisation, Command command, CancellationToken cancellationToken)
        {
            var provinceId = await units.ProvinceOfAsync(command.UnitId!.Value, cancellationToken);
            if (provinceId is null || (!db.Scope.IsSystem && provinceId != db.Scope.ProvinceId))
                throw new ValidationFailedException(nameof(Command.UnitId), "Địa bàn phải là tỉnh của bạn hoặc một xã, phường của tỉnh.");
            organisation.SetName(command.Name);
            organisation.ShortName = Clean(command.ShortName);
            organisation.Kind = command.Kind!.Value;
            organisation.UnitId = command.UnitId.Value;
            organisation.ProvinceId = provinceId.Value;
            organisation.Address = Clean(command.Address);
            organisation.Phone = Clean(command.Phone);
            organisation.Email = Clean(command.Email);
        }

        private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
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
                TempData["Message"] = $"Đã thêm {Data.Name.Trim()}.";
                return RedirectToPage("Details", new { id });
            },
            reload: async () => Units = await units.ProvinceAndCommunesAsync(cancellationToken));
}
