using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Infrastructure.Scoping;

/// <summary>The app's DbContext as the scope machinery sees it: query filters read <see cref="Scope"/> on every query.</summary>
public interface IScopedDbContext
{
    DataScope Scope { get; }
}

/// <summary>An administrative unit as scope rules see it: its province and the commune of today it rolls up into.</summary>
public interface IScopeUnit
{
    int Id { get; }
    int? ProvinceId { get; }
    int? RollUpUnitId { get; }
}

/// <summary>An organisation as scope rules see it.</summary>
public interface IScopeOrganisation
{
    int Id { get; }
    int ProvinceId { get; }
}

/// <summary>
/// Where units sit, for the write guard: implemented by the area that keeps the map, and queried on
/// the context being saved (past every filter), so the guard needs no DbContext of its own.
/// </summary>
public interface IScopeUnits
{
    Task<int?> ProvinceOfUnitAsync(DbContext db, int unitId, CancellationToken cancellationToken);
    Task<int?> RollUpOfUnitAsync(DbContext db, int unitId, CancellationToken cancellationToken);
}

/// <summary>Where organisations sit, for the write guard: implemented by the area that keeps organisations.</summary>
public interface IScopeOrganisations
{
    Task<int?> ProvinceOfOrganisationAsync(DbContext db, int organisationId, CancellationToken cancellationToken);
}
