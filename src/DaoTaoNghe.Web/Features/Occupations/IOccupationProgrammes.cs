using DaoTaoNghe.Infrastructure;

namespace DaoTaoNghe.Features.Occupations;

/// <summary>The programmes teaching each occupation, counted for the list of occupations by the area that keeps programmes.</summary>
[AreaContract]
public interface IOccupationProgrammes
{
    /// <summary>Active programmes per occupation, for the occupations asked (missing: none).</summary>
    Task<IReadOnlyDictionary<int, int>> ActiveCountsAsync(IReadOnlyCollection<int> occupationIds, CancellationToken cancellationToken);
}
