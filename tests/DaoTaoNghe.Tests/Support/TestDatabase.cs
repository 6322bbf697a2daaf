using DaoTaoNghe.Infrastructure.Data;
using Npgsql;

namespace DaoTaoNghe.Tests.Support;

/// <summary>
/// Which database this test run uses: SQLite by default, PostgreSQL when DTN_TEST_DB=postgres
/// (the README's test command runs the suite once on each). Every run gets its own fresh database.
/// </summary>
public static class TestDatabase
{
    public static DatabaseProvider Provider { get; } =
        string.Equals(Environment.GetEnvironmentVariable("DTN_TEST_DB"), "postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public static string PostgresServer { get; } =
        Environment.GetEnvironmentVariable("DTN_TEST_PG") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

    /// <summary>A connection string to a database that does not exist yet; migrating creates it.</summary>
    public static string NewConnectionString(string purpose)
    {
        var name = $"dtn_{purpose}_{Guid.NewGuid():N}";
        return Provider == DatabaseProvider.Sqlite
            ? $"Data Source={Path.Combine(Path.GetTempPath(), name + ".db")}"
            : new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name, Pooling = true, MaxPoolSize = 30 }.ConnectionString;
    }

    public static void Drop(string connectionString)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
                if (File.Exists(path)) File.Delete(path);
            return;
        }
        NpgsqlConnection.ClearAllPools();
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres" }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)";
        // An autovacuum worker that has just started on the database makes the drop fail; it soon leaves.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                command.ExecuteNonQuery();
                return;
            }
            catch (PostgresException) when (attempt < 10)
            {
                Thread.Sleep(500);
            }
        }
    }
}
