using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DaoTaoNghe.DbTool;

/// <summary>
/// A database's schema as sorted text lines read from its catalogue, so two databases can be compared
/// line by line: tables; columns with type, nullability, default, collation, identity/generation and
/// comment; indexes with their columns, order, uniqueness, method, operator classes and filter;
/// primary keys, unique and check constraints; foreign keys with their delete and update actions;
/// sequences and extensions (PostgreSQL). What a database does not keep cannot be read back
/// (SQLite ignores string lengths): <see cref="ModelDiff"/> covers that side.
/// </summary>
public sealed record SchemaSnapshot(IReadOnlyList<string> Lines)
{
    public IReadOnlySet<string> Tables => Lines.Where(l => l.StartsWith("table ")).Select(l => l[6..]).ToHashSet();

    /// <summary>Lines in <paramref name="expected"/> missing here (-) and lines here not expected (+).</summary>
    public IReadOnlyList<string> DifferencesFrom(SchemaSnapshot expected)
    {
        var missing = expected.Lines.Except(Lines).ToList();
        var extra = Lines.Except(expected.Lines).ToList();
        // SQLite cannot ADD a NOT NULL column without a default, so a column added to an existing table
        // keeps the zero default EF gives it (as EF's own migrations do); PostgreSQL scripts drop it.
        var expectedDefaults = expected.Lines.Where(l => l.StartsWith("default ")).Select(l => l.Split(' ')[1]).ToHashSet();
        extra.RemoveAll(l => l.StartsWith("default ") && l.EndsWith(" (sqlite add column)") && !expectedDefaults.Contains(l.Split(' ')[1]));
        return missing.Select(l => "- " + l).Concat(extra.Select(l => "+ " + l)).Order(StringComparer.Ordinal).ToList();
    }

    public static async Task<SchemaSnapshot> ReadAsync(DbConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        var lines = connection switch
        {
            SqliteConnection sqlite => await ReadSqliteAsync(sqlite),
            NpgsqlConnection npgsql => await ReadPostgresAsync(npgsql),
            _ => throw new NotSupportedException(connection.GetType().Name),
        };
        return new SchemaSnapshot(lines.Distinct().Order(StringComparer.Ordinal).ToList());
    }

    private static bool IsBookkeeping(string table) => table.StartsWith("__EFMigrations", StringComparison.Ordinal);

