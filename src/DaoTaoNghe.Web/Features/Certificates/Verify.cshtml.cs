using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Certificates;

/// <summary>
/// The public verification page the QR code opens, without sign-in: whether the certificate with
/// this code exists and is valid or revoked (since when), and only what is printed on it, the
/// holder's name partly masked. Nothing that would identify or locate the person further.
/// </summary>
[AllowAnonymous]
public class Verify(Verify.Handler handler) : PageModel
{
    public sealed record Result(string Number, string HolderName, string OccupationName, TrainingLevel Level, DateOnly IssuedOn, string InstitutionName,
        bool Valid, DateOnly? RevokedOn)
    {
        public string Title => CertificateNumbers.Title(Level);
    }

    public sealed class Handler(AppDbContext db) : IHandler
    {
        /// <summary>Null when no certificate has this code.</summary>
        public async Task<Result?> HandleAsync(string? code, CancellationToken cancellationToken = default)
        {
            if (CertificateNumbers.NormalizeCode(code) is not { } normalized) return null;
            var c = await db.Certificates.IgnoreQueryFilters().AsNoTracking().Where(c => c.VerificationCode == normalized)
                .Select(c => new { c.Number, c.HolderName, c.OccupationName, c.Level, c.IssuedOn, c.InstitutionName, c.RevokedOn })
                .SingleOrDefaultAsync(cancellationToken);
            return c is null ? null
                : new Result(c.Number, CertificateNumbers.MaskName(c.HolderName), c.OccupationName, c.Level, c.IssuedOn, c.InstitutionName, c.RevokedOn is null, c.RevokedOn);
        }
    }

    public Result? Data { get; private set; }
    public string Code { get; private set; } = "";

    /// <summary>The page the QR code opens (<c>/xac-minh/{code}</c>), or the form to type the code printed on the certificate.</summary>
    public async Task<IActionResult> OnGetAsync(string? code, [FromQuery(Name = "ma")] string? typed, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
            return string.IsNullOrWhiteSpace(typed) ? Page() : Redirect("/xac-minh/" + Uri.EscapeDataString(typed.Trim()));
        Code = code;
        Data = await handler.HandleAsync(code, cancellationToken);
        if (Data is null) Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
