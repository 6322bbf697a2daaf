using DaoTaoNghe.Infrastructure;

namespace DaoTaoNghe.Features.Institutions;

/// <summary>The programmes each institution runs, counted for the list of institutions by the area that keeps programmes.</summary>
[AreaContract]
public interface IInstitutionProgrammes
{
    /// <summary>Active programmes per institution, for the institutions asked (missing: none).</summary>
    Task<IReadOnlyDictionary<int, int>> ActiveCountsAsync(IReadOnlyCollection<int> institutionIds, CancellationToken cancellationToken);
}
