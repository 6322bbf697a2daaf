using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>
/// How an area's tables tell the maintained indicator values what changed: one class in the area's
/// folder, found automatically, declaring for each of its tables which cells a row sits in and whose
/// records it is. The app installs them as database triggers (PostgreSQL and SQLite alike), so every
/// write path marks – forms, the API, imports, merges, recomputations, bulk updates, cascades and
/// hand-written SQL – in the writing transaction, with the row's values before and after the change.
/// <code>
/// public sealed class TrainingTriggers : IIndicatorTriggers
/// {
///     public IEnumerable&lt;IndicatorTrigger&gt; Triggers =>
///     [
///         IndicatorTrigger.On&lt;Enrolment&gt;()
///             .Places(nameof(Enrolment), e => e.ResidenceCommuneId, e => e.ResultOn)   // its cells before and after
///             .Person(e => e.LearnerId, e => e.ResultOn, e => e.SettledOn),           // the person's other records too
///     ];
/// }
/// </code>
/// A family is the name of the entity a computation counts (<c>nameof(Enrolment)</c>): a change marks
/// the family's cells of the commune and year, and the worker recomputes every computation over that entity there.
/// </summary>
[AreaContract]
public interface IIndicatorTriggers
{
    IEnumerable<IndicatorTrigger> Triggers { get; }
}

/// <summary>The marks one table's changes write; build one with <see cref="On{T}"/>.</summary>
[AreaContract]
public abstract class IndicatorTrigger
{
    /// <summary>The subject of a mark for a person whose records changed.</summary>
    public const string Learner = "learner";

    /// <summary>The family of a mark for every maintained value.</summary>
    internal const string AllFamilies = "*";

    public static IndicatorTrigger<T> On<T>() where T : class => new();

    internal abstract Type Entity { get; }

    /// <summary>Each mark as a SELECT of (family, commune_id, year, subject, subject_id) about the row called <c>row</c> (OLD or NEW).</summary>
    internal abstract IReadOnlyList<Func<TriggerSql, string, string>> Marks { get; }

    /// <summary>An update marks only when one of these columns changed; empty: any update marks.</summary>
    internal abstract IReadOnlyList<LambdaExpression> Changed { get; }

    /// <summary>The families whose cells the table's rows are placed in.</summary>
    internal abstract IReadOnlyCollection<string> Families { get; }
}

[AreaContract]
public sealed class IndicatorTrigger<T> : IndicatorTrigger where T : class
{
    private readonly List<Func<TriggerSql, string, string>> _marks = [];
    private readonly List<LambdaExpression> _changed = [];

    internal override Type Entity => typeof(T);
    internal override IReadOnlyList<Func<TriggerSql, string, string>> Marks => _marks;
    internal override IReadOnlyList<LambdaExpression> Changed => _changed;
    internal override IReadOnlyCollection<string> Families => _families;
    private readonly HashSet<string> _families = [];

    /// <summary>
    /// An update marks only when one of these columns changed (inserts and deletes always mark): for a table
    /// edited often whose rows other rows read only a few columns of (a course's state, level and occupation).
    /// </summary>
    public IndicatorTrigger<T> OnlyWhenChanged(params Expression<Func<T, object?>>[] columns)
    {
        _changed.AddRange(columns);
        return this;
    }

    /// <summary>The row sits in the family's cells of its commune and the year of its day (none while the day is empty).</summary>
    public IndicatorTrigger<T> Places(string family, Expression<Func<T, int>> commune, Expression<Func<T, DateOnly?>> day) =>
        Add(family, (sql, row) => Place(sql, family, $"{row}.{sql.Column(commune)}", sql.Year($"{row}.{sql.Column(day)}", instant: false), $"{row}.{sql.Column(day)}"));

    /// <summary>The row sits in the family's cells of its commune and the local (Vietnam) year of a UTC instant.</summary>
    public IndicatorTrigger<T> PlacesAt(string family, Expression<Func<T, int>> commune, Expression<Func<T, DateTime>> instant) =>
        Add(family, (sql, row) => Place(sql, family, $"{row}.{sql.Column(commune)}", sql.Year($"{row}.{sql.Column(instant)}", instant: true, sql.IsTimestampTz(instant)), null));

    /// <summary>The row sits where its parent sits: the parent's commune and day (an enterprise at a session).</summary>
    public IndicatorTrigger<T> PlacesThrough<TParent>(string family, Expression<Func<T, int>> parent, Expression<Func<TParent, int>> commune,
        Expression<Func<TParent, DateOnly?>> day) where TParent : class =>
        Add(family, (sql, row) => Place(sql, family, $"p.{sql.Column(commune)}", sql.Year($"p.{sql.Column(day)}", instant: false), $"p.{sql.Column(day)}",
            $"FROM {sql.Table(typeof(TParent))} p WHERE p.{sql.Key(typeof(TParent))} = {row}.{sql.Column(parent)}"));

