using DaoTaoNghe.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DaoTaoNghe.Infrastructure.Federation;

/// <summary>What a province publishes to the national tier: the tables <see cref="TableKinds"/> calls the province's records.</summary>
public static class ReplicatedTables
{
    /// <summary>The tables a province publishes, in name order.</summary>
    public static IReadOnlyList<string> Of(IModel model) =>
        TableKinds.Replicated(model)
            .Select(e => e.GetTableName()!)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    public static bool IsReplicated(IEntityType entity) =>
        entity.GetTableName() is not null && entity.FindOwnership() is null && TableKinds.Of(entity) == TableKind.Province;
}
