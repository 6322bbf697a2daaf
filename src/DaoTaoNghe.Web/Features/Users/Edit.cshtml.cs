using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
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

/// <summary>The province admin edits an account of their province: details, organisation, role, disabling, a new password.</summary>
[Authorize(Policy = UserPolicies.ManageAccounts)]
public class Edit(Edit.Handler handler, Create.OrganisationChoices organisations, AuditTrail audit, IValidator<Edit.Command> validator) : PageModel
{
    public sealed class Command : Create.Command
    {
        [Display(Name = "Vô hiệu hóa tài khoản")] public bool IsDisabled { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TierSettings tier) => Include(new Create.Validator(tier));
    }

    public sealed record Status(string UserName, bool IsLockedOut, DateTime? LastSignInAt, DateTime CreatedAt);

    public sealed class Handler(AppDbContext db, UserManager<AppUser> users, IValidator<Command> validator, SignInThrottle throttle, TierRoles tier, TimeProvider clock) : IHandler
    {
        public async Task<(Command Command, Status Status)> LoadAsync(int id, CancellationToken cancellationToken = default)
        {
            var user = await FindAsync(id, cancellationToken);
            var role = (await users.GetRolesAsync(user)).FirstOrDefault();
            return (new Command
            {
                FullName = user.FullName, Email = user.Email, PhoneNumber = user.PhoneNumber,
                OrganisationId = user.OrganisationId, Role = role, IsDisabled = user.IsDisabled,
            }, new Status(user.UserName!, user.LockoutEnd > clock.GetUtcNow() || throttle.IsSlowed(user.UserName!), user.LastSignInAt, user.CreatedAt));
        }

        public async Task HandleAsync(int id, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            await Create.Handler.EnsureFitsAsync(db, tier, command, cancellationToken);
            var user = await FindAsync(id, cancellationToken);
            if (user.Id == db.Scope.UserId && (command.IsDisabled || command.Role != tier.AdminRole))
                throw new ValidationFailedException(nameof(Command.Role), "Bạn không thể tự vô hiệu hóa hoặc bỏ quyền quản trị của chính mình.");

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var wasDisabled = user.IsDisabled;
            var organisationChanged = user.OrganisationId != command.OrganisationId;
            user.FullName = command.FullName.Trim();
            user.Email = Create.Handler.Clean(command.Email);
            user.PhoneNumber = Create.Handler.Clean(command.PhoneNumber);
            user.OrganisationId = command.OrganisationId!.Value;
            user.IsDisabled = command.IsDisabled;
            Create.Handler.ThrowOnFailure(await users.UpdateAsync(user), "");
            await ApiKeyRing.RevokeForAsync(db, user, command.Role!, clock.GetUtcNow().UtcDateTime, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);

            var currentRoles = await users.GetRolesAsync(user);
            if (!currentRoles.SequenceEqual([command.Role!]))
            {
                Create.Handler.ThrowOnFailure(await users.RemoveFromRolesAsync(user, currentRoles), nameof(Command.Role));
                Create.Handler.ThrowOnFailure(await users.AddToRoleAsync(user, command.Role!), nameof(Command.Role));
            }
            // Other sessions of this user pick up the new role, organisation or disabling within a minute.
            if (wasDisabled != user.IsDisabled || organisationChanged || !currentRoles.SequenceEqual([command.Role!]))
                await users.UpdateSecurityStampAsync(user);
            await transaction.CommitAsync(cancellationToken);
        }

        public async Task ResetPasswordAsync(int id, string newPassword, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(newPassword))
                throw new ValidationFailedException("NewPassword", "Vui lòng nhập mật khẩu mới.");
            var user = await FindAsync(id, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var token = await users.GeneratePasswordResetTokenAsync(user);
            Create.Handler.ThrowOnFailure(await users.ResetPasswordAsync(user, token, newPassword), "NewPassword");
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await transaction.CommitAsync(cancellationToken);
            throttle.Clear(user.UserName!);
        }

        /// <summary>Forgets the account's wrong passwords from every address, so its sign-in is neither slowed nor refused.</summary>
        public async Task UnlockAsync(int id, CancellationToken cancellationToken = default)
        {
            var user = await FindAsync(id, cancellationToken);
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            throttle.Clear(user.UserName!);
        }

        private async Task<AppUser> FindAsync(int id, CancellationToken cancellationToken) =>
            await tier.Accounts().SingleOrDefaultAsync(u => u.Id == id, cancellationToken)
            ?? throw new NotFoundException("Không tìm thấy tài khoản.");
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public Status Account { get; private set; } = null!;
    public List<SelectListItem> Organisations { get; private set; } = [];

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        (Data, Account) = await handler.LoadAsync(id, cancellationToken);
        Organisations = await organisations.ForProvinceAsync(cancellationToken);
        await audit.RecordViewAsync(nameof(AppUser), id, $"Xem tài khoản {Account.UserName}", cancellationToken);
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.HandleAsync(id, Data, cancellationToken);
                TempData["Message"] = "Đã lưu tài khoản.";
                return RedirectToPage("Edit", new { id });
            },
            reload: () => ReloadAsync(id, cancellationToken));

    public async Task<IActionResult> OnPostResetPasswordAsync(int id, string newPassword, CancellationToken cancellationToken)
    {
        try
        {
            await handler.ResetPasswordAsync(id, newPassword, cancellationToken);
            TempData["Message"] = "Đã đặt mật khẩu mới và mở khóa tài khoản.";
            return RedirectToPage("Edit", new { id });
        }
        catch (ValidationFailedException failed)
        {
            ModelState.Clear();
            failed.AddTo(ModelState, prefix: "");
            await ReloadAsync(id, cancellationToken);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostUnlockAsync(int id, CancellationToken cancellationToken)
    {
        await handler.UnlockAsync(id, cancellationToken);
        TempData["Message"] = "Đã mở khóa: các lần nhập sai mật khẩu của tài khoản được xóa.";
        return RedirectToPage("Edit", new { id });
    }

    private async Task ReloadAsync(int id, CancellationToken cancellationToken)
    {
        var (loaded, status) = await handler.LoadAsync(id, cancellationToken);
        Account = status;
        if (string.IsNullOrEmpty(Data.FullName)) Data = loaded;
        Organisations = await organisations.ForProvinceAsync(cancellationToken);
    }
}
