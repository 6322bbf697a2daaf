using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Federation;
using DaoTaoNghe.Infrastructure.Web;
using Npgsql;

namespace DaoTaoNghe.Features.Federation;

/// <summary>
/// Replication lag for the operators' /metrics, read from PostgreSQL at each scrape (docs/federation.md, "Monitoring").
/// On a province, per replication slot of its database (the national subscribers' logical slots) and per physical
/// standby streaming from its cluster: WAL not yet confirmed (<c>dtn_replication_slot_lag_bytes</c>) and, while a
/// sender is attached, PostgreSQL's replay lag (<c>dtn_replication_slot_lag_time_seconds</c>). On the national tier, per
/// province subscription: seconds since its last change was applied (<c>dtn_replication_subscription_lag_seconds</c>),
/// since the province's last message (<c>dtn_replication_subscription_last_message_age_seconds</c>) and WAL received but
/// not applied yet (<c>dtn_replication_subscription_pending_bytes</c>). Ages are computed by the database from its own
/// timestamps, so the app's clock plays no part. Nothing is reported on SQLite or when the database does not answer.
/// </summary>
public sealed class ReplicationMetrics(DatabaseSettings settings, TierSettings tier, ILogger<ReplicationMetrics> logger) : IHostedService
{
    private static readonly Meter Meter = new(OperatorMetrics.MeterPrefix + "Federation");
    private static readonly ConcurrentDictionary<ReplicationMetrics, byte> Running = new();

    static ReplicationMetrics()
    {
        Meter.CreateObservableGauge("dtn.replication.slot.lag", () => Measure(m => m.Slots(), s => s.LagBytes, s => Tags(s.Database, ("slot", s.Name), ("kind", s.Kind))),
            "By", "WAL of this province's database not yet confirmed by a subscriber or standby, per replication slot");
        Meter.CreateObservableGauge("dtn.replication.slot.lag.time", () => Measure(m => m.Slots(), s => s.LagSeconds, s => Tags(s.Database, ("slot", s.Name), ("kind", s.Kind))),
            "s", "Replay lag reported by the subscriber or standby attached to the slot");
        Meter.CreateObservableGauge("dtn.replication.subscription.lag", () => Measure(m => m.Subscriptions(), s => s.LagSeconds, s => Tags(s.Database, ("subscription", s.Name))),
            "s", "Seconds since the last change of a province was applied on the national database");
        Meter.CreateObservableGauge("dtn.replication.subscription.last_message.age", () => Measure(m => m.Subscriptions(), s => s.LastMessageSeconds, s => Tags(s.Database, ("subscription", s.Name))),
            "s", "Seconds since the national database last heard from a province");
        Meter.CreateObservableGauge("dtn.replication.subscription.pending", () => Measure(m => m.Subscriptions(), s => s.PendingBytes, s => Tags(s.Database, ("subscription", s.Name))),
            "By", "WAL received from a province and not applied yet");
    }

    private sealed record Slot(string Database, string Name, string Kind, double? LagBytes, double? LagSeconds);

    private sealed record Subscription(string Database, string Name, double? LagSeconds, double? LastMessageSeconds, double? PendingBytes);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.Provider == DatabaseProvider.Postgres) Running[this] = 0;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Running.TryRemove(this, out _);
        return Task.CompletedTask;
    }

    private static IEnumerable<Measurement<double>> Measure<T>(Func<ReplicationMetrics, IEnumerable<T>> rows, Func<T, double?> value,
        Func<T, KeyValuePair<string, object?>[]> tags) =>
        Running.Keys.SelectMany(rows).Where(r => value(r) is not null).Select(r => new Measurement<double>(value(r)!.Value, tags(r))).ToList();

    private static KeyValuePair<string, object?>[] Tags(string database, params (string Key, string Value)[] tags) =>
        [new("database", database), .. tags.Select(t => new KeyValuePair<string, object?>(t.Key, t.Value))];

    // A physical standby without a slot is still listed, by its application name; logical slots of other databases are not ours.
    private const string SlotsSql = """
        SELECT COALESCE(s.slot_name, r.application_name), COALESCE(s.slot_type, 'physical'),
               pg_wal_lsn_diff(pg_current_wal_lsn(), COALESCE(s.confirmed_flush_lsn, r.replay_lsn, s.restart_lsn))::float8,
               CASE WHEN r.pid IS NOT NULL THEN COALESCE(extract(epoch FROM r.replay_lag), 0)::float8 END
        FROM pg_replication_slots s FULL JOIN pg_stat_replication r ON r.pid = s.active_pid
        WHERE s.slot_type IS DISTINCT FROM 'logical' OR s.database = current_database()
        """;

    private const string SubscriptionsSql = """
        SELECT s.subname,
               extract(epoch FROM clock_timestamp() - max(w.latest_end_time))::float8,
               extract(epoch FROM clock_timestamp() - max(w.last_msg_receipt_time))::float8,
               pg_wal_lsn_diff(max(w.received_lsn), max(w.latest_end_lsn))::float8
        FROM pg_subscription s LEFT JOIN pg_stat_subscription w ON w.subid = s.oid AND w.relid IS NULL
        WHERE s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        GROUP BY s.subname
        """;

    private IEnumerable<Slot> Slots() =>
        tier.IsNational ? [] : Read(SlotsSql, (database, r) => new Slot(database, r.GetString(0), r.GetString(1), Nullable(r, 2), Nullable(r, 3)));

    private IEnumerable<Subscription> Subscriptions() =>
        tier.IsNational ? Read(SubscriptionsSql, (database, r) => new Subscription(database, r.GetString(0), Nullable(r, 1), Nullable(r, 2), Nullable(r, 3))) : [];

    private List<T> Read<T>(string sql, Func<string, NpgsqlDataReader, T> row)
    {
        // Scrapes are synchronous callbacks: a short query on the primary, and an unreachable database reports nothing.
        try
        {
            using var connection = new NpgsqlConnection(settings.ConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 5 };
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read()) rows.Add(row(connection.Database, reader));
            return rows;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            logger.LogWarning(e, "Replication metrics could not be read");
            return [];
        }
    }

    private static double? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
}
