using DaoTaoNghe.Infrastructure;

namespace DaoTaoNghe.Features.Support;

/// <summary>
/// What uses a rule set, asked by the support area before a set is deleted; implemented by the area
/// that keeps what uses it (the enrolments whose support it computed).
/// </summary>
[AreaContract]
public interface ISupportRuleSetUses
{
    /// <summary>What uses the set, in Vietnamese ("3 lượt ghi danh của 2 lớp: …"); null when nothing does.</summary>
    Task<string?> DescribeAsync(int ruleSetId, CancellationToken cancellationToken = default);
}
