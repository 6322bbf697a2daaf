using System.Security.Claims;
using System.Text.Encodings.Web;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
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
    TimeProvider clock,
    DaoTaoNghe.Infrastructure.Federation.TierSettings tier)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    /// <summary>The claim a key's principal carries with the key's <see cref="ApiKeyScope"/>.</summary>
    public const string ScopeClaim = "dtn:api-key-scope";

    public static bool HasApiKey(HttpRequest request) =>
        request.Headers.ContainsKey(HeaderName)
        || request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = ReadSecret();
        if (secret is null) return AuthenticateResult.NoResult();

        var hash = ApiKey.Hash(secret);
        var key = await db.ApiKeys.AsNoTracking().Include(k => k.User).SingleOrDefaultAsync(k => k.KeyHash == hash);
        var now = clock.GetUtcNow();
        var refusal = key switch
        {
            null or { RevokedAt: not null } => "Khóa API không hợp lệ hoặc đã bị thu hồi.",
            { ExpiresAt: { } expires } when expires <= now.UtcDateTime => "Khóa API đã hết hạn.",
            { User.IsDisabled: true } => "Tài khoản của khóa API đã bị vô hiệu hóa.",
            { User.LockoutEnd: { } lockedUntil } when lockedUntil > now => "Tài khoản của khóa API đang bị tạm khóa.",
            _ => null,
        };
        if (refusal is not null) return AuthenticateResult.Fail(refusal);

        var principal = await principals.CreateAsync(key!.User);
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value);
        if (DaoTaoNghe.Infrastructure.Federation.TierAccounts.Refusal(tier, roles) is { } wrongTier) return AuthenticateResult.Fail(wrongTier);
        await RecordUseAsync(key, now.UtcDateTime);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(ScopeClaim, key.Scope.ToString()));
        identity.AddClaim(new Claim(AppClaims.ApiKeyId, key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>
    /// First and last use, and from where: bookkeeping, not a change anyone made, so written directly
    /// outside the audit trail; the last use is rewritten when the address changes or a few minutes have passed.
    /// </summary>
    private async Task RecordUseAsync(ApiKey key, DateTime now)
    {
        var from = Context.Connection.RemoteIpAddress?.ToString();
        if (key.FirstUsedAt is null)
            await db.ApiKeys.Where(k => k.Id == key.Id && k.FirstUsedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.FirstUsedAt, now).SetProperty(k => k.FirstUsedFrom, from));
        if (key.LastUsedAt is null || key.LastUsedFrom != from || now - key.LastUsedAt > TimeSpan.FromMinutes(5))
            await db.ApiKeys.Where(k => k.Id == key.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now).SetProperty(k => k.LastUsedFrom, from));
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

public static class ApiKeyScopes
{
    /// <summary>A read-only key may send GET (and HEAD, OPTIONS) requests only: anything else is refused with 403.</summary>
    public static IApplicationBuilder UseApiKeyScopes(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var method = context.Request.Method;
            if (context.User.FindFirst(ApiKeyAuthenticationHandler.ScopeClaim)?.Value == nameof(ApiKeyScope.ReadOnly)
                && !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)))
                throw new ForbiddenException("Khóa API này chỉ được đọc dữ liệu (GET). Hãy dùng khóa đọc và ghi để gửi thay đổi.");
            return next(context);
        });
}
