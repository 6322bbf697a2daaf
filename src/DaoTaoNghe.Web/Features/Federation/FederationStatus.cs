using System.Data.Common;

namespace DaoTaoNghe.Features.Federation;

/// <summary>One province's subscription on the national database, as PostgreSQL reports it.</summary>
public sealed record ProvinceReplication(
    string ProvinceCode,
    string Subscription,
    bool Enabled,
    bool WorkerRunning,
    DateTime? LastMessageAt,
    DateTime? LatestEndAt,
    string? ReceivedLsn,
    string? LatestEndLsn,
    long ApplyErrors,
    long SyncErrors,
    int TablesReady,
    int Tables)
{
    /// <summary>How long since the province's last change was confirmed applied here (PostgreSQL's latest_end_time).</summary>
    public TimeSpan? Lag(DateTime nowUtc) => LatestEndAt is { } end ? nowUtc - end : null;

    /// <summary>What a DBA must look at, in Vietnamese; null when all is well.</summary>
    public string? Problem =>
        !Enabled ? "Đăng ký đang tạm dừng (DISABLE)."
        : !WorkerRunning ? "Tiến trình nhận dữ liệu không chạy: kiểm tra kết nối tới tỉnh và nhật ký PostgreSQL."
        : ApplyErrors + SyncErrors > 0 ? $"Đã có {ApplyErrors} lỗi ghi và {SyncErrors} lỗi chép ban đầu (pg_stat_subscription_stats)."
        : TablesReady < Tables ? $"Đang chép ban đầu: {TablesReady}/{Tables} bảng sẵn sàng."
        : null;
}

/// <summary>Every province subscription of the national database (PostgreSQL 15: pg_subscription, pg_stat_subscription, pg_stat_subscription_stats).</summary>
public static class FederationStatus
{
    public static async Task<IReadOnlyList<ProvinceReplication>> ReadAsync(DbConnection connection, CancellationToken ct = default)
    {
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT s.subname, s.subenabled,
                       bool_or(w.pid IS NOT NULL AND w.relid IS NULL),
                       max(w.last_msg_receipt_time), max(w.latest_end_time),
                       max(w.received_lsn)::text, max(w.latest_end_lsn)::text,
                       COALESCE(max(st.apply_error_count), 0), COALESCE(max(st.sync_error_count), 0),
                       (SELECT count(*) FROM pg_subscription_rel r WHERE r.srsubid = s.oid AND r.srsubstate = 'r'),
                       (SELECT count(*) FROM pg_subscription_rel r WHERE r.srsubid = s.oid)
                FROM pg_subscription s
                LEFT JOIN pg_stat_subscription w ON w.subid = s.oid
                LEFT JOIN pg_stat_subscription_stats st ON st.subid = s.oid
                WHERE s.subname LIKE 'dtn\_tinh\_%' AND s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                GROUP BY s.oid, s.subname, s.subenabled
                ORDER BY s.subname
                """;
            var rows = new List<ProvinceReplication>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var name = reader.GetString(0);
                rows.Add(new ProvinceReplication(
                    name[FederationSetup.SubscriptionName("").Length..], name, reader.GetBoolean(1), !reader.IsDBNull(2) && reader.GetBoolean(2),
                    Utc(reader, 3), Utc(reader, 4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.GetInt64(7), reader.GetInt64(8), (int)reader.GetInt64(9), (int)reader.GetInt64(10)));
            }
            return rows;
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }

    private static DateTime? Utc(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);
}
