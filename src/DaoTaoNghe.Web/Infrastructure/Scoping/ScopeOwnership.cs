namespace DaoTaoNghe.Infrastructure.Scoping;

/// <summary>
/// Who owns a record for writing: the commune it belongs to and/or the organisation that keeps it.
/// A caller may write it when their commune or organisation is one of these, or when they are the
/// province admin of the owner's province (given directly, or found from the commune or organisation).
/// </summary>
public readonly record struct ScopeOwner(int? CommuneId, int? OrganisationId, int? ProvinceId = null)
{
    public static ScopeOwner Commune(int communeId) => new(communeId, null);
    public static ScopeOwner Organisation(int organisationId) => new(null, organisationId);
}

/// <summary>A record the write guard checks on every insert, update and delete.</summary>
public interface IScopeOwned
{
    ScopeOwner Owner { get; }
}
