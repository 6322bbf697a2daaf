using DaoTaoNghe.DbTool;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Infrastructure;

/// <summary>
/// Two checks, on both databases. The model check compares the current EF model with the model
/// snapshot recorded with the latest migration (as EF's HasPendingModelChanges does): it sees every
/// model change, also those a database cannot show (string lengths on SQLite). The database check
/// migrates a fresh database with the scripts and compares its catalogue with a database the model
/// creates: it proves the (reviewed, perhaps hand-edited) scripts really give that model.
/// </summary>
public class MigrationsTests
{
    private const string Fix =
        "script the model change: `dotnet run --project tools/DaoTaoNghe.DbTool -- add <Name>`, review both .sql files, commit them with the snapshots";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_migrations_script_every_change_of_the_model(DatabaseProvider provider)
    {
        await using var db = MigrationWriter.Design(provider);
        var diff = ModelDiff.For(db);

        diff.LatestMigration.ShouldNotBeNull($"no {provider} model snapshot in {DbToolProgram.SnapshotsFolder}");
        diff.LatestMigration.ShouldBe(db.Database.GetMigrations().Last(),
            $"the {provider} snapshot must be the one recorded with the latest migration (a migration was added or merged without its snapshot)");
        diff.Describe().ShouldBeEmpty($"the {provider} model differs from what the migrations make; {Fix}");
    }

    [Fact]
    public async Task Applying_the_migration_scripts_yields_exactly_the_schema_the_model_describes()
    {
        var migratedConnection = TestDatabase.NewConnectionString("mig");
        var modelConnection = TestDatabase.NewConnectionString("model");
        try
        {
            await using var migrated = MigrationWriter.Create(TestDatabase.Provider, migratedConnection);
            await SchemaMigration.MigrateAsync(migrated);
            await using var fromModel = MigrationWriter.Create(TestDatabase.Provider, modelConnection);
            await fromModel.Database.EnsureCreatedAsync();

            var migratedSchema = await SchemaSnapshot.ReadAsync(migrated.Database.GetDbConnection());
            var modelSchema = await SchemaSnapshot.ReadAsync(fromModel.Database.GetDbConnection());

            migratedSchema.Tables.ShouldContain("administrative_units");
            migratedSchema.DifferencesFrom(modelSchema).ShouldBeEmpty(
                $"- is what the model makes and migrating does not, + what migrating makes and the model does not; {Fix} " +
                "(or, if the snapshots already have the change, correct the latest scripts by hand)");
        }
        finally
        {
            TestDatabase.Drop(migratedConnection);
            TestDatabase.Drop(modelConnection);
        }
    }

    [Fact]
    public void The_schema_reader_sees_defaults_filters_delete_actions_and_check_constraints()
    {
        // What the database check compares: if a kind of line disappeared, that check would be blind to it.
        var lines = ReadModelSchema();
        lines.ShouldContain(l => l.StartsWith("default training_orders.state "));
        lines.ShouldContain(l => l.StartsWith("index learners ") && l.Contains("merged_into_id IS NULL"));
        lines.ShouldContain(l => l.StartsWith("fk ") && l.Contains("on delete cascade", StringComparison.OrdinalIgnoreCase));
        if (TestDatabase.Provider == DatabaseProvider.Postgres)
        {
            lines.ShouldContain(l => l.StartsWith("column learners.full_name character varying(") && l.EndsWith(") not null"));
            lines.ShouldContain(l => l.Contains("USING gin (search_name gin_trgm_ops)"));
            lines.ShouldContain("extension pg_trgm");
        }
    }

    private static IReadOnlyList<string> ReadModelSchema()
    {
        var connection = TestDatabase.NewConnectionString("reader");
        try
        {
            using var db = MigrationWriter.Create(TestDatabase.Provider, connection);
            db.Database.EnsureCreated();
            return SchemaSnapshot.ReadAsync(db.Database.GetDbConnection()).GetAwaiter().GetResult().Lines;
        }
        finally
        {
            TestDatabase.Drop(connection);
        }
    }

    [Fact]
    public async Task Every_migration_has_a_script_for_both_databases()
    {
        await using var db = MigrationWriter.Design(TestDatabase.Provider);
        var migrations = db.Database.GetMigrations().ToList();
        migrations.ShouldNotBeEmpty();
        var resources = typeof(Program).Assembly.GetManifestResourceNames();
        foreach (var id in migrations)
        {
            resources.ShouldContain($"Migrations/{id}.sqlite.sql");
            resources.ShouldContain($"Migrations/{id}.postgres.sql");
        }
    }
}

public class TestDatabaseTests
{
    [Fact]
    public async Task The_suite_runs_on_the_database_the_test_command_asked_for()
    {
        var asked = Environment.GetEnvironmentVariable("DTN_TEST_DB") ?? "sqlite";
        var providerName = await TestData.WithDbAsync(db => Task.FromResult(db.Database.ProviderName));

        providerName.ShouldBe(asked.Equals("postgres", StringComparison.OrdinalIgnoreCase)
            ? "Npgsql.EntityFrameworkCore.PostgreSQL"
            : "Microsoft.EntityFrameworkCore.Sqlite");
    }
}
