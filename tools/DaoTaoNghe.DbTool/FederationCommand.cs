using DaoTaoNghe.Features.Federation;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Federation;

namespace DaoTaoNghe.DbTool;

/// <summary>
/// `federation add-province`, `federation refresh` and `federation status` (docs/federation.md): the DBA's commands for the national tier,
/// through the same code the federation tests use. Run them as a role that may create publications on the province
/// (the tables' owner) and subscriptions on the national database (a superuser in PostgreSQL 15).
/// </summary>
public static class FederationCommand
{
    public static async Task<int> RunAsync(string[] args, string usage)
    {
        var options = new Dictionary<string, string>();
        for (var i = 1; i + 1 < args.Length; i += 2)
            if (args[i].StartsWith("--")) options[args[i][2..]] = args[i + 1];
        try
        {
            switch (args)
            {
                case ["add-province", ..] when options.TryGetValue("province", out var province) && options.TryGetValue("national", out var national)
                                               && options.TryGetValue("code", out var code):
                {
                    FederationSetup.CheckCode(code);
                    await using var db = MigrationWriter.Design(DatabaseProvider.Postgres);
                    Console.WriteLine($"Tỉnh {code}: tạo publication {FederationSetup.PublicationName} và subscription {FederationSetup.SubscriptionName(code)}…");
                    var refreshed = await FederationSetup.AddProvinceAsync(db.Model, code, province, national, Progress(),
                        TimeProvider.System, Timeout(options));
                    if (refreshed is not null)
                    {
                        Console.WriteLine($"Tỉnh {code} đã được thêm từ trước: đã cập nhật publication và subscription.");
                        Print(refreshed);
                    }
                    Console.WriteLine($"Tỉnh {code}: chép ban đầu xong, đang nhận thay đổi.");
                    return 0;
                }
                case ["refresh", ..] when options.TryGetValue("province", out var province) && options.TryGetValue("national", out var national)
                                          && options.TryGetValue("code", out var code):
                {
                    FederationSetup.CheckCode(code);
                    await using var db = MigrationWriter.Design(DatabaseProvider.Postgres);
                    var refreshed = await FederationSetup.RefreshAsync(ReplicatedTables.Of(db.Model), code, province, national);
                    Print(refreshed);
                    await FederationSetup.WaitForCopyAsync(code, national, Progress(), TimeProvider.System, Timeout(options));
                    Console.WriteLine($"Tỉnh {code}: mọi bảng đã chép xong, đang nhận thay đổi.");
                    return 0;
                }
                case ["status", ..] when options.TryGetValue("national", out var national):
                {
                    await using var connection = new Npgsql.NpgsqlConnection(national);
                    var now = TimeProvider.System.GetUtcNow().UtcDateTime;
                    foreach (var p in await FederationStatus.ReadAsync(connection))
                        Console.WriteLine($"{p.ProvinceCode}  {(p.Enabled ? "bật" : "tắt")}  nhận gần nhất {p.LastMessageAt:u}  " +
                                          $"áp dụng đến {p.LatestEndLsn ?? "–"} lúc {p.LatestEndAt:u} (trễ {p.Lag(now)?.TotalSeconds:0.0} s)  " +
                                          $"{p.TablesReady}/{p.Tables} bảng  {p.Problem ?? "ổn"}");
                    return 0;
                }
                default:
                    Console.Error.WriteLine(usage);
                    return 2;
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or TimeoutException or Npgsql.NpgsqlException)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    private static TimeSpan Timeout(Dictionary<string, string> options) =>
        TimeSpan.FromHours(options.TryGetValue("timeout-hours", out var hours) ? double.Parse(hours, System.Globalization.CultureInfo.InvariantCulture) : 6);

    /// <summary>A line each time the copy's progress changes.</summary>
    private static Action<IReadOnlyList<TableCopy>> Progress()
    {
        string? last = null;
        return tables =>
        {
            var line = $"{tables.Count(t => t.IsReady)}/{tables.Count} bảng sẵn sàng; " +
                       string.Join(", ", tables.Where(t => !t.IsReady).Take(5).Select(t => $"{t.Table}: {t.StateName}, {t.RowsCopied:N0} dòng"));
            if (line != last) Console.WriteLine(line);
            last = line;
        };
    }

    private static void Print(FederationSetup.Refreshed refreshed)
    {
        if (!refreshed.Changed) Console.WriteLine("Không có gì thay đổi: publication và subscription đã đúng các bảng của phiên bản này.");
        foreach (var (label, tables) in new[]
                 {
                     ("Publication của tỉnh thêm bảng", refreshed.Published), ("Publication của tỉnh bỏ bảng", refreshed.Unpublished),
                     ("Cấp quốc gia bắt đầu nhận (chép ban đầu)", refreshed.Subscribed), ("Cấp quốc gia thôi nhận", refreshed.Unsubscribed),
                 })
            if (tables.Count > 0) Console.WriteLine($"{label}: {string.Join(", ", tables)}");
    }
}
