using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Users;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Account;

/// <summary>A user's keys for machine clients (an institution's own software). A key acts as its user, with the same scope.</summary>
public class ApiKeys(ApiKeyRing handler) : PageModel
{
    public List<ApiKeyRing.Row> Keys { get; private set; } = [];

    [Display(Name = "Tên khóa")]
    [BindProperty]
    public string? Name { get; set; }

    public string? NewSecret { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Keys = await handler.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            NewSecret = await handler.CreateAsync(Name, cancellationToken);
            Name = null;
        }
        catch (ValidationFailedException failed)
        {
            ModelState.AddModelError(nameof(Name), failed.Message);
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
