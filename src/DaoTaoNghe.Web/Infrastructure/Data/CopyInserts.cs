using DaoTaoNghe.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace DaoTaoNghe.Infrastructure.Data;

/// <summary>A check the context's interceptors make before a save, which a write outside <c>SaveChanges</c> must make too.</summary>
public interface IWriteCheck
{
    Task CheckAsync(DbContext context, CancellationToken cancellationToken);
}

/// <summary>
/// Saves the tracked changes as <c>SaveChanges</c> does, but on PostgreSQL, inside an open transaction, writes the
/// new entities with binary <c>COPY</c> instead of one <c>INSERT … RETURNING</c> each: their keys are taken from the
/// tables' own sequences first, so their audit and change-feed lines (made by <see cref="AuditInterceptor"/>, the
/// same lines) and their parts' foreign keys are known, and those lines are copied too. The interceptors' write
/// checks run first, on everything tracked; the database's own triggers (the maintained values' marks) fire for
/// copied rows as for inserted ones. Changed and deleted entities then go through <c>SaveChanges</c>. An import's
/// commit spent most of its time in EF's insert pipeline and the per-statement round trips (issue 15). Anything the
/// copy cannot write exactly as an insert would (store-generated values other than the key, computed columns,
/// inheritance, owned or complex types, an unknown column type) is saved by <c>SaveChanges</c> whole, as is
/// everything on SQLite.
/// </summary>
public static class CopyInserts
{
    public static async Task SaveChangesAsync(DbContext db, CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        var added = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList();
        var interceptors = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors ?? [];
        var audit = interceptors.OfType<AuditInterceptor>().SingleOrDefault();
        if (added.Count == 0 || db.Database.GetDbConnection() is not NpgsqlConnection connection || db.Database.CurrentTransaction is null
            || !added.Select(e => e.Metadata).Distinct().All(t => Copyable(t, tracked: true))
            || !db.Model.GetEntityTypes().Where(t => t.ClrType == typeof(AuditEntry) || t.ClrType == typeof(Exchange.ChangeLogEntry)).All(t => Copyable(t, tracked: false)))
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        foreach (var check in interceptors.OfType<IWriteCheck>()) await check.CheckAsync(db, cancellationToken);
        var tables = Ordered(added.GroupBy(e => e.Metadata).ToDictionary(g => g.Key, g => g.ToList()));
        foreach (var (type, entries) in tables)
            if (GeneratedKey(type) is { } key)
            {
                var ids = await ReserveAsync(connection, type, key, entries.Count, cancellationToken);
                // Setting a principal's key moves its new parts' foreign keys with it.
                for (var i = 0; i < entries.Count; i++) entries[i].Property(key.Name).CurrentValue = Convert.ChangeType(ids[i], key.ClrType);
            }

        foreach (var (type, entries) in tables)
            await CopyAsync(connection, type, entries, (entry, property) => ((EntityEntry)entry).CurrentValues[property], omitGeneratedKey: false, cancellationToken);
        var lines = audit?.LinesForCreated(added) ?? [];
        foreach (var group in lines.GroupBy(l => l.GetType()))
        {
            var type = db.Model.FindEntityType(group.Key)!;
            await CopyAsync(connection, type, group.ToList(), (line, property) => property.PropertyInfo!.GetValue(line), omitGeneratedKey: true, cancellationToken);
        }

        foreach (var entry in added) entry.State = EntityState.Unchanged;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Whether a row of this type is written by COPY with exactly the values an INSERT would write.</summary>
    private static bool Copyable(IEntityType type, bool tracked)
    {
        if (type.GetTableName() is null || type.IsOwned() || type.GetDiscriminatorPropertyName() is not null || type.GetComplexProperties().Any()
            || type.GetNavigations().Any(n => n.TargetEntityType.IsOwned()) || type.BaseType is not null || type.GetDirectlyDerivedTypes().Any())
            return false;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        return type.GetProperties().All(p =>
            (tracked || p.PropertyInfo is not null)
            && p.GetComputedColumnSql(table) is null
            && (p.ValueGenerated == ValueGenerated.Never || p == GeneratedKey(type))
            && DbType(p.GetColumnType(table)) is not null);
    }

    /// <summary>The single integer key the database generates, if the type has one.</summary>
    private static IProperty? GeneratedKey(IEntityType type) =>
        type.FindPrimaryKey()?.Properties is [{ ValueGenerated: not ValueGenerated.Never } key] && (key.ClrType == typeof(int) || key.ClrType == typeof(long)) ? key : null;

    /// <summary>Principals before the parts that refer to them.</summary>
    private static List<(IEntityType Type, List<EntityEntry> Entries)> Ordered(Dictionary<IEntityType, List<EntityEntry>> byType)
    {
        var ordered = new List<(IEntityType, List<EntityEntry>)>();
        var done = new HashSet<IEntityType>();
        void Visit(IEntityType type, HashSet<IEntityType> path)
        {
            if (done.Contains(type) || !path.Add(type)) return;
            foreach (var principal in type.GetForeignKeys().Select(f => f.PrincipalEntityType).Where(byType.ContainsKey))
                Visit(principal, path);
            done.Add(type);
            ordered.Add((type, byType[type]));
        }
        foreach (var type in byType.Keys) Visit(type, []);
        return ordered;
    }

    private static async Task<List<long>> ReserveAsync(NpgsqlConnection connection, IEntityType type, IProperty key, int count, CancellationToken cancellationToken)
    {
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        await using var command = new NpgsqlCommand("SELECT nextval(pg_get_serial_sequence(@table, @column)) FROM generate_series(1, @count)", connection);
        command.Parameters.AddWithValue("table", type.GetSchema() is { } schema ? $"\"{schema}\".\"{type.GetTableName()}\"" : $"\"{type.GetTableName()}\"");
        command.Parameters.AddWithValue("column", key.GetColumnName(table)!);
        command.Parameters.AddWithValue("count", count);
        var ids = new List<long>(count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetInt64(0));
        return ids;
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, IEntityType type, IReadOnlyList<T> rows, Func<T, IProperty, object?> value,
        bool omitGeneratedKey, CancellationToken cancellationToken) where T : notnull
    {
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var generated = omitGeneratedKey ? GeneratedKey(type) : null;
        var columns = type.GetProperties().Where(p => p != generated)
            .Select(p => (Property: p, Name: p.GetColumnName(table)!, Type: DbType(p.GetColumnType(table))!.Value, Converter: p.GetTypeMapping().Converter))
            .ToList();
        var name = type.GetSchema() is { } schema ? $"\"{schema}\".\"{type.GetTableName()}\"" : $"\"{type.GetTableName()}\"";
        await using var writer = await connection.BeginBinaryImportAsync(
            $"COPY {name} ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(cancellationToken);
            foreach (var column in columns)
            {
                var raw = value(row, column.Property);
                var stored = raw is null ? null : column.Converter is { } converter ? converter.ConvertToProvider(raw) : raw;
                if (stored is null) await writer.WriteNullAsync(cancellationToken);
                else await writer.WriteAsync(stored, column.Type, cancellationToken);
            }
        }
        await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>The column types the app's tables use; any other keeps the type on the SaveChanges path.</summary>
    private static NpgsqlDbType? DbType(string? columnType)
    {
        if (columnType is null) return null;
        var open = columnType.IndexOf('(');
        return (open < 0 ? columnType : columnType[..open]).Trim() switch
        {
            "integer" => NpgsqlDbType.Integer,
            "bigint" => NpgsqlDbType.Bigint,
            "smallint" => NpgsqlDbType.Smallint,
            "boolean" => NpgsqlDbType.Boolean,
            "text" => NpgsqlDbType.Text,
            "character varying" => NpgsqlDbType.Varchar,
            "date" => NpgsqlDbType.Date,
            "timestamp with time zone" => NpgsqlDbType.TimestampTz,
            "timestamp without time zone" => NpgsqlDbType.Timestamp,
            "numeric" => NpgsqlDbType.Numeric,
            "double precision" => NpgsqlDbType.Double,
            "real" => NpgsqlDbType.Real,
            "uuid" => NpgsqlDbType.Uuid,
            "bytea" => NpgsqlDbType.Bytea,
            _ => null,
        };
    }
}
