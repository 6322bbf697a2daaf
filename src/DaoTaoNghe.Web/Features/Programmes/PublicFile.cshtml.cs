using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoTaoNghe.Features.Programmes;

/// <summary>A public material's file, for anyone studying on their own.</summary>
[AllowAnonymous]
public class PublicFile(MaterialDownloads downloads) : PageModel
{
    public Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) => downloads.PublicAsync(id, cancellationToken);
}