    /// <summary>The row sits in its parent's commune, in the year of its own day (a hire, where the vacancy's work is).</summary>
    public IndicatorTrigger<T> PlacesInParentCommune<TParent>(string family, Expression<Func<T, int>> parent, Expression<Func<TParent, int>> commune,
        Expression<Func<T, DateOnly?>> day) where TParent : class =>
        Add(family, (sql, row) => Place(sql, family, $"p.{sql.Column(commune)}", sql.Year($"{row}.{sql.Column(day)}", instant: false), $"{row}.{sql.Column(day)}",
            $"FROM {sql.Table(typeof(TParent))} p WHERE p.{sql.Key(typeof(TParent))} = {row}.{sql.Column(parent)}"));

    /// <summary>The row's children sit in its commune, each in the year of its own day (the hires of a vacancy): they move with it.</summary>
    public IndicatorTrigger<T> PlacesChildren<TChild>(string family, Expression<Func<TChild, int>> parent, Expression<Func<T, int>> commune,
        Expression<Func<TChild, DateOnly?>> day) where TChild : class =>
        Add(family, (sql, row) => Place(sql, family, $"{row}.{sql.Column(commune)}", sql.Year($"c.{sql.Column(day)}", instant: false), $"c.{sql.Column(day)}",
            $"FROM {sql.Table(typeof(TChild))} c WHERE c.{sql.Column(parent)} = {row}.{sql.Key(typeof(T))}"));

    /// <summary>
    /// The row is one of a person's records, so a change may move their other records' counts too (a
    /// person once a year, a completion's latest follow-up): the worker recomputes the cells of all the
    /// person's records. With <paramref name="countedWhenAny"/>, only when one of those columns has a value
    /// (an enrolment without a result or a payment counts nowhere).
    /// </summary>
    public IndicatorTrigger<T> Person(Expression<Func<T, int>> learner, params Expression<Func<T, object?>>[] countedWhenAny) =>
        Add((sql, row) =>
        {
            var select = $"SELECT {sql.NullText}, {sql.NullInt}, {sql.NullInt}, '{Learner}', {row}.{sql.Column(learner)}";
            var counted = countedWhenAny.Select(c => row + "." + sql.Column(c) + " IS NOT NULL").ToList();
            return counted.Count == 0 ? select : select + " WHERE " + string.Join(" OR ", counted);
        });

    /// <summary>Every person with a child row of this one (the learners of a course): their records' counts depend on this row.</summary>
    public IndicatorTrigger<T> PeopleOf<TChild>(Expression<Func<TChild, int>> parent, Expression<Func<TChild, int>> learner) where TChild : class =>
        Add((sql, row) =>
        {
            var table = sql.Table(typeof(TChild));
            var key = sql.Key(typeof(T));
            return $"SELECT DISTINCT {sql.NullText}, {sql.NullInt}, {sql.NullInt}, '{Learner}', c.{sql.Column(learner)} FROM {table} c WHERE c.{sql.Column(parent)} = {row}.{key}";
        });

    /// <summary>Every maintained value, all years and communes: a change of reference data every row may read (an ethnic group's code).</summary>
    public IndicatorTrigger<T> Everything() =>
        Add((sql, _) => $"SELECT '{AllFamilies}', {sql.NullInt}, {sql.NullInt}, {sql.NullText}, {sql.NullInt}");


    private IndicatorTrigger<T> Add(string family, Func<TriggerSql, string, string> mark)
    {
        _families.Add(family);
        return Add(mark);
    }

    private IndicatorTrigger<T> Add(Func<TriggerSql, string, string> mark)
    {
        _marks.Add(mark);
        return this;
    }

    private static string Place(TriggerSql sql, string family, string commune, string year, string? day, string? from = null)
    {
        var where = day is null ? "" : $"{day} IS NOT NULL";
        if (from is null) return $"SELECT '{family}', {commune}, {year}, {sql.NullText}, {sql.NullInt}" + (where == "" ? "" : " WHERE " + where);
        return $"SELECT '{family}', {commune}, {year}, {sql.NullText}, {sql.NullInt} {from}" + (where == "" ? "" : " AND " + where);
    }
}

/// <summary>Names and SQL of one database for the triggers: tables and columns as the EF model maps them.</summary>
internal sealed class TriggerSql(IModel model, bool postgres)
{
    public bool Postgres => postgres;
    public string NullInt => postgres ? "CAST(NULL AS integer)" : "NULL";
    public string NullText => postgres ? "CAST(NULL AS varchar)" : "NULL";

