using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DaoTaoNghe.Infrastructure.Data;

/// <summary>
/// Keys no other province can make, so 34 provinces' rows can meet in the national database
/// (logical replication copies rows, not sequences): outside the code lists, every key is the
/// province's official 2-digit code times 10^7 plus a running number — Lai Châu (12) numbers from
/// 120,000,000 — or times 10^12 for the tables keyed by bigint. The national instance itself is 00.
/// The province shows in the number, the API keeps its 32-bit ids, and PostgreSQL refuses a row
/// past the end of the range instead of walking into the next province's.
/// A database made before the ranges is renumbered once at start-up, in one transaction.
/// </summary>
public static class KeyRanges
{
    /// <summary>Rows per int-keyed table per province: 10 million (the largest, enrolments, grow by ~100,000 a year in a big province).</summary>
    public const long IntSpan = 10_000_000;

    public const long LongSpan = 1_000_000_000_000;

    /// <summary>The province this instance serves, as configured (Admin:ProvinceCode, 12 = Lai Châu when unset).</summary>
    public static string ProvinceCodeSetting(IConfiguration configuration) => configuration["Admin:ProvinceCode"] ?? "12";

    /// <summary>The number of the instance's range: its province's code, or 0 for the national tier (Tier:Mode = National).</summary>
    public static int InstanceCode(IConfiguration configuration)
    {
        if (string.Equals(configuration["Tier:Mode"], "National", StringComparison.OrdinalIgnoreCase)) return 0;
        var code = ProvinceCodeSetting(configuration);
        return code.Length == 2 && int.TryParse(code, out var number) && number > 0
            ? number
            : throw new StartupRefusedException($"Admin:ProvinceCode = '{code}' không phải mã tỉnh 2 chữ số. (Admin:ProvinceCode must be a 2-digit province code.)");
    }

    public static long SpanOf(Type keyType) => keyType == typeof(long) ? LongSpan : IntSpan;

    /// <summary>The keys of <paramref name="code"/>'s rows in a table keyed by <paramref name="keyType"/>.</summary>
    public static (long First, long Last) For(int code, Type keyType)
    {
        var span = SpanOf(keyType);
        return (Math.Max(1, code * span), (code + 1) * span - 1);
    }

    /// <summary>A table whose keys come from a sequence in the instance's range.</summary>
    public sealed record RangedTable(string Table, string KeyColumn, Type KeyType, string EntityName);

    /// <summary>A column holding a ranged key (the key itself, a foreign key to it, or one marked <see cref="RangedKeyAttribute"/>).</summary>
    public sealed record KeyColumn(string Table, string Column, Type KeyType);

