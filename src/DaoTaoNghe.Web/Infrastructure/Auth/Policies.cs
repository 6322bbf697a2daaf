using System.Security.Claims;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Infrastructure.Auth;

/// <summary>A named permission and the roles that hold it, described in Vietnamese for the people who grant roles.</summary>
public sealed record Permission(string Name, string Description, params string[] Roles);

/// <summary>
/// An area's permissions. Pages (<c>[Authorize(Policy = …)]</c>), endpoints
/// (<c>.RequireAuthorization(…)</c>), import templates and the menu (which asks the page) all name
/// them, so who may do what is written once, here.
/// </summary>
public interface IAreaPolicies
{
    IEnumerable<Permission> Permissions { get; }
}

/// <summary>Permissions every area uses.</summary>
public sealed class CommonPolicies : IAreaPolicies
{
    public const string Administer = "quan-tri";
    public const string ReadProvince = "xem-toan-tinh";
    public const string Audit = "nhat-ky";
    public const string OwnInstitution = "co-so-cua-toi";
    public const string OwnEnterprise = "doanh-nghiep-cua-toi";

    /// <summary>
    /// Ethnicity, disability and household poverty are sensitive personal data (Luật 91/2025/QH15):
    /// shown to the commune officers who collect them, the province admin who approves support and
    /// the inspectors who check it; to nobody else, on records, lists or dashboards.
    /// </summary>
    public const string SensitivePersonalData = "du-lieu-nhay-cam";

    public IEnumerable<Permission> Permissions =>
    [
        new(Administer, "Quản trị của tỉnh: tài khoản, cơ quan, danh mục", Roles.ProvinceAdmin),
        new(ReadProvince, "Xem số liệu toàn tỉnh", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector),
        new(Audit, "Xem nhật ký hệ thống", Roles.ProvinceAdmin, Roles.Inspector),
        new(OwnInstitution, "Hồ sơ cơ sở đào tạo của mình", Roles.InstitutionStaff),
        new(OwnEnterprise, "Hồ sơ doanh nghiệp của mình", Roles.Enterprise),
        new(SensitivePersonalData, "Xem và ghi dữ liệu cá nhân nhạy cảm (dân tộc, khuyết tật, hộ nghèo)",
            Roles.ProvinceAdmin, Roles.CommuneOfficer, Roles.Inspector),
    ];
}

public static class Policies
{
    public static IReadOnlyDictionary<string, Permission> All { get; } =
        FeatureDiscovery.CreateAll<IAreaPolicies>().SelectMany(a => a.Permissions).ToDictionary(p => p.Name);

    public static bool Allows(string policy, string? role) =>
        All.TryGetValue(policy, out var permission)
            ? role is not null && permission.Roles.Contains(role)
            : throw new InvalidOperationException($"No permission is named {policy}.");

    /// <summary>
    /// Whether the signed-in person's role holds the permission: what a page asks before offering a
    /// button, so the button and the action behind it follow the same named policy.
    /// </summary>
    public static bool Holds(this ClaimsPrincipal user, string policy) => Allows(policy, user.FindFirstValue(ClaimTypes.Role));

    /// <summary>Whether the caller holds the permission; system work holds every one.</summary>
    public static bool Holds(this DataScope scope, string policy) => scope.IsSystem || Allows(policy, scope.Role);

    public static IServiceCollection AddAreaPolicies(this IServiceCollection services) =>
        services.AddAuthorization(options =>
        {
            foreach (var permission in All.Values)
                options.AddPolicy(permission.Name, policy => policy.RequireRole(permission.Roles));
        });
}