    public string Table(Type entity) => EntityType(entity).GetTableName()!;

    public string Key(Type entity) => EntityType(entity).FindPrimaryKey()!.Properties.Single().GetColumnName();

    public string Column(LambdaExpression selector) => Property(selector).GetColumnName();

    public bool IsTimestampTz(LambdaExpression selector) =>
        postgres && Property(selector).GetColumnType().StartsWith("timestamp with time zone", StringComparison.OrdinalIgnoreCase);

    /// <summary>The year of a date, or the Vietnam (UTC+7, no daylight saving) year of a UTC instant.</summary>
    public string Year(string value, bool instant, bool timestampTz = false) => (postgres, instant) switch
    {
        (true, false) => $"CAST(EXTRACT(YEAR FROM {value}) AS integer)",
        (true, true) => $"CAST(EXTRACT(YEAR FROM {(timestampTz ? $"({value} AT TIME ZONE 'UTC')" : value)} + INTERVAL '7 hours') AS integer)",
        (false, false) => $"CAST(substr({value}, 1, 4) AS INTEGER)",
        (false, true) => $"CAST(strftime('%Y', {value}, '+7 hours') AS INTEGER)",
    };

    private IEntityType EntityType(Type entity) =>
        model.FindEntityType(entity) ?? throw new InvalidOperationException($"{entity.Name} is not an entity of the model.");

    private IProperty Property(LambdaExpression selector)
    {
        var body = selector.Body;
        while (body is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert) body = convert.Operand;
        if (body is not MemberExpression { Member: PropertyInfo property, Expression: ParameterExpression })
            throw new InvalidOperationException($"A trigger column must be a property of the row itself: {selector}.");
        return EntityType(selector.Parameters[0].Type).FindProperty(property.Name)
               ?? throw new InvalidOperationException($"{selector.Parameters[0].Type.Name}.{property.Name} is not mapped.");
    }
}

/// <summary>The triggers of every area, as SQL for the running database, and their installation.</summary>
public static class IndicatorTriggerScripts
{
    private const string Prefix = "indicator_marks";

    private static readonly IReadOnlyList<IndicatorTrigger> All = FeatureDiscovery.CreateAll<IIndicatorTriggers>().SelectMany(t => t.Triggers).ToList();

    /// <summary>The families some table marks: a computation over another entity cannot be maintained.</summary>
    public static IReadOnlySet<string> MarkedFamilies => All.SelectMany(t => t.Families).ToHashSet();

