using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DaoTaoNghe.Infrastructure.Data;

/// <summary>Where a table's rows come from, which decides their keys and whether the national tier receives them (docs/federation.md).</summary>
public enum TableKind
{
    /// <summary>The province's own records (learners, courses, reports…): keys in the province's range, replicated to the national tier.</summary>
    Province,

    /// <summary>Official code lists loaded at start-up from ReferenceData/, the same rows with the same small keys in every instance: never replicated.</summary>
    Reference,

    /// <summary>This instance's own working data (accounts, audit, notifications, import jobs…): keys in the instance's range, never replicated.</summary>
    Instance,
}

/// <summary>Declares a table's <see cref="TableKind"/>; a table without it holds the province's records.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TableKindAttribute(TableKind kind) : Attribute
{
    public TableKind Kind => kind;
}

/// <summary>
/// On an int/long property that is not a foreign key but holds the key of a row in a province-ranged
/// table (an organisation, a user, the record a line is about), so renumbering moves it with that row.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RangedKeyAttribute : Attribute;

/// <summary>On a table whose keys the code chooses (a one-row state table), so they are left out of the key ranges.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class KeysChosenByCodeAttribute : Attribute;

public static class TableKinds
{
    public static TableKind Of(IReadOnlyEntityType entity)
    {
        var type = entity.ClrType;
        if (type.Namespace?.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal) == true) return TableKind.Instance;
        return type.GetCustomAttributes(typeof(TableKindAttribute), inherit: false) is [TableKindAttribute declared]
            ? declared.Kind
            : TableKind.Province;
    }

    /// <summary>The tables the national tier subscribes to: the province's records, nothing of the instance's own.</summary>
    public static IEnumerable<IEntityType> Replicated(IModel model) =>
        model.GetEntityTypes().Where(e => e.GetTableName() is not null && e.FindOwnership() is null && Of(e) == TableKind.Province);
}
