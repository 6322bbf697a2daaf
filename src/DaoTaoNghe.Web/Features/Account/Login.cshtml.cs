using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Users;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Federation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Account;

[AllowAnonymous]
/// <summary>
/// Sign-in that tells an outsider nothing: an unknown name and a wrong password get the same words
/// after the same work (a password hash is checked either way), and guessing is slowed by
/// <see cref="SignInThrottle"/> rather than by locking the account, which anyone could do to anyone.
/// </summary>
public class Login(SignInManager<AppUser> signIn, UserManager<AppUser> users, SignInThrottle throttle, AppDbContext db, AuditTrail audit, TimeProvider clock, TierSettings tier) : PageModel
{
    public sealed class Command
    {
        [Display(Name = "Tên đăng nhập")]
        [Required(ErrorMessage = "Vui lòng nhập tên đăng nhập.")]
        public string UserName { get; set; } = "";

        [Display(Name = "Mật khẩu")]
        [Required(ErrorMessage = "Vui lòng nhập mật khẩu.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl) : Page();

    public const string Wrong = "Tên đăng nhập hoặc mật khẩu không đúng.";

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();

        var name = Data.UserName.Trim();
        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "";
        if (throttle.WaitFor(address, name) is { } wait)
        {
            var waitText = wait.TotalSeconds < 60 ? $"{Math.Ceiling(wait.TotalSeconds)} giây" : $"{Math.Ceiling(wait.TotalMinutes)} phút";
            return await RefuseAsync(null, name, null, $"Đã nhập sai nhiều lần từ máy này. Vui lòng đợi {waitText} rồi thử lại.");
        }
        var delay = throttle.DelayFor(name);
        if (delay > TimeSpan.Zero) await Task.Delay(delay);

        var user = await users.FindByNameAsync(name);
        bool passwordIsRight;
        if (user is null)
        {
            // The same work as checking a real password, so the answer's time does not tell the name is unknown.
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), throttle.DummyHash(users.PasswordHasher), Data.Password);
            passwordIsRight = false;
        }
        else passwordIsRight = await users.CheckPasswordAsync(user, Data.Password);
        var provinceId = user is null ? (int?)null
            : await OrganisationDirectory.Visible(db).Where(o => o.Id == user.OrganisationId).Select(o => (int?)o.ProvinceId).SingleOrDefaultAsync();

        if (!passwordIsRight)
        {
            throttle.Failed(address, name);
            return await RefuseAsync(user, name, provinceId, Wrong);
        }
        // Province accounts are not replicated, yet a national database could hold one made by hand.
        if (TierAccounts.Refusal(tier, await users.GetRolesAsync(user!)) is { } wrongTier)
            return await RefuseAsync(user, name, provinceId, wrongTier);
        // Only someone who knows the password learns that the account is disabled.
        if (!await signIn.CanSignInAsync(user!))
            return await RefuseAsync(user, name, provinceId, "Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị hệ thống.");

        throttle.Succeeded(address, name);
        await signIn.SignInAsync(user!, isPersistent: false);
        // Bookkeeping, already covered by the sign-in audit line.
        await db.Users.Where(u => u.Id == user!.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, clock.GetUtcNow().UtcDateTime));
        await audit.RecordSignInAsync(user!.Id, user.UserName!, user.OrganisationId, provinceId, true, null);
        return LocalRedirect(SafeReturnUrl);
    }

    private async Task<IActionResult> RefuseAsync(AppUser? user, string name, int? provinceId, string reason)
    {
        await audit.RecordSignInAsync(user?.Id, name, user?.OrganisationId, provinceId, false, reason);
        ModelState.AddModelError("", reason);
        return Page();
    }

    private string SafeReturnUrl => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/";
}
