using System.Globalization;
using System.Reflection;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace DaoTaoNghe.DbTool;

/// <summary>
/// The model the migrations produce, per provider, is recorded as an EF model snapshot
/// (<c>Snapshots/{Provider}ModelSnapshot.cs</c>, written by <c>add</c> with EF's own snapshot generator).
/// Diffing it against the current model with EF's own differ is what <c>HasPendingModelChanges</c>
/// does: it sees every change EF can express (columns, types, lengths, defaults, collations, keys,
/// indexes with filters and methods, foreign keys with their actions, check constraints, sequences,
/// extensions), also those a database cannot show (lengths on SQLite).
/// </summary>
public sealed class ModelDiff
{
    public const string SnapshotNamespace = "DaoTaoNghe.DbTool.Snapshots";

    private ModelDiff(DatabaseProvider provider, IReadOnlyList<MigrationOperation> operations, IRelationalModel? recorded, IRelationalModel current, string? latestMigration)
    {
        Provider = provider;
        Operations = operations;
        Recorded = recorded;
        Current = current;
        LatestMigration = latestMigration;
    }

    public DatabaseProvider Provider { get; }
    public IReadOnlyList<MigrationOperation> Operations { get; }
    public IRelationalModel? Recorded { get; }
    public IRelationalModel Current { get; }

    /// <summary>The migration id the snapshot was recorded with (null: no snapshot yet).</summary>
    public string? LatestMigration { get; }

    public static string SnapshotClassName(DatabaseProvider provider) => $"{provider}ModelSnapshot";

