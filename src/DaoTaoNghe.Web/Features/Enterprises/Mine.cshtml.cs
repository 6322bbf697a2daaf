using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoTaoNghe.Features.Enterprises;

/// <summary>An enterprise's way to its own profile.</summary>
[Authorize(Policy = CommonPolicies.OwnEnterprise)]
public class Mine(DataScopeAccessor scope) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("Details", new { id = scope.Current.OrganisationId });
}
