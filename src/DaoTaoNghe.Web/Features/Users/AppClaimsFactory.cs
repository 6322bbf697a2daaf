using System.Security.Claims;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DaoTaoNghe.Features.Users;

/// <summary>Puts the user's organisation and the units it sits on into the principal, so scope needs no lookup per request.</summary>
public class AppClaimsFactory(
    UserManager<AppUser> users,
    RoleManager<AppRole> roles,
    IOptions<IdentityOptions> options,
    AppDbContext db)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var organisation = await OrganisationDirectory.Visible(db).AsNoTracking()
            .Where(o => o.Id == user.OrganisationId)
            .Select(o => new { o.Id, o.Name, o.Kind, o.UnitId, o.ProvinceId })
            .SingleAsync();
        identity.AddClaim(new Claim(AppClaims.FullName, user.FullName));
        identity.AddClaim(new Claim(AppClaims.OrganisationId, organisation.Id.ToString()));
        identity.AddClaim(new Claim(AppClaims.OrganisationName, organisation.Name));
        identity.AddClaim(new Claim(AppClaims.ProvinceId, organisation.ProvinceId.ToString()));
        if (organisation.Kind == OrganisationKind.CommuneGovernment)
            identity.AddClaim(new Claim(AppClaims.CommuneId, organisation.UnitId.ToString()));
        return identity;
    }
}
