using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Federation;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Users;

[Authorize(Policy = UserPolicies.ManageAccounts)]
public class Create(Create.Handler handler, Create.OrganisationChoices organisations, IValidator<Create.NewUser> validator) : PageModel
{
    public class Command
    {
        [Display(Name = "Họ và tên")] public string FullName { get; set; } = "";
        [Display(Name = "Email")] public string? Email { get; set; }
        [Display(Name = "Điện thoại")] public string? PhoneNumber { get; set; }
        [Display(Name = "Cơ quan, đơn vị")] public int? OrganisationId { get; set; }
        [Display(Name = "Vai trò")] public string? Role { get; set; }
    }

    public sealed class NewUser : Command
    {
        [Display(Name = "Tên đăng nhập")] public string UserName { get; set; } = "";
        [Display(Name = "Mật khẩu ban đầu")] public string Password { get; set; } = "";
    }

    public class Validator : AbstractValidator<Command>
    {
        public Validator(TierSettings tier)
        {
            RuleFor(c => c.FullName).NotEmpty().WithMessage("Vui lòng nhập họ và tên.").MaximumLength(200);
            RuleFor(c => c.Email).EmailAddress().WithMessage("Email không hợp lệ.").MaximumLength(200);
            RuleFor(c => c.PhoneNumber).Matches(@"^[0-9 +().-]*$").WithMessage("Điện thoại chỉ gồm chữ số và các ký tự + ( ) . -").MaximumLength(30);
            RuleFor(c => c.OrganisationId).NotNull().WithMessage("Vui lòng chọn cơ quan, đơn vị.");
            RuleFor(c => c.Role).NotEmpty().WithMessage("Vui lòng chọn vai trò.")
                .Must(r => TierRoles.Of(tier).Contains(r!)).WithMessage(tier.IsNational
                    ? "Vai trò không hợp lệ: hệ thống cấp quốc gia chỉ có tài khoản cấp quốc gia."
                    : "Vai trò không hợp lệ: hệ thống của tỉnh chỉ có tài khoản của tỉnh.");
        }
    }

    public sealed class NewUserValidator : AbstractValidator<NewUser>
    {
        public NewUserValidator(TierSettings tier)
        {
            Include(new Validator(tier));
            RuleFor(c => c.UserName).NotEmpty().WithMessage("Vui lòng nhập tên đăng nhập.")
                .Matches("^[a-zA-Z0-9._@-]{3,50}$").WithMessage("Tên đăng nhập gồm 3–50 ký tự: chữ không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang hoặc @.");
            RuleFor(c => c.Password).NotEmpty().WithMessage("Vui lòng nhập mật khẩu ban đầu.");
        }
    }

    /// <summary>The organisations an account of this tier may belong to (the admin's province's; nationally the ministry's), for the account form.</summary>
    public sealed class OrganisationChoices(AppDbContext db, TierRoles tier) : IHandler
    {
        public Task<List<SelectListItem>> ForProvinceAsync(CancellationToken cancellationToken = default) =>
            OrganisationDirectory.Visible(db).AsNoTracking()
                .Where(o => tier.OrganisationIds().Contains(o.Id) && o.IsActive)
                .OrderBy(o => o.Kind).ThenBy(o => o.Name)
                .Select(o => new SelectListItem(o.Name, o.Id.ToString()))
                .ToListAsync(cancellationToken);
    }

    public sealed class Handler(AppDbContext db, UserManager<AppUser> users, IValidator<NewUser> validator, TierRoles tier, TimeProvider clock) : IHandler
    {
        public async Task<int> HandleAsync(NewUser command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            await EnsureFitsAsync(db, tier, command, cancellationToken);
            if (await users.FindByNameAsync(command.UserName.Trim()) is not null)
                throw new ValidationFailedException(nameof(NewUser.UserName), $"Tên đăng nhập \"{command.UserName.Trim()}\" đã có người dùng.");

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var user = new AppUser
            {
                UserName = command.UserName.Trim(),
                FullName = command.FullName.Trim(),
                Email = Clean(command.Email),
                PhoneNumber = Clean(command.PhoneNumber),
                OrganisationId = command.OrganisationId!.Value,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            ThrowOnFailure(await users.CreateAsync(user, command.Password), nameof(NewUser.Password));
            ThrowOnFailure(await users.AddToRoleAsync(user, command.Role!), nameof(Command.Role));
            await transaction.CommitAsync(cancellationToken);
            return user.Id;
        }

        /// <summary>The organisation must be one of this tier's (the admin's province's) and of the kind the role works for.</summary>
        internal static async Task EnsureFitsAsync(AppDbContext db, TierRoles tier, Command command, CancellationToken cancellationToken)
        {
            var organisation = await OrganisationDirectory.Visible(db).AsNoTracking()
                .Where(o => o.Id == command.OrganisationId && tier.OrganisationIds().Contains(o.Id))
                .Select(o => new { o.Name, o.Kind })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new ValidationFailedException(nameof(Command.OrganisationId), "Cơ quan, đơn vị không thuộc tỉnh của bạn.");
            if (await tier.MisplacedAsync(command.Role!, command.OrganisationId!.Value, cancellationToken) is { } misplaced)
                throw new ValidationFailedException(nameof(Command.OrganisationId), misplaced);
            if (!RoleRules.Fits(command.Role!, organisation.Kind))
                throw new ValidationFailedException(nameof(Command.Role),
                    $"Vai trò \"{Roles.DisplayName(command.Role)}\" không dùng cho loại đơn vị \"{Fmt.Enum(organisation.Kind)}\" ({organisation.Name}).");
        }

        internal static void ThrowOnFailure(IdentityResult result, string field)
        {
            if (!result.Succeeded)
                throw new ValidationFailedException(result.Errors.Select(e => new FieldError(field, e.Description)).ToList());
        }

        internal static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    [BindProperty]
    public NewUser Data { get; set; } = new();

    public List<SelectListItem> Organisations { get; private set; } = [];

    public async Task OnGetAsync(int? organisationId, CancellationToken cancellationToken)
    {
        Data.OrganisationId = organisationId;
        Organisations = await organisations.ForProvinceAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                var id = await handler.HandleAsync(Data, cancellationToken);
                TempData["Message"] = $"Đã tạo tài khoản {Data.UserName.Trim()}. Hãy trao mật khẩu ban đầu cho người dùng và đề nghị đổi ngay khi đăng nhập.";
                return RedirectToPage("Edit", new { id });
            },
            reload: async () => Organisations = await organisations.ForProvinceAsync(cancellationToken));
}
