using System.Security.Claims;
using DaoTaoNghe.Infrastructure.Auth;

namespace DaoTaoNghe.Infrastructure.Scoping;

/// <summary>How far a caller's view of the data reaches.</summary>
public enum ScopeLevel
{
    Nobody = 0,
    System,
    Province,
    Commune,
    Institution,
    Enterprise,
    EmploymentCentre,
    SocialPolicyBank,

    /// <summary>The national tier's ministry users: every province's records, read-only.</summary>
    National,

    /// <summary>
    /// A province's system on the national tier (<see cref="Roles.ProvinceReconciliation"/>): no record of any
    /// province, only the shared-person cases of its own province (<see cref="DataScope.ProvinceId"/>).
    /// </summary>
    ProvinceReconciliation,
}

/// <summary>
/// What the current caller may see and write, derived once per request from the signed-in user's
/// role and organisation. Query filters and the write guard read it; ids are 0 when not applicable
/// so that filters compare plain integers.
/// </summary>
public sealed class DataScope
{
    private DataScope(ScopeLevel level, string? role, int userId, string? userName, int organisationId, int provinceId, int communeId)
    {
        Level = level;
        Role = role;
        UserId = userId;
        UserName = userName;
        OrganisationId = organisationId;
        ProvinceId = provinceId;
        CommuneId = communeId;
    }

    /// <summary>Anonymous callers: sees no private record, writes nothing.</summary>
    public static DataScope Nobody { get; } = new(ScopeLevel.Nobody, null, 0, null, 0, 0, 0);

    /// <summary>Start-up, seeding and background jobs that act for nobody in particular.</summary>
    public static DataScope System { get; } = new(ScopeLevel.System, null, 0, "hệ thống", 0, 0, 0);

    /// <summary>
    /// This caller's own change, checked by its handler, that the write guard's per-record rule cannot
    /// allow (a resident moving out of the commune officer's commune takes their records along): saved
    /// past the guard, audited under the caller's name. Use for one save, then restore the caller's scope.
    /// </summary>
    public DataScope PastWriteGuard() => new(ScopeLevel.System, Role, UserId, UserName, OrganisationId, ProvinceId, CommuneId);

    public ScopeLevel Level { get; }
    public string? Role { get; }
    public int UserId { get; }
    public string? UserName { get; }
    public int OrganisationId { get; }
    public int ProvinceId { get; }
    public int CommuneId { get; }

    public bool IsSystem => Level == ScopeLevel.System;

    /// <summary>Query filters let system work and the national tier's users read every record.</summary>
    public bool SeesEverything => Level is ScopeLevel.System or ScopeLevel.National;
    public bool IsAuthenticated => UserId != 0;

    /// <summary>Province admin, department officers and inspectors read everything in their province.</summary>
    public bool SeesWholeProvince => Level == ScopeLevel.Province;

    /// <summary>Inspectors only read; anonymous callers write nothing private.</summary>
    public bool IsReadOnly => Level is ScopeLevel.Nobody or ScopeLevel.National or ScopeLevel.ProvinceReconciliation || Role == Roles.Inspector;

    public bool IsProvinceAdmin => Role == Roles.ProvinceAdmin;

    /// <summary>
    /// Whether the caller may open an organisation's own lists (its trainers, its agreements): the
    /// organisation itself, or whoever reads the whole province the organisation was found in.
    /// </summary>
    public bool OpensListsOf(int organisationId) => SeesEverything || SeesWholeProvince || OrganisationId == organisationId;

    public static DataScope ForUser(string role, int userId, string userName, int organisationId, int provinceId, int communeId)
    {
        var level = role switch
        {
            Roles.ProvinceAdmin or Roles.DepartmentOfficer or Roles.Inspector => ScopeLevel.Province,
            Roles.CommuneOfficer => ScopeLevel.Commune,
            Roles.InstitutionStaff => ScopeLevel.Institution,
            Roles.Enterprise => ScopeLevel.Enterprise,
            Roles.EmploymentCentre => ScopeLevel.EmploymentCentre,
            Roles.SocialPolicyBank => ScopeLevel.SocialPolicyBank,
            Roles.NationalAdmin or Roles.MinistryOfficer or Roles.NationalInspector => ScopeLevel.National,
            Roles.ProvinceReconciliation => ScopeLevel.ProvinceReconciliation,
            _ => ScopeLevel.Nobody,
        };
        return new DataScope(level, role, userId, userName, organisationId, provinceId, level == ScopeLevel.Commune ? communeId : 0);
    }

    public static DataScope FromPrincipal(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return Nobody;
        var role = principal.FindFirstValue(ClaimTypes.Role);
        if (role is null) return Nobody;
        return ForUser(
            role,
            ReadInt(principal, ClaimTypes.NameIdentifier),
            principal.Identity.Name ?? "",
            ReadInt(principal, AppClaims.OrganisationId),
            ReadInt(principal, AppClaims.ProvinceId),
            ReadInt(principal, AppClaims.CommuneId));
    }

    private static int ReadInt(ClaimsPrincipal principal, string type) =>
        int.TryParse(principal.FindFirstValue(type), out var value) ? value : 0;
}

/// <summary>Holds the scope of the current unit of work (a request or a background job).</summary>
public sealed class DataScopeAccessor
{
    public DataScope Current { get; set; } = DataScope.Nobody;

    /// <summary>
    /// The address the work was asked from when no request carries it: a background job run for the
    /// user who started it records their address, so its audit lines say from where.
    /// </summary>
    public string? ClientAddress { get; set; }
}
