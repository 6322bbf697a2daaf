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
/// Writes the next migration: for each provider, EF's differ compares the model snapshot recorded
/// with the latest migration against the current model, EF's SQL generator for that provider
/// turns the differences into a script (SQLite rebuilds a table where ALTER TABLE cannot do the
/// change), and the snapshots are recorded again with the new migration's id.
/// </summary>
public static class MigrationWriter
{
    public static readonly DatabaseProvider[] Providers = [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    public static async Task<int> AddAsync(string name, string migrationsFolder, string snapshotsFolder)
    {
        var id = $"{DateTime.UtcNow:yyyyMMddHHmmss}_{name}";
        var scripts = new Dictionary<DatabaseProvider, string>();
        foreach (var provider in Providers)
        {
            await using var db = Design(provider);
            var diff = ModelDiff.For(db);
            if (diff.LatestMigration is null)
            {
                Console.Error.WriteLine($"No {provider} model snapshot in {snapshotsFolder}: run `baseline` once (see DEVELOPERS.md).");
                return 1;
            }
            var latest = db.Database.GetMigrations().LastOrDefault();
            if (diff.LatestMigration != latest)
            {
                Console.Error.WriteLine($"The {provider} snapshot follows {diff.LatestMigration}, but the latest migration is {latest}: " +
                                        "merge the snapshots (or re-run `add` on a branch with the other migration merged first).");
                return 1;
            }
            Console.WriteLine($"{provider}:");
            foreach (var line in diff.Describe()) Console.WriteLine("  " + line);
            scripts[provider] = Script(db, diff);
        }

        if (scripts.Values.All(s => s.Length == 0))
        {
            Console.WriteLine("The model has nothing the migrations lack: no migration written.");
            return 0;
        }

        await File.WriteAllTextAsync(Path.Combine(migrationsFolder, $"{id}.sqlite.sql"), Nonempty(scripts[DatabaseProvider.Sqlite], DatabaseProvider.Sqlite));
        await File.WriteAllTextAsync(Path.Combine(migrationsFolder, $"{id}.postgres.sql"), Nonempty(scripts[DatabaseProvider.Postgres], DatabaseProvider.Postgres));
        await File.WriteAllTextAsync(Path.Combine(migrationsFolder, $"{id}.cs"), $$"""
            using {{typeof(ScriptMigration).Namespace}};
            using Microsoft.EntityFrameworkCore.Infrastructure;
            using Microsoft.EntityFrameworkCore.Migrations;

            namespace {{typeof(AppDbContext).Namespace}}.Migrations;

            [DbContext(typeof(global::{{typeof(AppDbContext).FullName}}))]
            [Migration("{{id}}")]
            public sealed class {{name}} : ScriptMigration;

            """);
        foreach (var provider in Providers)
        {
            await using var db = Design(provider);
            await SnapshotWriter.WriteAsync(db, provider, snapshotsFolder, id);
        }
        Console.WriteLine($"Wrote {id} (.cs, .sqlite.sql, .postgres.sql) in {migrationsFolder} and the model snapshots in {snapshotsFolder}.");
        Console.WriteLine("Review both scripts (data moves, hand-tuned indexes), then build: the migration and the snapshots go in one commit.");
        return 0;
    }

    /// <summary>Records the current model as what the migrations produce, without writing a migration.</summary>
    public static async Task<int> BaselineAsync(string snapshotsFolder)
    {
        foreach (var provider in Providers)
        {
            await using var db = Design(provider);
            var latest = db.Database.GetMigrations().Last();
            await SnapshotWriter.WriteAsync(db, provider, snapshotsFolder, latest);
            Console.WriteLine($"Recorded the {provider} model as of {latest}.");
        }
        Console.WriteLine("Now run MigrationsTests on both databases: they prove the migrations really give this model.");
        return 0;
    }

    /// <summary>A context for a provider that needs no server (nothing here connects).</summary>
    public static AppDbContext Design(DatabaseProvider provider) =>
        Create(provider, provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost;Database=unused");

    public static AppDbContext Create(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, provider, connectionString);
        return new AppDbContext(options.Options, new DataScopeAccessor());
    }

    private static string Nonempty(string script, DatabaseProvider provider) =>
        script.Length > 0 ? script : $"-- Nothing changes on {provider} (e.g. a string length, which SQLite does not keep).\nSELECT 1;\n";

    public static string Script(AppDbContext db, ModelDiff diff)
    {
        var operations = new List<MigrationOperation>();
        foreach (var operation in diff.Operations)
        {
            // SQLite keeps no string lengths: a column change that alters nothing SQLite stores needs no table rebuild.
            if (operation is AlterColumnOperation alter && diff.Provider == DatabaseProvider.Sqlite && SameOnSqlite(alter, alter.OldColumn))
                continue;
            operations.Add(operation);
            // A NOT NULL column added to a table that has rows gets EF's zero default; the model has none, so
            // PostgreSQL drops it again (SQLite cannot, and the schema comparison knows that).
            if (operation is AddColumnOperation { IsNullable: false, DefaultValue: not null, DefaultValueSql: null } added
                && diff.Provider == DatabaseProvider.Postgres
                && diff.Current.FindTable(added.Table, added.Schema)?.FindColumn(added.Name) is { DefaultValue: null, DefaultValueSql: null })
                operations.Add(new AlterColumnOperation
                {
                    Table = added.Table, Schema = added.Schema, Name = added.Name, ClrType = added.ClrType, ColumnType = added.ColumnType,
                    MaxLength = added.MaxLength, IsUnicode = added.IsUnicode, IsNullable = false, Collation = added.Collation,
                    OldColumn = new AddColumnOperation
                    {
                        Table = added.Table, Schema = added.Schema, Name = added.Name, ClrType = added.ClrType, ColumnType = added.ColumnType,
                        MaxLength = added.MaxLength, IsUnicode = added.IsUnicode, IsNullable = false, Collation = added.Collation,
                        DefaultValue = added.DefaultValue,
                    },
                });
        }
        if (operations.Count == 0) return "";
        var model = db.GetService<IDesignTimeModel>().Model;
        var commands = db.GetService<IMigrationsSqlGenerator>().Generate(operations, model);
        var script = new StringBuilder();
        foreach (var command in commands)
        {
            // SQLite migrates with foreign keys off throughout (SchemaMigration): switching them in the script would split its transaction.
            if (command.CommandText.TrimStart().StartsWith("PRAGMA foreign_keys", StringComparison.OrdinalIgnoreCase)) continue;
            if (command.TransactionSuppressed) script.AppendLine(ScriptMigration.OutsideTransaction);
            script.AppendLine(command.CommandText.TrimEnd());
        }
        return script.ToString();
    }

    private static bool SameOnSqlite(ColumnOperation a, ColumnOperation b) =>
        a.ColumnType == b.ColumnType && a.IsNullable == b.IsNullable && Equals(a.DefaultValue, b.DefaultValue)
        && a.DefaultValueSql == b.DefaultValueSql && a.ComputedColumnSql == b.ComputedColumnSql && a.IsStored == b.IsStored
        && a.Collation == b.Collation && a.ClrType == b.ClrType
        && a.GetAnnotations().Select(x => $"{x.Name}={x.Value}").Order().SequenceEqual(b.GetAnnotations().Select(x => $"{x.Name}={x.Value}").Order());
}
