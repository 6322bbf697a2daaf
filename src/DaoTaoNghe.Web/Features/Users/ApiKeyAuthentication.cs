using System.Text.Encodings.Web;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DaoTaoNghe.Features.Users;

public class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AppDbContext db,
    IUserClaimsPrincipalFactory<AppUser> principals,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    public static bool HasApiKey(HttpRequest request) =>
        request.Headers.ContainsKey(HeaderName)
        || request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = ReadSecret();
        if (secret is null) return AuthenticateResult.NoResult();

        var hash = ApiKey.Hash(secret);
        var key = await db.ApiKeys.AsNoTracking().Include(k => k.User)
            .SingleOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null);
        if (key is null || key.User.IsDisabled)
            return AuthenticateResult.Fail("Khóa API không hợp lệ hoặc đã bị thu hồi.");

        var now = clock.GetUtcNow().UtcDateTime;
        // Usage time is bookkeeping, not a change anyone made: written directly, outside the audit trail.
        if (key.LastUsedAt is null || now - key.LastUsedAt > TimeSpan.FromHours(1))
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now));

        var principal = await principals.CreateAsync(key.User);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private string? ReadSecret()
    {
        if (Request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrWhiteSpace(header))
            return header.ToString().Trim();
        var authorization = Request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization["Bearer ".Length..].Trim()
            : null;
    }
}
