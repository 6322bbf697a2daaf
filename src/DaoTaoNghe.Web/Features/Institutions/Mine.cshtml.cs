using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoTaoNghe.Features.Institutions;

/// <summary>Institution staff's way to their own institution's record.</summary>
[Authorize(Policy = CommonPolicies.OwnInstitution)]
public class Mine(DataScopeAccessor scope) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("Details", new { id = scope.Current.OrganisationId });
}
