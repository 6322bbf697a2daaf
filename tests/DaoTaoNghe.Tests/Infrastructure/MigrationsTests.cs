using DaoTaoNghe.DbTool;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Infrastructure;

public class MigrationsTests
{
    [Fact]
    public async Task Applying_the_migration_scripts_yields_exactly_the_schema_the_model_describes()
    {
        var migratedConnection = TestDatabase.NewConnectionString("mig");
        var modelConnection = TestDatabase.NewConnectionString("model");
        try
        {
            await using var migrated = MigrationWriter.Create(TestDatabase.Provider, migratedConnection);
            await migrated.Database.MigrateAsync();
            await using var fromModel = MigrationWriter.Create(TestDatabase.Provider, modelConnection);
            await fromModel.Database.EnsureCreatedAsync();

            var migratedSchema = await SchemaSnapshot.ReadAsync(migrated.Database.GetDbConnection());
            var modelSchema = await SchemaSnapshot.ReadAsync(fromModel.Database.GetDbConnection());

            migratedSchema.Tables.ShouldContain("administrative_units");
            migratedSchema.DifferencesFrom(modelSchema).ShouldBeEmpty(
                "run `dotnet run --project tools/DaoTaoNghe.DbTool -- add <Name>` to script the model change");
        }
        finally
        {
            TestDatabase.Drop(migratedConnection);
            TestDatabase.Drop(modelConnection);
        }
    }

    [Fact]
    public async Task Every_migration_has_a_script_for_both_databases()
    {
        await using var db = MigrationWriter.Create(TestDatabase.Provider, TestDatabase.NewConnectionString("list"));
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
