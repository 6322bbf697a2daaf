using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using System.Security.Claims;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Federation;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DaoTaoNghe.Features.Users;

public static class AuthSetup
{
    public const string CookieOrApiKey = "CookieOrApiKey";

    public static IServiceCollection AddAppAuthentication(this IServiceCollection services)
    {
        services.AddIdentityCore<AppUser>(options =>
            {
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = false;
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
            })
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserManager<AppUserManager>()
            .AddSignInManager<AppSignInManager>()
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddErrorDescriber<VietnameseIdentityErrors>()
            .AddPasswordValidator<CommonPasswords>()
            .AddDefaultTokenProviders();

        services.AddOptions<IdentityOptions>().Configure<IHostEnvironment>((options, environment) =>
        {
            if (!environment.IsDevelopment()) options.Password.RequiredLength = CommonPasswords.ProductionLength;
        });
        services.AddSingleton<SignInThrottle>();

        // Tests may lower the hashing cost; production keeps Identity's default.
        services.AddOptions<PasswordHasherOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            if (configuration.GetValue<int?>("Identity:PasswordHashIterations") is { } iterations) options.IterationCount = iterations;
        });

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieOrApiKey;
                options.DefaultChallengeScheme = CookieOrApiKey;
            })
            .AddPolicyScheme(CookieOrApiKey, "Cookie hoặc khóa API", options =>
                options.ForwardDefaultSelector = context => ApiKeyAuthenticationHandler.HasApiKey(context.Request)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();

        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).PostConfigure<IConfiguration>((options, configuration) =>
        {
            // Behind the TLS proxy every request is HTTPS; Always keeps the cookie Secure even if one were not.
            if (ReverseProxy.IsConfigured(configuration)) options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });
        services.AddOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>().PostConfigure<IConfiguration>((options, configuration) =>
        {
            if (ReverseProxy.IsConfigured(configuration)) options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "dtn.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.IsApi()) context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                else context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
            // A session of the other tier's account (a cookie carried over from a province's instance, should the two share their
            // data-protection keys) is no session here: refused on every request, as the sign-in refuses the account.
            var stamp = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = async context =>
            {
                var tier = context.HttpContext.RequestServices.GetRequiredService<TierSettings>();
                if (TierAccounts.Refusal(tier, context.Principal?.FindAll(ClaimTypes.Role).Select(c => c.Value) ?? []) is not null)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                await stamp(context);
            };
            // A refusal is an answer, not a redirect: the status-code page (or ProblemDetails) explains it.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        // A disabled account or a reset password takes effect within a minute on other sessions.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAreaPolicies();
        return services;
    }
}

/// <summary>Refuses disabled accounts at sign-in, on top of Identity's lockout.</summary>
public class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user) =>
        !user.IsDisabled && await base.CanSignInAsync(user);
}
