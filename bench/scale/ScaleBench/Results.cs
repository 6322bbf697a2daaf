using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DaoTaoNghe.Bench.Scale;

/// <summary>
/// A run's figures as bench/scale/results/&lt;scale&gt;.json: per scenario the app's percentiles, throughput, the floor's
/// p95 and the ratio, peak RSS; with the commit, the UTC date, the scale, the learners and the machine's load, so a
/// figure in docs/performance.md can be traced to the run that made it.
/// </summary>
public static class Results
{
    public sealed record Scenario(string Name, int Requests, int Errors, double P50Ms, double P95Ms, double P99Ms, double PerSecond,
        double? FloorP50Ms, double? FloorP95Ms, double? RatioP95, long? PeakRssMb, string Answer, string? FirstError);

    public sealed record File(string Commit, DateTime DateUtc, string Scale, long Learners, string Province, int Clients, double SecondsPerScenario,
        int Cores, string LoadAverageAtStart, string LoadAverageAtEnd, string Floor, IReadOnlyList<Scenario> Scenarios,
        double? FreshnessSeconds, string Freshness, long? RssAfterStartMb, long? PeakRssMb, Bench.Connections? AppConnections = null, string Tier = "Province",
        double WarmUpSeconds = 0);

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // Readable as written: Vietnamese answers and "+changes" unescaped (the file is data, never HTML).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static File From(Bench.Report report, string scale, string province, BenchOptions options, string? commit = null) => new(
        commit ?? Commit(), report.StartedUtc, scale, report.Learners, province, options.Clients, options.Duration.TotalSeconds, Environment.ProcessorCount,
        report.LoadAtStart, report.LoadAtEnd, report.Floors,
        report.Rows.Select(r => new Scenario(r.Scenario, r.App.Count, r.App.Errors, Round(r.App.P50), Round(r.App.P95), Round(r.App.P99), Round(r.App.PerSecond),
            r.Floor is null ? null : Round(r.Floor.P50), r.Floor is null ? null : Round(r.Floor.P95), r.RatioP95 is { } q ? Math.Round(q, 2) : null,
            r.PeakRssMb, r.Answer, r.App.FirstError)).ToList(),
        report.FreshnessSeconds, report.FreshnessWhat, report.RssAfterStartMb, report.PeakRssMb, report.Connections, options.National ? "National" : "Province",
        options.WarmUp.TotalSeconds);

    public static async Task WriteAsync(File results, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await System.IO.File.WriteAllTextAsync(path, JsonSerializer.Serialize(results, Json) + "\n");
    }

    public static File Read(string path) => JsonSerializer.Deserialize<File>(System.IO.File.ReadAllText(path), Json)!;

    private static double Round(double value) => double.IsFinite(value) ? Math.Round(value, 1) : value;

    /// <summary>The commit of the working copy the bench runs from (with "+changes" when it has uncommitted ones), unless `--commit` names the app's.</summary>
    private static string Commit()
    {
        string Git(string arguments)
        {
            try
            {
                using var git = Process.Start(new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
                var output = git.StandardOutput.ReadToEnd().Trim();
                git.WaitForExit();
                return git.ExitCode == 0 ? output : "";
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return "";
            }
        }
        var head = Git("rev-parse --short HEAD");
        if (head.Length == 0) return "unknown";
        return Git("status --porcelain --untracked-files=no").Length > 0 ? head + "+changes" : head;
    }
}
