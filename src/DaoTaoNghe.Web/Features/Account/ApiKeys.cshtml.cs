using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Users;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Account;

/// <summary>A user's keys for machine clients (an institution's own software). A key acts as its user, with the same scope.</summary>
public class ApiKeys(ApiKeyRing handler, TimeProvider clock) : PageModel
{
    public List<ApiKeyRing.Row> Keys { get; private set; } = [];

    [Display(Name = "Tên khóa")]
    [BindProperty]
    public string? Name { get; set; }

    [Display(Name = "Phạm vi")]
    [BindProperty]
    public ApiKeyScope Scope { get; set; } = ApiKeyScope.ReadOnly;

    [Display(Name = "Hết hạn sau ngày")]
    [BindProperty]
    public DateOnly? ExpiresOn { get; set; }

    public string? NewSecret { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ExpiresOn = VietnamTime.Today(clock).AddYears(1);
        Keys = await handler.ListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            NewSecret = await handler.CreateAsync(Name, Scope, ExpiresOn, cancellationToken);
            Name = null;
        }
        catch (ValidationFailedException failed)
        {
            foreach (var error in failed.Errors) ModelState.AddModelError(error.Field, error.Message);
        }
        Keys = await handler.ListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken cancellationToken)
    {
        await handler.RevokeAsync(id, cancellationToken);
        TempData["Message"] = "Đã thu hồi khóa API.";
        return RedirectToPage();
    }
}
