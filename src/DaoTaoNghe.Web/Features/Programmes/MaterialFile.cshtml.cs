using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoTaoNghe.Features.Programmes;

/// <summary>A material's file for a signed-in user who may see it (internal ones included).</summary>
public class MaterialFile(MaterialDownloads downloads) : PageModel
{
    public Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) => downloads.SignedInAsync(id, cancellationToken);
}