    /// <summary>One script per table: a PL/pgSQL function and its trigger, or SQLite's three triggers.</summary>
    public static IReadOnlyList<(string Table, string Sql)> Scripts(IModel model, bool postgres)
    {
        var sql = new TriggerSql(model, postgres);
        var result = new List<(string, string)>();
        foreach (var table in All.GroupBy(t => sql.Table(t.Entity)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            const string insert = $"INSERT INTO {Prefix} (family, commune_id, year, subject, subject_id)";
            string Changed(IndicatorTrigger trigger) => string.Join(" OR ", trigger.Changed.Select(c =>
                postgres ? $"OLD.{sql.Column(c)} IS DISTINCT FROM NEW.{sql.Column(c)}" : $"OLD.{sql.Column(c)} IS NOT NEW.{sql.Column(c)}"));
            // PL/pgSQL: each declaration's inserts, those with changed columns under an IF on an update.
            string PostgresInserts(string row, string indent) => string.Concat(table.Select(t =>
            {
                var inserts = string.Concat(t.Marks.Select(m => $"{indent}  {insert} {m(sql, row)};\n"));
                return t.Changed.Count == 0 ? inserts.Replace(indent + "  ", indent)
                    : $"{indent}IF TG_OP <> 'UPDATE' OR {Changed(t)} THEN\n{inserts}{indent}END IF;\n";
            }));
            // SQLite: in the update trigger, a declaration's inserts keep only rows where its columns changed.
            string SqliteInserts(string row, bool update) => string.Concat(table.SelectMany(t => t.Marks.Select(m =>
                update && t.Changed.Count > 0 ? $"  {insert} SELECT * FROM ({m(sql, row)}) WHERE {Changed(t)};\n" : $"  {insert} {m(sql, row)};\n")));
            var script = new StringBuilder();
            if (postgres)
            {
                script.Append($"CREATE OR REPLACE FUNCTION {Prefix}_{table.Key}() RETURNS trigger LANGUAGE plpgsql AS $body$\nBEGIN\n")
                    .Append("  IF TG_OP <> 'INSERT' THEN\n").Append(PostgresInserts("OLD", "    ")).Append("  END IF;\n")
                    .Append("  IF TG_OP <> 'DELETE' THEN\n").Append(PostgresInserts("NEW", "    ")).Append("  END IF;\n")
                    .Append("  RETURN NULL;\nEND\n$body$;\n")
                    .Append($"DROP TRIGGER IF EXISTS {Prefix} ON {table.Key};\n")
                    .Append($"CREATE TRIGGER {Prefix} AFTER INSERT OR UPDATE OR DELETE ON {table.Key} FOR EACH ROW EXECUTE FUNCTION {Prefix}_{table.Key}();\n");
            }
            else
            {
                foreach (var (operation, rows) in new[] { ("insert", new[] { "NEW" }), ("update", new[] { "OLD", "NEW" }), ("delete", new[] { "OLD" }) })
                {
                    script.Append($"DROP TRIGGER IF EXISTS {Prefix}_{table.Key}_{operation};\n")
                        .Append($"CREATE TRIGGER {Prefix}_{table.Key}_{operation} AFTER {operation.ToUpperInvariant()} ON {table.Key} FOR EACH ROW BEGIN\n");
                    foreach (var row in rows) script.Append(SqliteInserts(row, operation == "update"));
                    script.Append("END;\n");
                }
            }
            result.Add((table.Key, script.ToString()));
        }
        return result;
    }

    /// <summary>
    /// Installs the triggers as the running code declares them, replacing older ones and removing those
    /// of tables that no longer mark; returns the fingerprint of what is installed.
    /// </summary>
    public static async Task<string> InstallAsync(DbContext db, CancellationToken cancellationToken)
    {
        var postgres = db.Database.IsNpgsql();
        var scripts = Scripts(db.Model, postgres);
        var tables = scripts.Select(s => s.Table).ToHashSet();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (postgres)
        {
            // One installer at a time (two app instances starting together).
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7715001)", cancellationToken);
            var stale = await db.Database.SqlQueryRaw<string>(
                    $"SELECT c.relname AS \"Value\" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = '{Prefix}'")
                .ToListAsync(cancellationToken);
            foreach (var table in stale.Where(t => !tables.Contains(t)))
            {
                var drop = $"DROP TRIGGER IF EXISTS {Prefix} ON {table}; DROP FUNCTION IF EXISTS {Prefix}_{table}();";
                await db.Database.ExecuteSqlRawAsync(drop, cancellationToken);
            }
        }
        else
        {
            var stale = await db.Database.SqlQueryRaw<string>(
                    $"SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND name LIKE '{Prefix}\\_%' ESCAPE '\\'")
                .ToListAsync(cancellationToken);
            foreach (var name in stale.Where(n => !tables.Any(t => n.StartsWith($"{Prefix}_{t}_", StringComparison.Ordinal))))
            {
                var drop = $"DROP TRIGGER IF EXISTS {name}";
                await db.Database.ExecuteSqlRawAsync(drop, cancellationToken);
            }
        }
        foreach (var (_, sql) in scripts)
        {
            if (postgres) await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
            else
                foreach (var statement in SqliteStatements(sql))
                    await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return Fingerprint(scripts);
    }

    /// <summary>Whether every trigger the code declares is in the database (a SQLite table rebuild drops its triggers).</summary>
    public static async Task<bool> InstalledAsync(DbContext db, CancellationToken cancellationToken)
    {
        var postgres = db.Database.IsNpgsql();
        var tables = Scripts(db.Model, postgres).Select(s => s.Table).ToList();
        var present = postgres
            ? await db.Database.SqlQueryRaw<string>(
                    $"SELECT c.relname AS \"Value\" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = '{Prefix}'")
                .ToListAsync(cancellationToken)
            : await db.Database.SqlQueryRaw<string>($"SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND name LIKE '{Prefix}%'")
                .ToListAsync(cancellationToken);
        return postgres
            ? tables.All(present.Contains)
            : tables.All(t => new[] { "insert", "update", "delete" }.All(o => present.Contains($"{Prefix}_{t}_{o}")));
    }

    public static string Fingerprint(IReadOnlyList<(string Table, string Sql)> scripts) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", scripts.Select(s => s.Sql)))));

    /// <summary>A SQLite script is run a statement at a time; a trigger's body (BEGIN … END;) is one statement.</summary>
    private static IEnumerable<string> SqliteStatements(string script)
    {
        var statement = new StringBuilder();
        var inTrigger = false;
        foreach (var line in script.Split('\n'))
        {
            if (line.Length == 0) continue;
            statement.Append(line).Append('\n');
            if (line.StartsWith("CREATE TRIGGER", StringComparison.Ordinal)) inTrigger = true;
            if (inTrigger ? line == "END;" : line.EndsWith(';'))
            {
                yield return statement.ToString();
                statement.Clear();
                inTrigger = false;
            }
        }
    }
}
