using System.Data;
using System.Diagnostics;
using System.Globalization;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DaoTaoNghe.Bench.Scale;

/// <summary>
/// The same records on SQLite, the embedded default: a SQLite database made as the app makes one at start-up (its
/// migrations, its code lists), then every row the generator wrote copied from a generated PostgreSQL bench database,
/// column by column as EF stores each type on SQLite, with prepared inserts in one transaction. Copying rather than
/// generating again keeps the data identical, so the two databases' answers can be compared.
/// </summary>
public static class SqliteCopy
{
    /// <summary>The generator's tables, parents first.</summary>
    private static readonly string[] Tables =
    [
        "occupations", "organisations", "institution_profiles", "programmes", "training_orders", "courses",
        "learners", "learner_consents", "learner_households", "learner_priorities", "enrolments", "employment_outcomes",
    ];

    public static async Task RunAsync(string postgres, string sqlite, TextWriter log, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, sqlite);
        await using (var db = new AppDbContext(options.Options, new DataScopeAccessor { Current = DataScope.System }))
        {
            await SchemaMigration.MigrateAsync(db, cancellationToken);
            await using var services = new ServiceCollection().AddSingleton(db).AddSingleton<DbContext>(db).AddSingleton(TimeProvider.System)
                .AddFeatures().BuildServiceProvider();
            await DatabaseInitializer.LoadCodeListsAsync(services, cancellationToken);
        }
        log.WriteLine($"SQLite schema and code lists: {clock.Elapsed.TotalSeconds:F0} s");

        await using var source = new NpgsqlConnection(postgres);
        await source.OpenAsync(cancellationToken);
        await using var target = new SqliteConnection(sqlite);
        await target.OpenAsync(cancellationToken);
        await using (var pragma = target.CreateCommand())
        {
            pragma.CommandText = "PRAGMA foreign_keys = OFF; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var transaction = (SqliteTransaction)await target.BeginTransactionAsync(cancellationToken);
        foreach (var table in Tables)
        {
            var started = clock.Elapsed;
            var targetColumns = new HashSet<string>();
            await using (var info = target.CreateCommand())
            {
                info.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
                await using var reader = await info.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) targetColumns.Add(reader.GetString(0));
            }
            var columns = new List<string>();
            await using (var info = new NpgsqlCommand(
                "SELECT column_name FROM information_schema.columns WHERE table_name = @table AND is_generated = 'NEVER' ORDER BY ordinal_position", source))
            {
                info.Parameters.AddWithValue("table", table);
                await using var reader = await info.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                    if (targetColumns.Contains(reader.GetString(0))) columns.Add(reader.GetString(0));
            }
            await using var insert = target.CreateCommand();
            insert.Transaction = transaction;
            // The code lists loaded at start-up are already there, with the same keys on both databases.
            insert.CommandText = $"INSERT OR IGNORE INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
            var parameters = columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
            insert.Prepare();
            long read = 0, written = 0;
            await using (var select = new NpgsqlCommand($"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM {table}", source))
            {
                select.CommandTimeout = 0;
                await using var reader = await select.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
                var types = Enumerable.Range(0, columns.Count).Select(reader.GetDataTypeName).ToArray();
                while (await reader.ReadAsync(cancellationToken))
                {
                    for (var i = 0; i < columns.Count; i++) parameters[i].Value = AsSqlite(reader, i, types[i]);
                    written += await insert.ExecuteNonQueryAsync(cancellationToken);
                    read++;
                }
            }
            log.WriteLine($"  {table}: {read:N0} rows read, {written:N0} written ({read - written:N0} already there), {(clock.Elapsed - started).TotalSeconds:F1} s");
        }
        // The triggers marked every copied row: the values are built once, afterwards, with --rebuild-indicators.
        await using (var clear = target.CreateCommand())
        {
            clear.Transaction = transaction;
            clear.CommandText = "DELETE FROM indicator_marks";
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        await using (var check = target.CreateCommand())
        {
            check.CommandText = "PRAGMA foreign_key_check";
            await using var reader = await check.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
                throw new InvalidOperationException($"A copied row points at nothing: {reader.GetString(0)} row {reader.GetValue(1)} → {reader.GetString(2)}.");
        }
        await using (var analyse = target.CreateCommand())
        {
            analyse.CommandText = "ANALYZE";
            await analyse.ExecuteNonQueryAsync(cancellationToken);
        }
        log.WriteLine($"Copied in {clock.Elapsed.TotalSeconds:F0} s.");
    }

    /// <summary>A value as EF Core's SQLite provider stores its type: instants and dates as ISO text, booleans as integers.</summary>
    private static object AsSqlite(NpgsqlDataReader reader, int i, string type)
    {
        if (reader.IsDBNull(i)) return DBNull.Value;
        return type switch
        {
            "timestamp with time zone" or "timestamp without time zone" =>
                reader.GetDateTime(i).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
            "date" => reader.GetFieldValue<DateOnly>(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "boolean" => reader.GetBoolean(i) ? 1 : 0,
            _ => reader.GetValue(i),
        };
    }
}
