using DaoTaoNghe.Features.Users;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoTaoNghe.Features.Account;

public class Logout(SignInManager<AppUser> signIn, AuditTrail audit) : PageModel
{
    // Signing out changes state, so it takes the form's POST (with its token); a GET just goes home.
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await audit.RecordSignOutAsync();
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
