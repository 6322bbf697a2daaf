using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DaoTaoNghe.DbTool;

/// <summary>
/// A database's schema as sorted text lines (tables, columns with type and nullability, indexes,
/// foreign keys), read from the catalogue, so two databases can be compared line by line.
/// </summary>
public sealed record SchemaSnapshot(IReadOnlyList<string> Lines)
{
    public IReadOnlySet<string> Tables => Lines.Where(l => l.StartsWith("table ")).Select(l => l[6..]).ToHashSet();

    public IReadOnlySet<string> Columns => Lines.Where(l => l.StartsWith("column ")).Select(l => l.Split(' ')[1]).ToHashSet();

    public IReadOnlySet<string> Indexes => Lines.Where(l => l.StartsWith("index ")).Select(l => l.Split(' ')[2]).ToHashSet();

    /// <summary>Lines in <paramref name="expected"/> missing here (-) and lines here not expected (+).</summary>
    public IReadOnlyList<string> DifferencesFrom(SchemaSnapshot expected) =>
        expected.Lines.Except(Lines).Select(l => "- " + l)
            .Concat(Lines.Except(expected.Lines).Select(l => "+ " + l))
            .Order(StringComparer.Ordinal).ToList();

    public static async Task<SchemaSnapshot> ReadAsync(DbConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        var lines = connection switch
        {
            SqliteConnection sqlite => await ReadSqliteAsync(sqlite),
            NpgsqlConnection npgsql => await ReadPostgresAsync(npgsql),
            _ => throw new NotSupportedException(connection.GetType().Name),
        };
        return new SchemaSnapshot(lines.Order(StringComparer.Ordinal).ToList());
    }

    private static async Task<List<string>> ReadSqliteAsync(SqliteConnection connection)
    {
        var lines = new List<string>();
        var tables = await QueryAsync(connection,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%EFMigrations%'",
            r => r.GetString(0));
        foreach (var table in tables)
        {
            lines.Add($"table {table}");
            lines.AddRange(await QueryAsync(connection, $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}')",
                r => $"column {table}.{r.GetString(0)} {r.GetString(1).ToLowerInvariant()} {(r.GetInt64(2) == 1 || r.GetInt64(3) > 0 ? "not null" : "null")}"));
            var indexes = await QueryAsync(connection, $"SELECT name, \"unique\" FROM pragma_index_list('{table}') WHERE origin = 'c'",
                r => (Name: r.GetString(0), Unique: r.GetInt64(1) == 1));
            foreach (var (name, unique) in indexes)
            {
                var columns = await QueryAsync(connection, $"SELECT name FROM pragma_index_info('{name}') ORDER BY seqno", r => r.GetString(0));
                lines.Add($"index {table} {name} {(unique ? "unique " : "")}({string.Join(",", columns)})");
            }
            lines.AddRange(await QueryAsync(connection, $"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{table}')",
                r => $"fk {table}.{r.GetString(1)} -> {r.GetString(0)}.{(r.IsDBNull(2) ? "id" : r.GetString(2))} on delete {r.GetString(3).ToLowerInvariant()}"));
        }
        return lines;
    }

    private static async Task<List<string>> ReadPostgresAsync(NpgsqlConnection connection)
    {
        var lines = new List<string>();
        lines.AddRange(await QueryAsync(connection,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE '%EFMigrations%'",
            r => $"table {r.GetString(0)}"));
        lines.AddRange(await QueryAsync(connection,
            """
            SELECT c.table_name, c.column_name, c.data_type, c.character_maximum_length, c.is_nullable, c.is_identity
            FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name NOT LIKE '%EFMigrations%'
            """,
            r => $"column {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)}{(r.IsDBNull(3) ? "" : $"({r.GetInt32(3)})")} {(r.GetString(4) == "NO" ? "not null" : "null")}{(r.GetString(5) == "YES" ? " identity" : "")}"));
        lines.AddRange(await QueryAsync(connection,
            "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '%EFMigrations%' AND indexname NOT LIKE 'pk\\_%'",
            r => $"index {r.GetString(0)} {r.GetString(1)} {r.GetString(2)}"));
        lines.AddRange(await QueryAsync(connection,
            """
            SELECT con.conrelid::regclass::text, con.conname, pg_get_constraintdef(con.oid)
            FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
            WHERE n.nspname = 'public' AND con.contype IN ('f', 'p', 'u', 'c') AND con.conrelid::regclass::text NOT LIKE '%EFMigrations%'
            """,
            r => $"constraint {r.GetString(0)} {r.GetString(1)} {r.GetString(2)}"));
        return lines;
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }
}
