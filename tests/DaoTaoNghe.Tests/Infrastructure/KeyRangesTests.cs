using System.Data.Common;
using System.Text.RegularExpressions;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DaoTaoNghe.Tests.Infrastructure;

/// <summary>
/// Keys that no other province can make (KeyRanges): what the national tier's replication needs. A
/// province's new rows number in its range, a database made before the ranges is renumbered once
/// with every link intact, and a database of another province is refused.
/// </summary>
public class KeyRangesTests
{
    [Fact]
    public void Lai_Chau_numbers_from_120_million_and_its_bigint_tables_from_12_trillion()
    {
        KeyRanges.For(12, typeof(int)).ShouldBe((120_000_000L, 129_999_999L));
        KeyRanges.For(12, typeof(long)).ShouldBe((12_000_000_000_000L, 12_999_999_999_999L));
        // Hà Nội (01) and the last code (96) fit the 32-bit keys the API publishes.
        KeyRanges.For(1, typeof(int)).First.ShouldBe(10_000_000L);
        KeyRanges.For(96, typeof(int)).Last.ShouldBeLessThan(int.MaxValue);
        KeyRanges.For(0, typeof(int)).ShouldBe((1L, 9_999_999L));
    }

    [Fact]
    public async Task A_new_record_gets_a_key_in_its_province_range()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var organisation = await TestData.OrganisationAsync(OrganisationKind.CommuneGovernment, commune);
        organisation.Id.ShouldBeInRange(120_000_000, 129_999_999);
        // The audit line of its creation is in a bigint table.
        var auditLine = await TestData.WithDbAsync(db => db.AuditEntries
            .Where(a => a.EntityType == nameof(Organisation) && a.EntityId == organisation.Id.ToString()).Select(a => a.Id).FirstAsync());
        auditLine.ShouldBeInRange(12_000_000_000_000L, 12_999_999_999_999L);
    }

    /// <summary>
    /// A column that is neither a key nor a foreign key but holds one (an organisation, a user, the record a
    /// line is about) is renumbered only if it says so: every such integer column either does or names a unit.
    /// </summary>
    [Fact]
    public void Every_integer_column_holding_a_key_is_renumbered_with_it()
    {
        using var scope = TestApp.Instance.SystemScope();
        var model = scope.ServiceProvider.GetRequiredService<AppDbContext>().Model;
        var unitColumns = new[] { "ProvinceId", "CommuneId", "UnitId" };
        var renumbered = KeyRanges.Columns(model).Select(c => (c.Table, c.Column)).ToHashSet();
        var forgotten =
            from entity in model.GetEntityTypes()
            where entity.GetTableName() is not null && TableKinds.Of(entity) != TableKind.Reference
            from property in entity.GetDeclaredProperties()
            let type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType
            where (type == typeof(int) || type == typeof(long)) && property.Name.EndsWith("Id", StringComparison.Ordinal)
                  && !property.IsKey() && !property.IsForeignKey() && !unitColumns.Contains(property.Name)
                  && !renumbered.Contains((entity.GetTableName()!, property.GetColumnName()))
            select $"{entity.ClrType.Name}.{property.Name}";
        forgotten.ShouldBeEmpty("mark them [RangedKey], or name the unit they hold");
    }

    [Fact]
    public void Only_the_official_code_lists_keep_their_own_keys_and_only_province_records_replicate()
    {
        using var scope = TestApp.Instance.SystemScope();
        var model = scope.ServiceProvider.GetRequiredService<AppDbContext>().Model;
        model.GetEntityTypes().Where(e => TableKinds.Of(e) == TableKind.Reference).Select(e => e.GetTableName()).Order()
            .ShouldBe(["administrative_units", "ethnic_groups", "unit_successions"]);
        var replicated = TableKinds.Replicated(model).Select(e => e.GetTableName()).ToList();
        replicated.ShouldContain("learners");
        replicated.ShouldContain("indicator_cells");
        replicated.ShouldNotContain("users");
        replicated.ShouldNotContain("audit_entries");
        replicated.ShouldNotContain("api_keys");
    }

    /// <summary>
    /// The demo province, seeded and then turned back into a database of before the ranges (every key
    /// column's value moved down out of the range, the sequences back at the start), is renumbered at the
    /// next start: the same rows, every link intact, the same numbers on the dashboard, and new rows after them.
    /// </summary>
    [UndatedFact]
    public async Task A_database_made_before_the_ranges_is_renumbered_once_with_every_link_kept()
    {
        var connectionString = TestDatabase.NewConnectionString("keys");
        try
        {
            int learnersBefore, outreachBefore;
            string learnerName, learnerUrl;
            Dictionary<string, long> countsBefore;
            using (var seeded = new DemoApp(connectionString))
            {
                using var commune = await TestBrowser.SignedInAsync(seeded, "xa.binhlu", Demo.DemoSeeding.Password);
                (learnerUrl, learnerName) = FirstLearner(await commune.GetHtmlAsync("/Learners"));
                using var province = await TestBrowser.SignedInAsync(seeded, "sogddt", Demo.DemoSeeding.Password);
                var dashboard = await province.GetHtmlAsync("/Indicators?nam=2026");
                (learnersBefore, outreachBefore) = (DashboardLine(dashboard, "line-training-completed"), DashboardLine(dashboard, "line-outreach-events"));
                countsBefore = await CountsAsync(seeded);
            }
            await MoveKeysOutOfTheRangeAsync(connectionString);

            using var renumbered = new DemoApp(connectionString);
            (await CountsAsync(renumbered)).ShouldBe(countsBefore);
            await using (var scope = renumbered.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var connection = db.Database.GetDbConnection();
                await db.Database.OpenConnectionAsync();
                foreach (var table in KeyRanges.Tables(db.Model))
                {
                    var (first, last) = KeyRanges.For(12, table.KeyType);
                    (await ScalarAsync(connection, $"SELECT COUNT(*) FROM \"{table.Table}\" WHERE \"{table.KeyColumn}\" NOT BETWEEN {first} AND {last}"))
                        .ShouldBe(0, $"{table.Table} keeps keys outside 12's range");
                }
                (await ScalarAsync(connection, "SELECT COUNT(*) FROM audit_entries WHERE entity_type = 'Learner' AND CAST(entity_id AS BIGINT) < 120000000"))
                    .ShouldBe(0, "audit lines still name learners by their old numbers");
            }

            using var commune2 = await TestBrowser.SignedInAsync(renumbered, "xa.binhlu", Demo.DemoSeeding.Password);
            // The seeded learner was numbered n − 120,000,000 before the ranges, and is n again after the renumbering.
            TestBrowser.HtmlText(await commune2.GetHtmlAsync(learnerUrl)).ShouldContain(learnerName);
            var legacyId = long.Parse(learnerUrl.Split('/').Last()) - 120_000_000;
            (await commune2.GetAsync($"/Learners/Details/{legacyId}")).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);

            using var province2 = await TestBrowser.SignedInAsync(renumbered, "sogddt", Demo.DemoSeeding.Password);
            // The indicator values name organisations by key: the worker rebuilds them after the renumbering.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                var dashboard = await province2.GetHtmlAsync("/Indicators?nam=2026");
                var now = (DashboardLine(dashboard, "line-training-completed"), DashboardLine(dashboard, "line-outreach-events"));
                if (now == (learnersBefore, outreachBefore)) break;
                if (waited.Elapsed > TimeSpan.FromMinutes(3)) now.ShouldBe((learnersBefore, outreachBefore), "the dashboard after renumbering");
                await Task.Delay(200);
            }

            // Started again as another province, the database is refused and left as it was.
            await using (var scope = renumbered.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var refused = await Should.ThrowAsync<StartupRefusedException>(() => KeyRanges.ApplyAsync(db, 13, scope.ServiceProvider, null, CancellationToken.None));
                refused.Message.ShouldContain("mã tỉnh 13");
            }
            (await CountsAsync(renumbered)).ShouldBe(countsBefore);
        }
        finally
        {
            TestDatabase.Drop(connectionString);
        }
    }

    private static (string Url, string Name) FirstLearner(string html)
    {
        var link = Regex.Match(html, "<a href=\"(/Learners/Details/\\d+)\"[^>]*>(.*?)</a>", RegexOptions.Singleline);
        link.Success.ShouldBeTrue("the commune's learner list links no learner");
        return (link.Groups[1].Value, TestBrowser.HtmlText(link.Groups[2].Value).Trim());
    }

    private static int DashboardLine(string html, string lineId)
    {
        var cell = Regex.Match(html, $"<tr id=\"{lineId}\">.*?<td[^>]*>(.*?)</td>", RegexOptions.Singleline);
        cell.Success.ShouldBeTrue($"no line {lineId} on the dashboard");
        return int.Parse(Regex.Match(TestBrowser.HtmlText(cell.Groups[1].Value), @"\d[\d.]*").Value.Replace(".", ""));
    }

    private static async Task<Dictionary<string, long>> CountsAsync(WebApplicationFactory<Program> app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.OpenConnectionAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct()
                     .Where(t => t is not "indicator_cells" and not "indicator_marks" and not "indicator_cells_states" and not "audit_entries"))
            counts[table] = await ScalarAsync(db.Database.GetDbConnection(), $"SELECT COUNT(*) FROM \"{table}\"");
        return counts;
    }

    /// <summary>
    /// Makes the database look as it did before the ranges, reading only the database's own catalogue
    /// (not the app's list of key columns, which is what is under test): every "id" and "…_id" value in
    /// Lai Châu's ranges moves down by the range's start, and each sequence starts again after its table's rows.
    /// </summary>
    private static async Task MoveKeysOutOfTheRangeAsync(string connectionString)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, TestDatabase.Provider, connectionString);
        await using var db = new AppDbContext(options.Options, new DaoTaoNghe.Infrastructure.Scoping.DataScopeAccessor());
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        var postgres = TestDatabase.Provider == DatabaseProvider.Postgres;
        var columns = new List<(string Table, string Column)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = postgres
                ? "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND data_type IN ('integer', 'bigint') AND (column_name = 'id' OR column_name LIKE '%\\_id')"
                : "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND p.type = 'INTEGER' AND (p.name = 'id' OR p.name LIKE '%\\_id' ESCAPE '\\')";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1)));
        }
        var entityIds = postgres ? "entity_id ~ '^[0-9]+$'" : "entity_id NOT GLOB '*[^0-9]*' AND entity_id <> ''";
        var statements = new List<string>();
        foreach (var (span, start) in new[] { (10_000_000L, 120_000_000L), (1_000_000_000_000L, 12_000_000_000_000L) })
        {
            statements.AddRange(columns.Select(c => $"UPDATE \"{c.Table}\" SET \"{c.Column}\" = \"{c.Column}\" - {start} WHERE \"{c.Column}\" BETWEEN {start} AND {start + span - 1}"));
            statements.Add($"UPDATE audit_entries SET entity_id = CAST(CAST(entity_id AS BIGINT) - {start} AS TEXT) WHERE {entityIds} AND CAST(entity_id AS BIGINT) BETWEEN {start} AND {start + span - 1}");
        }
        if (postgres)
        {
            var foreignKeys = new List<(string Table, string Name, string Definition)>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) foreignKeys.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
            foreach (var (table, name, _) in foreignKeys) await ExecuteAsync(connection, $"ALTER TABLE {table} DROP CONSTRAINT \"{name}\"");
            foreach (var statement in statements) await ExecuteAsync(connection, statement);
            foreach (var (table, name, definition) in foreignKeys) await ExecuteAsync(connection, $"ALTER TABLE {table} ADD CONSTRAINT \"{name}\" {definition}");
            var sequences = new List<(string Table, string Sequence)>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT table_name, pg_get_serial_sequence(quote_ident(table_name), column_name) FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'id' AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) sequences.Add((reader.GetString(0), reader.GetString(1)));
            }
            foreach (var (table, sequence) in sequences)
            {
                var next = await ScalarAsync(connection, $"SELECT COALESCE(MAX(id), 0) + 1 FROM \"{table}\"");
                await ExecuteAsync(connection, $"ALTER SEQUENCE {sequence} MINVALUE 1 NO MAXVALUE START WITH 1 RESTART WITH {next}");
            }
        }
        else
        {
            await ExecuteAsync(connection, "PRAGMA foreign_keys = OFF");
            foreach (var statement in statements) await ExecuteAsync(connection, statement);
            var tables = new List<string>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT name FROM sqlite_sequence";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
            }
            foreach (var table in tables)
                await ExecuteAsync(connection, $"UPDATE sqlite_sequence SET seq = (SELECT COALESCE(MAX(id), 0) FROM \"{table}\") WHERE name = '{table}'");
        }
        await db.Database.CloseConnectionAsync();
        if (!postgres) Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The README's first command (Development, the demo province) on a database the test keeps between starts.</summary>
    private sealed class DemoApp(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = TestDatabase.Provider.ToString(),
                ["ConnectionStrings:Default"] = connectionString,
                ["Identity:PasswordHashIterations"] = "1000",
                ["Files:Root"] = Path.Combine(Path.GetTempPath(), "dtn-keys-files-" + Guid.NewGuid().ToString("N")),
                ["Reminders:Enabled"] = "false",
            }));
            builder.ConfigureTestServices(services => TestApp.UseClock(services, new TestClock()));
        }
    }
}
