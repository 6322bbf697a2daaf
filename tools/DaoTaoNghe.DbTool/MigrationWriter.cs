using System.Text;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace DaoTaoNghe.DbTool;

/// <summary>
/// Drafts the next migration: applies the existing ones to a scratch SQLite file, finds the tables,
/// columns and indexes the model has and that schema lacks, and writes their DDL for both
/// providers with EF's own SQL generators. Changes it cannot express safely (altered or dropped
/// columns, new foreign keys on existing SQLite tables) are reported for writing by hand.
/// </summary>
public static class MigrationWriter
{
    public static async Task<int> AddAsync(string name, string migrationsFolder)
    {
        var scratch = Path.Combine(Path.GetTempPath(), $"dtn-migrate-{Guid.NewGuid():N}.db");
        try
        {
            await using var sqlite = Create(DatabaseProvider.Sqlite, $"Data Source={scratch}");
            await sqlite.Database.MigrateAsync();
            var existing = await SchemaSnapshot.ReadAsync(sqlite.Database.GetDbConnection());

            var problems = new List<string>();
            var sqliteScript = Script(sqlite, existing, problems);
            await using var postgres = Create(DatabaseProvider.Postgres, "Host=unused;Database=unused");
            var postgresScript = Script(postgres, existing, problems: [], PostgresOnlyIndexes(migrationsFolder));

            foreach (var problem in problems.Distinct()) Console.Error.WriteLine("  ! " + problem);
            if (sqliteScript.Length == 0)
            {
                Console.WriteLine("The model has nothing the migrations lack: no migration written.");
                return problems.Count == 0 ? 0 : 1;
            }

            var id = $"{DateTime.UtcNow:yyyyMMddHHmmss}_{name}";
            await File.WriteAllTextAsync(Path.Combine(migrationsFolder, $"{id}.sqlite.sql"), sqliteScript);
            await File.WriteAllTextAsync(Path.Combine(migrationsFolder, $"{id}.postgres.sql"), postgresScript);
            await File.WriteAllTextAsync(Path.Combine(migrationsFolder, $"{id}.cs"), $$"""
                using Microsoft.EntityFrameworkCore.Infrastructure;
                using Microsoft.EntityFrameworkCore.Migrations;

                namespace DaoTaoNghe.Infrastructure.Data.Migrations;

                [DbContext(typeof(AppDbContext))]
                [Migration("{{id}}")]
                public sealed class {{name}} : ScriptMigration;

                """);
            Console.WriteLine($"Wrote {id} (.cs, .sqlite.sql, .postgres.sql) in {migrationsFolder}.");
            return problems.Count == 0 ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(scratch);
        }
    }

    public static AppDbContext Create(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, provider, connectionString);
        return new AppDbContext(options.Options, new DataScopeAccessor());
    }

    /// <summary>Indexes that earlier PostgreSQL scripts create and SQLite has no counterpart of (trigram indexes): not new.</summary>
    private static HashSet<string> PostgresOnlyIndexes(string migrationsFolder) =>
        Directory.EnumerateFiles(migrationsFolder, "*.postgres.sql")
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"CREATE (?:UNIQUE )?INDEX (\w+) ON \w+ USING").Select(m => m.Groups[1].Value))
            .ToHashSet();

    private static string Script(AppDbContext db, SchemaSnapshot existing, List<string> problems, IReadOnlySet<string>? alsoExisting = null)
    {
        var model = db.GetService<IDesignTimeModel>().Model;
        var all = db.GetService<IMigrationsModelDiffer>().GetDifferences(null, model.GetRelationalModel());
        var tables = existing.Tables;
        var columns = existing.Columns;
        var indexes = existing.Indexes;
        var operations = new List<MigrationOperation>();

        foreach (var operation in all)
        {
            switch (operation)
            {
                case CreateTableOperation table when !tables.Contains(table.Name):
                    operations.Add(table);
                    break;
                case CreateTableOperation table:
                    foreach (var column in table.Columns.Where(c => !columns.Contains($"{table.Name}.{c.Name}")))
                    {
                        operations.Add(AddColumn(column));
                        var foreignKey = table.ForeignKeys.FirstOrDefault(f => f.Columns.Contains(column.Name));
                        if (foreignKey is not null)
                        {
                            if (db.Database.IsSqlite())
                                problems.Add($"{table.Name}.{column.Name}: SQLite cannot add a foreign key to an existing table; rebuild the table by hand in the .sqlite.sql script.");
                            else operations.Add(foreignKey);
                        }
                    }
                    break;
                case CreateIndexOperation index when !IsExisting(index.Name, indexes) && alsoExisting?.Contains(index.Name) != true:
                    operations.Add(index);
                    break;
            }
        }

        var modelColumns = all.OfType<CreateTableOperation>().SelectMany(t => t.Columns.Select(c => $"{t.Name}.{c.Name}")).ToHashSet();
        foreach (var gone in columns.Where(c => !modelColumns.Contains(c) && tables.Contains(c.Split('.')[0])))
            problems.Add($"{gone} is in the migrated schema but not in the model: drop or rename it by hand.");

        if (operations.Count == 0) return "";
        var commands = db.GetService<IMigrationsSqlGenerator>().Generate(operations, model);
        var script = new StringBuilder();
        foreach (var command in commands) script.AppendLine(command.CommandText.TrimEnd());
        return script.ToString();
    }

    /// <summary>
    /// PostgreSQL names are cut at 63 bytes (EF marks the cut with '~'), while the schema read back
    /// comes from SQLite, which keeps the whole name: a cut name exists if a full name starts with it.
    /// </summary>
    private static bool IsExisting(string name, IReadOnlySet<string> existing)
    {
        var cut = name.IndexOf('~');
        return cut < 0 ? existing.Contains(name) : existing.Any(e => e.StartsWith(name[..cut], StringComparison.Ordinal));
    }

    private static AddColumnOperation AddColumn(AddColumnOperation column) => new()
    {
        Name = column.Name,
        Table = column.Table,
        Schema = column.Schema,
        ClrType = column.ClrType,
        ColumnType = column.ColumnType,
        IsUnicode = column.IsUnicode,
        MaxLength = column.MaxLength,
        IsNullable = column.IsNullable,
        // A new NOT NULL column on a table with rows needs a value: the CLR default.
        DefaultValue = column.IsNullable || column.DefaultValue is not null || column.DefaultValueSql is not null
            ? column.DefaultValue
            : column.ClrType == typeof(string) ? "" : Activator.CreateInstance(column.ClrType),
        DefaultValueSql = column.DefaultValueSql,
    };
}
