using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Users;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Account;

[AllowAnonymous]
public class Login(SignInManager<AppUser> signIn, UserManager<AppUser> users, AppDbContext db, AuditTrail audit, TimeProvider clock) : PageModel
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

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();

        var user = await users.FindByNameAsync(Data.UserName.Trim());
        var result = await signIn.PasswordSignInAsync(Data.UserName.Trim(), Data.Password, isPersistent: false, lockoutOnFailure: true);
        var provinceId = user is null ? (int?)null
            : await OrganisationDirectory.Visible(db).Where(o => o.Id == user.OrganisationId).Select(o => (int?)o.ProvinceId).SingleOrDefaultAsync();

        if (result.Succeeded)
        {
            // Bookkeeping, already covered by the sign-in audit line.
            await db.Users.Where(u => u.Id == user!.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, clock.GetUtcNow().UtcDateTime));
            await audit.RecordSignInAsync(user!.Id, user.UserName!, user.OrganisationId, provinceId, true, null);
            return LocalRedirect(SafeReturnUrl);
        }

        var reason = result.IsLockedOut
            ? "Tài khoản tạm thời bị khóa 15 phút do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau hoặc liên hệ quản trị."
            : result.IsNotAllowed
                ? "Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị hệ thống."
                : "Tên đăng nhập hoặc mật khẩu không đúng.";
        await audit.RecordSignInAsync(user?.Id, Data.UserName.Trim(), user?.OrganisationId, provinceId, false, reason);
        ModelState.AddModelError("", reason);
        return Page();
    }

    private string SafeReturnUrl => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/";
}
