using DaoTaoNghe.Infrastructure;

namespace DaoTaoNghe.Features.Support;

/// <summary>
/// What a new rule set's start changes elsewhere: the support of every enrolment not yet paid out
/// whose course starts on or after the set's first day, recomputed by the area that keeps enrolments,
/// in the caller's transaction (the caller saves).
/// </summary>
[AreaContract]
public interface ISupportRuleSetStart
{
    /// <summary>Recomputes them, tracked; returns one Vietnamese line per course changed ("Lớp …: 12 lượt ghi danh").</summary>
    Task<IReadOnlyList<string>> RecomputeFromAsync(int provinceId, DateOnly from, CancellationToken cancellationToken = default);

    /// <summary>What <see cref="RecomputeFromAsync"/> would change, read only: the same lines, for the preview of a start date already past.</summary>
    Task<IReadOnlyList<string>> PreviewFromAsync(int provinceId, DateOnly from, CancellationToken cancellationToken = default);
}