    private static async Task<List<string>> ReadSqliteAsync(SqliteConnection connection)
    {
        var lines = new List<string>();
        var tables = await QueryAsync(connection,
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
            r => (Name: r.GetString(0), Sql: r.GetString(1)));
        foreach (var (table, sql) in tables.Where(t => !IsBookkeeping(t.Name)))
        {
            lines.Add($"table {table}");
            var definitions = SqliteTableParts(sql);
            var columnTexts = definitions.Where(d => d.StartsWith('"')).ToDictionary(d => d[1..d.IndexOf('"', 1)], d => d);

            var columns = await QueryAsync(connection, $"SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo('{table}')",
                r => (Name: r.GetString(0), Type: r.GetString(1), NotNull: r.GetInt64(2) == 1, Default: r.IsDBNull(3) ? null : r.GetString(3),
                    Pk: r.GetInt64(4), Hidden: r.GetInt64(5)));
            foreach (var column in columns)
            {
                var text = columnTexts.GetValueOrDefault(column.Name, "");
                var traits = new List<string> { column.Type.ToLowerInvariant(), column.NotNull || column.Pk > 0 ? "not null" : "null" };
                if (Regex.Match(text, @"\bCOLLATE\s+(\w+)", RegexOptions.IgnoreCase) is { Success: true } collate) traits.Add("collate " + collate.Groups[1].Value.ToLowerInvariant());
                if (Regex.IsMatch(text, @"\bAUTOINCREMENT\b", RegexOptions.IgnoreCase)) traits.Add("autoincrement");
                if (column.Hidden != 0) traits.Add($"generated {Normalize(Regex.Match(text, @"\bAS\s*\((.*)\)", RegexOptions.IgnoreCase | RegexOptions.Singleline).Groups[1].Value)}{(column.Hidden == 3 ? " stored" : "")}");
                lines.Add($"column {table}.{column.Name} {string.Join(' ', traits)}");
                if (column.Default is not null)
                {
                    // ALTER TABLE ADD appends the column after the table's constraints (when it has any).
                    var firstConstraint = definitions.FindIndex(d => !d.StartsWith('"'));
                    var addedColumn = firstConstraint < 0 || definitions.IndexOf(text) > firstConstraint;
                    lines.Add($"default {table}.{column.Name} {column.Default}{(IsZero(column.Default) && addedColumn ? " (sqlite add column)" : "")}");
                }
            }
            var key = columns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name).ToList();
            if (key.Count > 0) lines.Add($"primary key {table} ({string.Join(",", key)})");

            foreach (var part in definitions.Where(d => !d.StartsWith('"')))
            {
                var body = Regex.Replace(part, @"^CONSTRAINT\s+""?(\w+)""?\s+", "", RegexOptions.IgnoreCase);
                var name = part.Length == body.Length ? "" : Regex.Match(part, @"^CONSTRAINT\s+""?(\w+)""?", RegexOptions.IgnoreCase).Groups[1].Value;
                if (body.StartsWith("CHECK", StringComparison.OrdinalIgnoreCase) || body.StartsWith("UNIQUE", StringComparison.OrdinalIgnoreCase))
                    lines.Add($"constraint {table} {name} {Normalize(body)}");
            }

            var indexes = await QueryAsync(connection, $"SELECT name, \"unique\", partial FROM pragma_index_list('{table}') WHERE origin = 'c'",
                r => (Name: r.GetString(0), Unique: r.GetInt64(1) == 1, Partial: r.GetInt64(2) == 1));
            foreach (var (name, unique, partial) in indexes)
            {
                var keyColumns = await QueryAsync(connection,
                    $"SELECT name, \"desc\", coll FROM pragma_index_xinfo('{name}') WHERE key = 1 ORDER BY seqno",
                    r => $"{(r.IsDBNull(0) ? "<expression>" : r.GetString(0))}{(r.GetInt64(1) == 1 ? " desc" : "")}{(r.GetString(2) == "BINARY" ? "" : " collate " + r.GetString(2).ToLowerInvariant())}");
                var filter = "";
                if (partial)
                {
                    var indexSql = (await QueryAsync(connection, $"SELECT sql FROM sqlite_master WHERE type = 'index' AND name = '{name}'", r => r.GetString(0))).Single();
                    filter = " where " + Normalize(indexSql[(Regex.Match(indexSql, @"\)\s*WHERE\s", RegexOptions.IgnoreCase).Index + 1)..].Trim()[5..]);
                }
                lines.Add($"index {table} {name} {(unique ? "unique " : "")}({string.Join(",", keyColumns)}){filter}");
            }

            var foreignKeys = await QueryAsync(connection,
                $"SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list('{table}') ORDER BY id, seq",
                r => (Id: r.GetInt64(0), Principal: r.GetString(1), From: r.GetString(2), To: r.IsDBNull(3) ? "<key>" : r.GetString(3),
                    OnUpdate: r.GetString(4).ToLowerInvariant(), OnDelete: r.GetString(5).ToLowerInvariant()));
            foreach (var fk in foreignKeys.GroupBy(f => f.Id))
            {
                var first = fk.First();
                lines.Add($"fk {table} ({string.Join(",", fk.Select(f => f.From))}) -> {first.Principal} ({string.Join(",", fk.Select(f => f.To))}) on delete {first.OnDelete} on update {first.OnUpdate}");
            }
        }
        return lines;
    }

    /// <summary>The comma-separated parts of a CREATE TABLE statement's body (column and table constraint definitions).</summary>
    private static List<string> SqliteTableParts(string createTable)
    {
        var body = createTable[(createTable.IndexOf('(') + 1)..createTable.LastIndexOf(')')];
        var parts = new List<string>();
        var depth = 0;
        var quote = '\0';
        var start = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
            switch (c)
            {
                case '\'' or '"' or '`': quote = c; break;
                case '(': depth++; break;
                case ')': depth--; break;
                case ',' when depth == 0:
                    parts.Add(body[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }
        parts.Add(body[start..].Trim());
        return parts.Where(p => p.Length > 0).ToList();
    }

    private static bool IsZero(string sqlDefault) => sqlDefault is "0" or "''" or "'0'" or "0.0" or "X''" or "'0001-01-01 00:00:00'"
        or "'0001-01-01'" or "'00:00:00'" or "'00000000-0000-0000-0000-000000000000'" or "'0.0'" or "FALSE" or "false";

    private static string Normalize(string sql) => Regex.Replace(sql.Trim(), @"\s+", " ");

    private static async Task<List<string>> ReadPostgresAsync(NpgsqlConnection connection)
    {
        var lines = new List<string>();
        lines.AddRange(await QueryAsync(connection,
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname NOT LIKE '\\_\\_EFMigrations%'",
            r => $"table {r.GetString(0)}"));
        lines.AddRange(await QueryAsync(connection,
            "SELECT c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND obj_description(c.oid, 'pg_class') IS NOT NULL",
            r => $"comment {r.GetString(0)} '{r.GetString(1)}'"));
        lines.AddRange(await QueryAsync(connection,
            """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity::text, a.attgenerated::text,
                   CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END,
                   CASE WHEN a.attcollation <> t.typcollation THEN co.collname END,
                   col_description(c.oid, a.attnum)
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            LEFT JOIN pg_collation co ON co.oid = a.attcollation
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND c.relname NOT LIKE '\_\_EFMigrations%'
            """,
            r => $"column {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)} {(r.GetBoolean(3) ? "not null" : "null")}"
                 + (r.GetString(4) switch { "a" => " identity always", "d" => " identity by default", _ => "" })
                 + (r.GetString(5) == "s" ? $" generated {r.GetString(6)} stored" : "")
                 + (r.IsDBNull(7) ? "" : $" collate {r.GetString(7)}")
                 + (r.IsDBNull(8) ? "" : $" comment '{r.GetString(8)}'")));
        lines.AddRange(await QueryAsync(connection,
            """
            SELECT c.relname, a.attname, pg_get_expr(d.adbin, d.adrelid)
            FROM pg_attrdef d
            JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
            JOIN pg_class c ON c.oid = d.adrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND a.attgenerated = '' AND c.relname NOT LIKE '\_\_EFMigrations%'
            """,
            r => $"default {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)}"));
        lines.AddRange(await QueryAsync(connection,
            "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '\\_\\_EFMigrations%'",
            r => $"index {r.GetString(0)} {r.GetString(1)} {r.GetString(2)}"));
        lines.AddRange(await QueryAsync(connection,
            """
            SELECT c.relname, con.contype::text, con.conname, pg_get_constraintdef(con.oid)
            FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relname NOT LIKE '\_\_EFMigrations%'
            """,
            r => $"{(r.GetString(1) == "f" ? "fk" : "constraint")} {r.GetString(0)} {r.GetString(2)} {r.GetString(3)}"));
        lines.AddRange(await QueryAsync(connection,
            "SELECT sequencename, data_type::text, start_value, increment_by, min_value, max_value, cycle FROM pg_sequences WHERE schemaname = 'public' AND sequencename NOT LIKE '\\_\\_EFMigrations%'",
            r => $"sequence {r.GetString(0)} {r.GetString(1)} start {r.GetInt64(2)} by {r.GetInt64(3)} min {r.GetInt64(4)} max {r.GetInt64(5)}{(r.GetBoolean(6) ? " cycle" : "")}"));
        lines.AddRange(await QueryAsync(connection,
            "SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'",
            r => $"extension {r.GetString(0)}"));
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
