using DaoTaoNghe.Infrastructure;

namespace DaoTaoNghe.Features.Map;

/// <summary>The organisations sitting on each unit, counted for the map's list by the area that keeps organisations.</summary>
[AreaContract]
public interface IUnitOrganisations
{
    /// <summary>Organisations per unit, as far as the caller sees them, for the units asked (missing: none).</summary>
    Task<IReadOnlyDictionary<int, int>> CountsAsync(IReadOnlyCollection<int> unitIds, CancellationToken cancellationToken);
}
