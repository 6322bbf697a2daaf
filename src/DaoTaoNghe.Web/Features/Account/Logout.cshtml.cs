using DaoTaoNghe.Features.Users;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoTaoNghe.Features.Account;

public class Logout(SignInManager<AppUser> signIn, AuditTrail audit) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Home/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await audit.RecordSignOutAsync();
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
