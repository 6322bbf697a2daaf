using DaoTaoNghe.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DaoTaoNghe.Infrastructure.Federation;

/// <summary>
/// What a province publishes to the national tier: the tables <see cref="TableKinds"/> calls the province's records,
/// less the few below that every database also fills at start-up for every province and so would collide there.
/// </summary>
public static class ReplicatedTables
{
    public static IReadOnlyDictionary<string, string> HeldBack { get; } = new Dictionary<string, string>
    {
        // Unique (province_id, effective_from): each province's database holds QĐ 46 for all 34 provinces.
        ["support_rule_sets"] = "chính sách QĐ 46 được nạp khi khởi động cho mọi tỉnh ở mọi cơ sở dữ liệu",
        ["support_group_rules"] = "chính sách QĐ 46 (như trên)",
        ["support_travel_rules"] = "chính sách QĐ 46 (như trên)",
    };

    /// <summary>The tables a province publishes, in name order.</summary>
    public static IReadOnlyList<string> Of(IModel model) =>
        TableKinds.Replicated(model)
            .Select(e => e.GetTableName()!)
            .Distinct()
            .Where(t => !HeldBack.ContainsKey(t))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static bool IsReplicated(IEntityType entity) =>
        entity.GetTableName() is { } table && !HeldBack.ContainsKey(table)
        && entity.FindOwnership() is null && TableKinds.Of(entity) == TableKind.Province;
}
