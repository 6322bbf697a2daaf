using System.Globalization;
using DaoTaoNghe.Bench.Scale;

// bench/scale: `generate` fills a PostgreSQL database with synthetic records at a named scale;
// `run` drives a running DaoTaoNghe over HTTP and times each scenario against its SQL floor.
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
        Console.WriteLine($"Done: {counts.Learners:N0} learners, {counts.Courses:N0} courses, {counts.Enrolments:N0} enrolments, {counts.Orders:N0} orders " +
                          $"in {counts.Provinces} province(s), {counts.Communes:N0} communes; {counts.Elapsed.TotalSeconds:F0} s.");
        break;
    }
    default:
        Console.Error.WriteLine("Usage: ScaleBench generate --db <cs> [--scale tiny|province|national] [--learners N] [--seed 2026]");
        Environment.ExitCode = 2;
        break;
}