    public static ModelDiff For(AppDbContext db)
    {
        var provider = db.Database.IsSqlite() ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
        var current = db.GetService<IDesignTimeModel>().Model;
        var snapshotType = typeof(ModelDiff).Assembly.GetType($"{SnapshotNamespace}.{SnapshotClassName(provider)}");
        IModel? recorded = null;
        string? latest = null;
        if (snapshotType is not null)
        {
            recorded = ((ModelSnapshot)Activator.CreateInstance(snapshotType)!).Model;
            if (recorded is IMutableModel mutable) recorded = mutable.FinalizeModel();
            recorded = db.GetService<IModelRuntimeInitializer>().Initialize(recorded);
            latest = (string?)snapshotType.GetField("LatestMigration", BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
        }
        var operations = db.GetService<IMigrationsModelDiffer>().GetDifferences(recorded?.GetRelationalModel(), current.GetRelationalModel()).ToList();
        if (recorded is not null) operations.AddRange(FacetChanges(recorded.GetRelationalModel(), current.GetRelationalModel(), operations));
        return new ModelDiff(provider, operations, recorded?.GetRelationalModel(), current.GetRelationalModel(), latest);
    }

    /// <summary>
    /// EF's differ compares store types, and SQLite's store type carries no length, precision or
    /// unicode-ness: such a change would pass unseen. The model still has them (validation, PostgreSQL
    /// from the same configuration), so they are compared here; the SQLite script for them is empty.
    /// </summary>
    private static IEnumerable<MigrationOperation> FacetChanges(IRelationalModel recorded, IRelationalModel current, IReadOnlyList<MigrationOperation> found)
    {
        foreach (var table in current.Tables)
        {
            if (recorded.FindTable(table.Name, table.Schema) is not { } oldTable) continue;
            foreach (var column in table.Columns)
            {
                if (oldTable.FindColumn(column.Name) is not { } old) continue;
                if (old.MaxLength == column.MaxLength && old.IsUnicode == column.IsUnicode && old.IsFixedLength == column.IsFixedLength
                    && old.Precision == column.Precision && old.Scale == column.Scale) continue;
                if (found.OfType<AlterColumnOperation>().Any(a => a.Table == table.Name && a.Name == column.Name)) continue;
                var alter = new AlterColumnOperation { OldColumn = new AddColumnOperation() };
                Describe(alter, column);
                Describe(alter.OldColumn, old);
                yield return alter;
            }
        }
    }

    private static void Describe(ColumnOperation operation, IColumn column)
    {
        operation.Table = column.Table.Name;
        operation.Schema = column.Table.Schema;
        operation.Name = column.Name;
        operation.ClrType = column.ProviderClrType;
        operation.ColumnType = column.StoreType;
        operation.IsNullable = column.IsNullable;
        operation.MaxLength = column.MaxLength;
        operation.IsUnicode = column.IsUnicode;
        operation.IsFixedLength = column.IsFixedLength;
        operation.Precision = column.Precision;
        operation.Scale = column.Scale;
        operation.DefaultValue = column.DefaultValue;
        operation.DefaultValueSql = column.DefaultValueSql;
        operation.ComputedColumnSql = column.ComputedColumnSql;
        operation.IsStored = column.IsStored;
        operation.Collation = column.Collation;
        operation.Comment = column.Comment;
    }

    /// <summary>One line per difference, old → new, in words a reviewer can check against the model.</summary>
    public IReadOnlyList<string> Describe()
    {
        var lines = new List<string>();
        var done = new HashSet<MigrationOperation>();
        foreach (var operation in Operations)
        {
            if (done.Contains(operation)) continue;
            // A changed index, foreign key or check constraint is dropped and created again under its name.
            var (kind, name, table) = Named(operation);
            if (kind is not null && IsDrop(operation))
            {
                var created = Operations.FirstOrDefault(o => !done.Contains(o) && !IsDrop(o) && Named(o) == (kind, name, table));
                if (created is not null)
                {
                    done.Add(created);
                    lines.Add($"{kind} {name} on {table} changed: was {Text(kind, name, table, Recorded)}; now {Text(kind, name, table, Current)}");
                    continue;
                }
            }
            lines.Add(Describe(operation));
        }
        return lines;
    }

    private static bool IsDrop(MigrationOperation operation) =>
        operation is DropIndexOperation or DropForeignKeyOperation or DropCheckConstraintOperation or DropPrimaryKeyOperation or DropUniqueConstraintOperation;

    private static (string? Kind, string? Name, string? Table) Named(MigrationOperation operation) => operation switch
    {
        CreateIndexOperation o => ("index", o.Name, o.Table),
        DropIndexOperation o => ("index", o.Name, o.Table),
        AddForeignKeyOperation o => ("foreign key", o.Name, o.Table),
        DropForeignKeyOperation o => ("foreign key", o.Name, o.Table),
        AddCheckConstraintOperation o => ("check constraint", o.Name, o.Table),
        DropCheckConstraintOperation o => ("check constraint", o.Name, o.Table),
        AddPrimaryKeyOperation o => ("primary key", o.Name, o.Table),
        DropPrimaryKeyOperation o => ("primary key", o.Name, o.Table),
        AddUniqueConstraintOperation o => ("unique constraint", o.Name, o.Table),
        DropUniqueConstraintOperation o => ("unique constraint", o.Name, o.Table),
        _ => (null, null, null),
    };

    private string Describe(MigrationOperation operation) => operation switch
    {
        CreateTableOperation o => $"table {o.Name} is new ({o.Columns.Count} columns)",
        DropTableOperation o => $"table {o.Name} is no longer in the model",
        RenameTableOperation o => $"table {o.Name} renamed to {o.NewName}",
        AlterTableOperation o => $"table {o.Name}: {Changes(o.OldTable, o)}",
        AddColumnOperation o => $"column {o.Table}.{o.Name} is new: {ColumnText(o)}",
        DropColumnOperation o => $"column {o.Table}.{o.Name} is no longer in the model",
        RenameColumnOperation o => $"column {o.Table}.{o.Name} renamed to {o.NewName}",
        AlterColumnOperation o => $"column {o.Table}.{o.Name}: {Changes(o.OldColumn, o)}",
        CreateIndexOperation o => $"index {o.Name} on {o.Table} is new: {Text("index", o.Name, o.Table, Current)}",
        DropIndexOperation o => $"index {o.Name} on {o.Table} is no longer in the model (was {Text("index", o.Name, o.Table, Recorded)})",
        RenameIndexOperation o => $"index {o.Name} on {o.Table} renamed to {o.NewName}",
        AddForeignKeyOperation o => $"foreign key {o.Name} on {o.Table} is new: {Text("foreign key", o.Name, o.Table, Current)}",
        DropForeignKeyOperation o => $"foreign key {o.Name} on {o.Table} is no longer in the model",
        AddCheckConstraintOperation o => $"check constraint {o.Name} on {o.Table} is new: CHECK ({o.Sql})",
        DropCheckConstraintOperation o => $"check constraint {o.Name} on {o.Table} is no longer in the model",
        AddPrimaryKeyOperation o => $"primary key {o.Name} on {o.Table} is new: ({string.Join(",", o.Columns)})",
        DropPrimaryKeyOperation o => $"primary key {o.Name} on {o.Table} is no longer in the model",
        AddUniqueConstraintOperation o => $"unique constraint {o.Name} on {o.Table} is new: ({string.Join(",", o.Columns)})",
        DropUniqueConstraintOperation o => $"unique constraint {o.Name} on {o.Table} is no longer in the model",
        AlterDatabaseOperation o => $"database: {Changes(o.OldDatabase, o)}",
        CreateSequenceOperation o => $"sequence {o.Name} is new",
        DropSequenceOperation o => $"sequence {o.Name} is no longer in the model",
        AlterSequenceOperation o => $"sequence {o.Name}: {Changes(o.OldSequence, o)}",
        RestartSequenceOperation o => $"sequence {o.Name} restarts at {o.StartValue}",
        InsertDataOperation o => $"seed data inserted into {o.Table}",
        UpdateDataOperation o => $"seed data updated in {o.Table}",
        DeleteDataOperation o => $"seed data deleted from {o.Table}",
        _ => operation.GetType().Name.Replace("Operation", ""),
    };

    private static string Text(string kind, string? name, string? table, IRelationalModel? model)
    {
        var t = model?.Tables.FirstOrDefault(x => x.Name == table);
        switch (kind)
        {
            case "index" when t?.Indexes.FirstOrDefault(i => i.Name == name) is { } index:
                return $"{(index.IsUnique ? "unique " : "")}({string.Join(",", index.Columns.Select(c => c.Name))})"
                       + (index.IsDescending is { Count: > 0 } d && d.Any(x => x) ? $" descending [{string.Join(",", d)}]" : "")
                       + (index.Filter is null ? "" : $" where {index.Filter}")
                       + Annotations(index.GetAnnotations());
            case "foreign key" when t?.ForeignKeyConstraints.FirstOrDefault(f => f.Name == name) is { } fk:
                return $"({string.Join(",", fk.Columns.Select(c => c.Name))}) -> {fk.PrincipalTable.Name} ({string.Join(",", fk.PrincipalColumns.Select(c => c.Name))}) on delete {fk.OnDeleteAction}";
            case "check constraint" when t?.CheckConstraints.FirstOrDefault(c => c.Name == name) is { } check:
                return $"CHECK ({check.Sql})";
            case "primary key" when t?.PrimaryKey is { } key && key.Name == name:
                return $"({string.Join(",", key.Columns.Select(c => c.Name))})";
            case "unique constraint" when t?.UniqueConstraints.FirstOrDefault(u => u.Name == name) is { } unique:
                return $"({string.Join(",", unique.Columns.Select(c => c.Name))})";
            default:
                return "(absent)";
        }
    }

    private static string Annotations(IEnumerable<IAnnotation> annotations)
    {
        var list = annotations.Where(a => a.Value is not null).Select(a => $"{a.Name}={Value(a.Value)}").ToList();
        return list.Count == 0 ? "" : " " + string.Join(" ", list);
    }

    private static string ColumnText(ColumnOperation c) =>
        $"{c.ColumnType ?? c.ClrType.Name}{(c.MaxLength is { } max ? $" max length {max}" : "")} {(c.IsNullable ? "null" : "not null")}"
        + (c.DefaultValue is not null ? $" default {Value(c.DefaultValue)}" : "")
        + (c.DefaultValueSql is not null ? $" default sql {c.DefaultValueSql}" : "")
        + (c.ComputedColumnSql is not null ? $" computed {c.ComputedColumnSql}" : "")
        + (c.Collation is not null ? $" collate {c.Collation}" : "")
        + Annotations(c.GetAnnotations());

    /// <summary>Every property and annotation that differs between an operation's old and new state.</summary>
    private static string Changes(object? old, object @new)
    {
        if (old is null) return "changed";
        var changes = new List<string>();
        foreach (var property in @new.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanRead || property.GetIndexParameters().Length > 0 || property.DeclaringType == typeof(MigrationOperation)) continue;
            if (property.Name is "Name" or "Table" or "Schema" or "OldColumn" or "OldTable" or "OldDatabase" or "OldSequence" or "IsDestructiveChange") continue;
            var oldProperty = old.GetType().GetProperty(property.Name);
            if (oldProperty is null) continue;
            var (before, after) = (Value(oldProperty.GetValue(old)), Value(property.GetValue(@new)));
            if (before != after) changes.Add($"{Label(property.Name)} {before} → {after}");
        }
        var oldAnnotations = ((IAnnotatable)old).GetAnnotations().ToDictionary(a => a.Name, a => Value(a.Value));
        var newAnnotations = ((IAnnotatable)@new).GetAnnotations().ToDictionary(a => a.Name, a => Value(a.Value));
        foreach (var name in oldAnnotations.Keys.Union(newAnnotations.Keys).Order())
        {
            var (before, after) = (oldAnnotations.GetValueOrDefault(name, "none"), newAnnotations.GetValueOrDefault(name, "none"));
            if (before != after) changes.Add($"{name} {before} → {after}");
        }
        return changes.Count == 0 ? "changed" : string.Join("; ", changes);
    }

    private static string Label(string property) => property switch
    {
        "ColumnType" => "type",
        "MaxLength" => "max length",
        "IsNullable" => "nullable",
        "DefaultValue" => "default",
        "DefaultValueSql" => "default sql",
        "ComputedColumnSql" => "computed sql",
        "ClrType" => "clr type",
        _ => property,
    };

    private static string Value(object? value) => value switch
    {
        null => "none",
        string s => $"'{s}'",
        Type t => t.Name,
        System.Collections.IEnumerable e => "[" + string.Join(",", e.Cast<object?>().Select(Value)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
