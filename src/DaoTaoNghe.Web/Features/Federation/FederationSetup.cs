using DaoTaoNghe.Infrastructure.Federation;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace DaoTaoNghe.Features.Federation;

/// <summary>One table of a subscription during its initial copy: PostgreSQL's state letter and the rows copied so far.</summary>
public sealed record TableCopy(string Table, char State, long RowsCopied)
{
    /// <summary>pg_subscription_rel.srsubstate: i = waiting, d = copying, f/s = copied and catching up, r = ready.</summary>
    public bool IsReady => State == 'r';

    public string StateName => State switch
    {
        'i' => "chờ chép",
        'd' => "đang chép",
        'f' or 's' => "đã chép, đang bắt kịp",
        'r' => "sẵn sàng",
        _ => State.ToString(),
    };
}

/// <summary>
/// What `DbTool federation add-province` and `federation refresh` do, and the tests with them (docs/federation.md): the
/// province's publication of every replicated table, the national database's subscription to it, and the initial copy.
/// </summary>
public static class FederationSetup
{
    /// <summary>Every province publishes under the same name; the subscription names the province.</summary>
    public const string PublicationName = "dtn_province";

    public static string SubscriptionName(string provinceCode) => "dtn_tinh_" + provinceCode;

    public static void CheckCode(string provinceCode)
    {
        if (provinceCode is not { Length: 2 } || !provinceCode.All(char.IsAsciiDigit))
            throw new ArgumentException($"Mã tỉnh '{provinceCode}' không hợp lệ: cần đúng 2 chữ số (ví dụ 12 = Lai Châu).");
    }

    /// <summary>On the province: the publication of exactly the replicated tables (created, or brought up to date).</summary>
    public static Task PublishAsync(IModel model, string provinceConnection, CancellationToken ct = default) =>
        PublishAsync(ReplicatedTables.Of(model), provinceConnection, ct);

    /// <summary>On the province: the publication of exactly <paramref name="tables"/>; returns the tables it published before.</summary>
    private static async Task<List<string>> PublishAsync(IReadOnlyCollection<string> tables, string provinceConnection, CancellationToken ct)
    {
        var list = string.Join(", ", tables.Select(t => "public." + Quote(t)));
        await using var connection = new NpgsqlConnection(provinceConnection);
        await connection.OpenAsync(ct);
        var exists = await ScalarAsync<bool>(connection, "SELECT EXISTS (SELECT FROM pg_publication WHERE pubname = @name)", ct, ("name", PublicationName));
        var before = exists ? await NamesAsync(connection, "SELECT tablename FROM pg_publication_tables WHERE pubname = @name", PublicationName, ct) : [];
        await ExecuteAsync(connection, exists
            ? $"ALTER PUBLICATION {PublicationName} SET TABLE {list}"
            : $"CREATE PUBLICATION {PublicationName} FOR TABLE {list}", ct);
        return before;
    }

    /// <summary>What a refresh changed: tables the province's publication gained and lost, and tables the national subscription now receives or no longer does.</summary>
    public sealed record Refreshed(IReadOnlyList<string> Published, IReadOnlyList<string> Unpublished, IReadOnlyList<string> Subscribed, IReadOnlyList<string> Unsubscribed)
    {
        public bool Changed => Published.Count + Unpublished.Count + Subscribed.Count + Unsubscribed.Count > 0;
    }

    /// <summary>
    /// After a schema upgrade (docs/federation.md, "Schema upgrades"): the province's publication set to exactly
    /// <paramref name="tables"/> (the release's replicated tables), then the national subscription refreshed, which
    /// starts copying the tables it did not receive yet. Running it again changes nothing.
    /// </summary>
    public static async Task<Refreshed> RefreshAsync(IReadOnlyCollection<string> tables, string provinceCode, string provinceConnection, string nationalConnection,
        CancellationToken ct = default)
    {
        CheckCode(provinceCode);
        await using var national = new NpgsqlConnection(nationalConnection);
        await national.OpenAsync(ct);
        var name = SubscriptionName(provinceCode);
        if (!await SubscribedAsync(national, name, ct))
            throw new InvalidOperationException($"Cơ sở dữ liệu quốc gia chưa có đăng ký nhận dữ liệu của tỉnh {provinceCode} ({name}): chạy `federation add-province` trước.");
        var published = await PublishAsync(tables, provinceConnection, ct);
        const string received = """
            SELECT c.relname FROM pg_subscription_rel r JOIN pg_subscription s ON s.oid = r.srsubid JOIN pg_class c ON c.oid = r.srrelid
            WHERE s.subname = @name AND s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            """;
        var before = await NamesAsync(national, received, name, ct);
        // REFRESH PUBLICATION cannot run in a transaction block; Npgsql sends a lone statement outside one.
        await ExecuteAsync(national, $"ALTER SUBSCRIPTION {name} REFRESH PUBLICATION", ct);
        var after = await NamesAsync(national, received, name, ct);
        return new Refreshed(tables.Except(published).Order().ToList(), published.Except(tables).Order().ToList(),
            after.Except(before).Order().ToList(), before.Except(after).Order().ToList());
    }

    private static Task<bool> SubscribedAsync(NpgsqlConnection national, string name, CancellationToken ct) =>
        ScalarAsync<bool>(national, "SELECT EXISTS (SELECT FROM pg_subscription s JOIN pg_database d ON d.oid = s.subdbid WHERE s.subname = @name AND d.datname = current_database())", ct, ("name", name));