    public static IReadOnlyList<RangedTable> Tables(IModel model) =>
        model.GetEntityTypes()
            .Where(IsRanged)
            .Select(e => new RangedTable(e.GetTableName()!, e.FindPrimaryKey()!.Properties[0].GetColumnName(), KeyTypeOf(e.FindPrimaryKey()!.Properties[0]), e.ClrType.Name))
            .DistinctBy(t => t.Table)
            .OrderBy(t => t.Table, StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<KeyColumn> Columns(IModel model)
    {
        var columns = new List<KeyColumn>();
        foreach (var entity in model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var table = entity.GetTableName()!;
            if (IsRanged(entity))
                columns.Add(new KeyColumn(table, entity.FindPrimaryKey()!.Properties[0].GetColumnName(), KeyTypeOf(entity.FindPrimaryKey()!.Properties[0])));
            foreach (var foreignKey in entity.GetForeignKeys().Where(f => IsRanged(f.PrincipalEntityType) && f.Properties.Count == 1))
                columns.Add(new KeyColumn(table, foreignKey.Properties[0].GetColumnName(), KeyTypeOf(foreignKey.PrincipalKey.Properties[0])));
            foreach (var property in entity.GetDeclaredProperties().Where(p => p.PropertyInfo?.GetCustomAttributes(typeof(RangedKeyAttribute), true).Length > 0))
                columns.Add(new KeyColumn(table, property.GetColumnName(), KeyTypeOf(property)));
        }
        return columns.DistinctBy(c => (c.Table, c.Column)).ToList();
    }

    private static bool IsRanged(IReadOnlyEntityType entity) =>
        entity.GetTableName() is not null
        && entity.BaseType is null
        && entity.FindOwnership() is null
        && TableKinds.Of(entity) != TableKind.Reference
        && entity.ClrType.GetCustomAttributes(typeof(KeysChosenByCodeAttribute), false).Length == 0
        && entity.FindPrimaryKey() is { Properties: [var key] }
        && key.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd
        && (Nullable.GetUnderlyingType(key.ClrType) ?? key.ClrType) is var type && (type == typeof(int) || type == typeof(long));

    private static Type KeyTypeOf(IReadOnlyProperty property) => Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;

    /// <summary>
    /// Puts every ranged table's sequence in the instance's range, renumbering first the rows of a
    /// database made before the ranges (keys below 10^7) — keys, foreign keys and the audit lines that
    /// name them, in one transaction. Refuses a database holding another province's keys.
    /// </summary>
    public static async Task ApplyAsync(DbContext db, int code, IServiceProvider services, ILogger? progress, CancellationToken cancellationToken)
    {
        var model = db.Model;
        var tables = Tables(model);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // The national instance holds every province's rows, each in its own range; its own rows number from 1.
            if (code == 0) return;
            var connection = db.Database.GetDbConnection();
            var legacyRows = 0L;
            foreach (var table in tables)
            {
                var (first, last) = For(code, table.KeyType);
                var legacyEnd = SpanOf(table.KeyType) - 1;
                var legacy = await ScalarAsync(connection, $"SELECT COUNT(*) FROM {Q(table.Table)} WHERE {Q(table.KeyColumn)} <= {legacyEnd}", cancellationToken);
                var foreign = await ScalarAsync(connection, $"SELECT COUNT(*) FROM {Q(table.Table)} WHERE {Q(table.KeyColumn)} > {legacyEnd} AND ({Q(table.KeyColumn)} < {first} OR {Q(table.KeyColumn)} > {last})", cancellationToken);
                if (foreign > 0)
                    throw new StartupRefusedException(
                        $"Bảng {table.Table} có {foreign} dòng mang khóa ngoài dải của mã tỉnh {code:00} ({first}–{last}): cơ sở dữ liệu này của tỉnh khác, hoặc Admin:ProvinceCode bị đặt sai. " +
                        $"(Table {table.Table} holds keys outside province {code:00}'s range: wrong database or wrong Admin:ProvinceCode.)");
                legacyRows += legacy;
            }

            if (legacyRows > 0)
            {
                progress?.LogInformation("Khởi động: đánh số lại {Rows} dòng của {Tables} bảng theo dải khóa của tỉnh {Code:00}…", legacyRows, tables.Count, code);
                await RenumberAsync(db, code, cancellationToken);
                foreach (var observer in services.GetServices<IAfterKeyRenumbering>())
                    await observer.AfterRenumberingAsync(cancellationToken);
            }
            await SetSequencesAsync(db, code, tables, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task RenumberAsync(DbContext db, int code, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var postgres = db.Database.IsNpgsql();
        var allTables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().ToList();
        if (!postgres) await ExecuteAsync(connection, null, "PRAGMA foreign_keys = OFF", cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var foreignKeys = new List<(string Table, string Name, string Definition)>();
        if (postgres)
        {
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                    foreignKeys.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
            foreach (var (table, name, _) in foreignKeys)
                await ExecuteAsync(connection, transaction, $"ALTER TABLE {table} DROP CONSTRAINT {Q(name)}", cancellationToken);
            // The indicators' triggers would count each moved row as a change; the values are rebuilt afterwards instead.
            foreach (var table in allTables)
                await ExecuteAsync(connection, transaction, $"ALTER TABLE {Q(table)} DISABLE TRIGGER USER", cancellationToken);
        }

        foreach (var column in Columns(db.Model))
        {
            var shift = For(code, column.KeyType).First;
            await ExecuteAsync(connection, transaction,
                $"UPDATE {Q(column.Table)} SET {Q(column.Column)} = {Q(column.Column)} + {shift} WHERE {Q(column.Column)} <= {SpanOf(column.KeyType) - 1}", cancellationToken);
        }
        foreach (var entity in Tables(db.Model))
        {
            var shift = For(code, entity.KeyType).First;
            var numeric = postgres ? "entity_id ~ '^[0-9]+$'" : "entity_id <> '' AND entity_id NOT GLOB '*[^0-9]*'";
            await ExecuteAsync(connection, transaction,
                $"UPDATE audit_entries SET entity_id = CAST(CAST(entity_id AS BIGINT) + {shift} AS TEXT) WHERE entity_type = '{entity.EntityName}' AND {numeric} AND CAST(entity_id AS BIGINT) <= {SpanOf(entity.KeyType) - 1}",
                cancellationToken);
        }

        if (postgres)
        {
            foreach (var (table, name, definition) in foreignKeys)
                await ExecuteAsync(connection, transaction, $"ALTER TABLE {table} ADD CONSTRAINT {Q(name)} {definition}", cancellationToken);
            foreach (var table in allTables)
                await ExecuteAsync(connection, transaction, $"ALTER TABLE {Q(table)} ENABLE TRIGGER USER", cancellationToken);
        }
        else
        {
            var broken = await ScalarAsync(connection, "SELECT COUNT(*) FROM pragma_foreign_key_check", cancellationToken, transaction);
            if (broken > 0) throw new InvalidOperationException($"Renumbering left {broken} foreign keys pointing nowhere; nothing was changed.");
        }
        await transaction.CommitAsync(cancellationToken);
        if (!postgres) await ExecuteAsync(connection, null, "PRAGMA foreign_keys = ON", cancellationToken);
    }

    private static async Task SetSequencesAsync(DbContext db, int code, IReadOnlyList<RangedTable> tables, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (db.Database.IsNpgsql())
        {
            var sequences = new Dictionary<string, (string Sequence, long Min)>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = """
                    SELECT t.relname, s.seqrelid::regclass::text, s.seqmin
                    FROM pg_class t
                    JOIN pg_depend d ON d.refobjid = t.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
                    JOIN pg_sequence s ON s.seqrelid = d.objid
                    WHERE t.relnamespace = current_schema()::regnamespace
                    """;
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                    sequences[reader.GetString(0)] = (reader.GetString(1), reader.GetInt64(2));
            }
            foreach (var table in tables)
            {
                var (first, last) = For(code, table.KeyType);
                if (!sequences.TryGetValue(table.Table, out var sequence) || sequence.Min == first) continue;
                var next = Math.Max(first, await ScalarAsync(connection, $"SELECT COALESCE(MAX({Q(table.KeyColumn)}), 0) + 1 FROM {Q(table.Table)}", cancellationToken));
                await ExecuteAsync(connection, null, $"ALTER SEQUENCE {sequence.Sequence} MINVALUE {first} MAXVALUE {last} START WITH {first} RESTART WITH {next}", cancellationToken);
            }
            return;
        }

        foreach (var table in tables)
        {
            var first = For(code, table.KeyType).First;
            var current = await ScalarAsync(connection, $"SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = '{table.Table}'", cancellationToken);
            if (current >= first - 1) continue;
            var highest = await ScalarAsync(connection, $"SELECT COALESCE(MAX({Q(table.KeyColumn)}), 0) FROM {Q(table.Table)}", cancellationToken);
            await ExecuteAsync(connection, null, $"DELETE FROM sqlite_sequence WHERE name = '{table.Table}'", cancellationToken);
            await ExecuteAsync(connection, null, $"INSERT INTO sqlite_sequence(name, seq) VALUES ('{table.Table}', {Math.Max(first - 1, highest)})", cancellationToken);
        }
    }

    private static string Q(string name) => "\"" + name + "\"";

    private static async Task<long> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>An area's follow-up once a database has been renumbered into its province's key range (rebuild what was derived from keys).</summary>
public interface IAfterKeyRenumbering
{
    Task AfterRenumberingAsync(CancellationToken cancellationToken);
}
