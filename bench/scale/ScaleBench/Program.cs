using System.Globalization;

namespace DaoTaoNghe.Bench.Scale;

/// <summary>
/// bench/scale: `generate` fills a PostgreSQL database with synthetic records at a named scale;
/// `migrate` brings a bench database to the app's schema; `run` drives a running DaoTaoNghe over
/// HTTP and times each scenario against its SQL floor.
/// </summary>
public static class ScaleBenchCommand
{
    public static async Task Main(string[] args)
    {
        var command = args.FirstOrDefault() ?? "";
        var options = args.Skip(1).Chunk(2).ToDictionary(a => a[0].TrimStart('-'), a => a.Length > 1 ? a[1] : "");
        var connectionString = options.GetValueOrDefault("db") ?? Environment.GetEnvironmentVariable("DTN_BENCH_DB")
            ?? throw new ArgumentException("--db <connection string with Database=…> is required.");

        switch (command)
        {
            case "generate":
            {
                var scale = Scale.Named(options.GetValueOrDefault("scale", "province"),
                    options.TryGetValue("learners", out var learners) ? int.Parse(learners, CultureInfo.InvariantCulture) : null);
                var seed = int.Parse(options.GetValueOrDefault("seed", "2026"), CultureInfo.InvariantCulture);
                var counts = await new Generator(connectionString, scale, seed, Console.Out).RunAsync();
                Console.WriteLine($"Done: {counts.Learners:N0} learners, {counts.Courses:N0} courses, {counts.Enrolments:N0} enrolments, {counts.Orders:N0} orders, {counts.FollowUps:N0} follow-ups " +
                                  $"in {counts.Provinces} province(s), {counts.Communes:N0} communes; {counts.Elapsed.TotalSeconds:F0} s.");
                break;
            }
            case "follow-ups":
            {
                // Adds employment outcomes to a database generated before they existed (the national run).
                var scale = Scale.Named(options.GetValueOrDefault("scale", "national"));
                var seed = int.Parse(options.GetValueOrDefault("seed", "2026"), CultureInfo.InvariantCulture);
                var added = await new Generator(connectionString, scale, seed, Console.Out).AddFollowUpsAsync();
                Console.WriteLine($"Done: {added:N0} follow-ups.");
                break;
            }
            case "copy-to-sqlite":
                // The generated records on the embedded database, to run the read scenarios against the app on SQLite.
                await SqliteCopy.RunAsync(connectionString, options.GetValueOrDefault("sqlite") ?? throw new ArgumentException("--sqlite \"Data Source=<file>\" is required."), Console.Out);
                break;
            case "migrate":
                // A schema change of the app reaches a big bench database here, where an index build may take minutes.
                await Generator.MigrateAsync(connectionString);
                Console.WriteLine("Migrated.");
                break;
            case "run":
            {
                var url = options.GetValueOrDefault("url", "http://127.0.0.1:5072");
                int? pid = options.TryGetValue("pid", out var p) ? int.Parse(p, CultureInfo.InvariantCulture) : null;
                var bench = new BenchOptions(
                    Clients: int.Parse(options.GetValueOrDefault("clients", "20"), CultureInfo.InvariantCulture),
                    Duration: TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("seconds", "15"), CultureInfo.InvariantCulture)),
                    UserName: options.GetValueOrDefault("user", "bench.admin"),
                    Password: options.GetValueOrDefault("password", "Bench@2026"),
                    Indicator: options.GetValueOrDefault("indicator", "learners.registered"),
                    Only: options.GetValueOrDefault("only"),
                    National: string.Equals(options.GetValueOrDefault("tier"), "National", StringComparison.OrdinalIgnoreCase))
                {
                    IdleWait = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("idle-seconds", "330"), CultureInfo.InvariantCulture)),
                    WarmUp = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("warmup", "30"), CultureInfo.InvariantCulture)),
                };
                var province = options.GetValueOrDefault("province", "12");
                Console.WriteLine($"{Environment.ProcessorCount} cores, {bench.Clients} clients, {bench.Duration.TotalSeconds:F0} s per scenario, province {province}, {url}");
                var report = await new Bench(() => new HttpClient(new SocketsHttpHandler
                {
                    CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false, MaxConnectionsPerServer = 1,
                }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) }, connectionString, province, bench, Console.Out).RunAsync(pid);
                Console.WriteLine();
                Console.WriteLine("| scenario | requests | errors | p50 ms | p95 ms | p99 ms | per second | SQL floor p50 ms | SQL floor p95 ms | app/floor p50 | app/floor p95 | app peak RSS MB | answer checked |");
                Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
                foreach (var row in report.Rows)
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {row.Scenario} | {row.App.Count:N0} | {row.App.Errors} | {row.App.P50:F1} | {row.App.P95:F1} | {row.App.P99:F1} | {row.App.PerSecond:F0} | " +
                        $"{row.Floor?.P50:F1} | {row.Floor?.P95:F1} | {row.RatioP50:F1} | {row.RatioP95:F1} | {row.PeakRssMb} | {row.Answer} |"));
                Console.WriteLine();
                Console.WriteLine(report.FreshnessSeconds is { } s ? $"Freshness: {report.FreshnessWhat} after {s:F3} s." : $"Freshness: {report.FreshnessWhat}.");
                Console.WriteLine($"App RSS after start and sign-in: {report.RssAfterStartMb} MB; peak (VmHWM) over the whole run: {report.PeakRssMb} MB.");
                Console.WriteLine($"Load average at start {report.LoadAtStart}, at end {report.LoadAtEnd}.");
                var scale = options.GetValueOrDefault("scale", "province");
                var path = options.GetValueOrDefault("results", Path.Combine("bench", "scale", "results", scale + ".json"));
                await Results.WriteAsync(Results.From(report, scale, province, bench, options.GetValueOrDefault("commit")), path);
                Console.WriteLine($"Results written to {path}.");
                break;
            }
            default:
                Console.Error.WriteLine("Usage: ScaleBench generate --db <cs> [--scale tiny|province|national] [--learners N] [--seed 2026]\n" +
                                        "       ScaleBench copy-to-sqlite --db <generated PostgreSQL cs> --sqlite \"Data Source=<file>\"\n" +
                                        "       ScaleBench run --db <cs> --url http://127.0.0.1:5072 --pid <app pid> [--clients 20] [--seconds 15] [--province 12] [--user u --password p]\n" +
                                        "           [--scale province] [--results bench/scale/results/<scale>.json] [--only name,cccd,province,commune,indicator,writes,nation,freshness]\n" +
                                        "           [--only users --clients 200 --seconds 120 --idle-seconds 330]: 200 signed-in users on a mix of pages, and the app's connections\n" +
                                        "           [--tier National: the app runs as the national tier, the user is a ministry officer] [--commit <the app's commit>]");
                Environment.ExitCode = 2;
                break;
        }
    }
}