    private static async Task<List<string>> NamesAsync(NpgsqlConnection connection, string sql, string name, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("name", name);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) names.Add(reader.GetString(0));
        return names;
    }

    /// <summary>
    /// On the national database: the subscription to the province's publication, copying the rows already there.
    /// Its replication slot on the province is named after both databases, so several national databases
    /// (a test run's, a staging one) may follow the same province cluster.
    /// </summary>
    /// <returns>False when the national database already subscribes to the province (then nothing is done: see <see cref="RefreshAsync"/>).</returns>
    public static async Task<bool> SubscribeAsync(string provinceCode, string provinceConnection, string nationalConnection, CancellationToken ct = default)
    {
        CheckCode(provinceCode);
        var province = new NpgsqlConnectionStringBuilder(provinceConnection);
        var national = new NpgsqlConnectionStringBuilder(nationalConnection);
        var slot = $"dtn_{provinceCode}_{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{national.Host}:{national.Port}/{national.Database}")))[..16]}";
        var conninfo = string.Join(' ', new[]
        {
            ("host", province.Host), ("port", province.Port.ToString()), ("dbname", province.Database),
            ("user", province.Username), ("password", province.Password),
        }.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}='{p.Item2!.Replace("\\", "\\\\").Replace("'", "\\'")}'"));
        await using var connection = new NpgsqlConnection(nationalConnection);
        await connection.OpenAsync(ct);
        var name = SubscriptionName(provinceCode);
        if (await SubscribedAsync(connection, name, ct)) return false;
        // CREATE SUBSCRIPTION cannot run in a transaction block; Npgsql sends a lone statement outside one.
        await ExecuteAsync(connection,
            $"CREATE SUBSCRIPTION {name} CONNECTION {Literal(conninfo)} PUBLICATION {PublicationName} " +
            $"WITH (copy_data = true, slot_name = {Literal(slot)})", ct);
        return true;
    }

    /// <summary>The initial copy of a province's subscription, table by table.</summary>
    public static async Task<IReadOnlyList<TableCopy>> CopyProgressAsync(string provinceCode, string nationalConnection, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(nationalConnection);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT c.relname, r.srsubstate,
                   COALESCE((SELECT p.tuples_processed FROM pg_stat_progress_copy p WHERE p.relid = r.srrelid), c.reltuples::bigint, 0)
            FROM pg_subscription_rel r
            JOIN pg_subscription s ON s.oid = r.srsubid
            JOIN pg_class c ON c.oid = r.srrelid
            WHERE s.subname = @name AND s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            ORDER BY c.relname
            """, connection);
        command.Parameters.AddWithValue("name", SubscriptionName(provinceCode));
        var tables = new List<TableCopy>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            tables.Add(new TableCopy(reader.GetString(0), reader.GetChar(1), Math.Max(0, reader.GetInt64(2))));
        return tables;
    }

    /// <summary>
    /// Adds a province: publication, subscription, then the copy's progress every second until every table is ready.
    /// Again for a province already added, it brings the publication and subscription up to date (<see cref="RefreshAsync"/>)
    /// instead and waits for the same; returns what that changed, null when the subscription was created.
    /// </summary>
    public static async Task<Refreshed?> AddProvinceAsync(IModel model, string provinceCode, string provinceConnection, string nationalConnection,
        Action<IReadOnlyList<TableCopy>>? progress, TimeProvider clock, TimeSpan timeout, CancellationToken ct = default)
    {
        CheckCode(provinceCode);
        bool added;
        await using (var national = new NpgsqlConnection(nationalConnection))
        {
            await national.OpenAsync(ct);
            added = !await SubscribedAsync(national, SubscriptionName(provinceCode), ct);
        }
        if (added)
        {
            await PublishAsync(model, provinceConnection, ct);
            await SubscribeAsync(provinceCode, provinceConnection, nationalConnection, ct);
        }
        var refreshed = added ? null : await RefreshAsync(ReplicatedTables.Of(model), provinceCode, provinceConnection, nationalConnection, ct);
        await WaitForCopyAsync(provinceCode, nationalConnection, progress, clock, timeout, ct);
        return refreshed;
    }

    /// <summary>The copy's progress every second until every table of the province's subscription is ready.</summary>
    public static async Task WaitForCopyAsync(string provinceCode, string nationalConnection, Action<IReadOnlyList<TableCopy>>? progress, TimeProvider clock,
        TimeSpan timeout, CancellationToken ct = default)
    {
        var deadline = clock.GetUtcNow() + timeout;
        while (true)
        {
            var tables = await CopyProgressAsync(provinceCode, nationalConnection, ct);
            progress?.Invoke(tables);
            if (tables.Count > 0 && tables.All(t => t.IsReady)) return;
            if (clock.GetUtcNow() > deadline)
                throw new TimeoutException($"Sau {timeout.TotalMinutes:0} phút vẫn còn {tables.Count(t => !t.IsReady)} bảng của tỉnh {provinceCode} chưa chép xong; xem `federation status`.");
            await Task.Delay(TimeSpan.FromSeconds(1), clock, ct);
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private static string Literal(string text) => "'" + text.Replace("'", "''") + "'";

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }
}
