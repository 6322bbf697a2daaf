using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DaoTaoNghe.Bench.Scale;

/// <summary>Latencies of one timed run: percentiles in milliseconds and completed operations per second.</summary>
public sealed record Timing(int Count, int Errors, double P50, double P95, double P99, double PerSecond, string? FirstError)
{
    public static Timing From(List<double> milliseconds, int errors, TimeSpan elapsed, string? firstError)
    {
        milliseconds.Sort();
        double At(double q) => milliseconds.Count == 0 ? double.NaN : milliseconds[Math.Min(milliseconds.Count - 1, (int)Math.Ceiling(q * milliseconds.Count) - 1)];
        return new Timing(milliseconds.Count, errors, At(0.50), At(0.95), At(0.99), milliseconds.Count / elapsed.TotalSeconds, firstError);
    }
}

/// <summary>Runs an operation from many concurrent clients for a while and times every call.</summary>
public static class Load
{
    /// <summary>
    /// <paramref name="operation"/> gets the client's number and its call number; it throws to count an error.
    /// Each client calls it in a loop until <paramref name="duration"/> is over (and at least once).
    /// </summary>
    public static async Task<Timing> RunAsync(int clients, TimeSpan duration, Func<int, int, Task> operation)
    {
        var times = new List<double>[clients];
        var errors = 0;
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var mine = times[client] = [];
            for (var call = 0; call == 0 || clock.Elapsed < duration; call++)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await operation(client, call);
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, e.Message, null);
                }
            }
        })));
        return Timing.From(times.SelectMany(t => t).ToList(), errors, clock.Elapsed, firstError);
    }
}

/// <summary>Many clients, each looping over a mix of operations, each kind timed apart.</summary>
public static class MixedLoad
{
    /// <summary>
    /// Each client calls <paramref name="operation"/> with its number, its call number and the kind of call (client + call,
    /// round the <paramref name="kinds"/>, so every client goes through the whole mix) until <paramref name="duration"/> is over;
    /// a call that throws counts as an error of its kind.
    /// </summary>
    public static async Task<Timing[]> RunAsync(int clients, TimeSpan duration, int kinds, Func<int, int, int, Task> operation)
    {
        var times = Enumerable.Range(0, kinds).Select(_ => new System.Collections.Concurrent.ConcurrentBag<double>()).ToArray();
        var errors = new int[kinds];
        var firstErrors = new string?[kinds];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            for (var call = 0; clock.Elapsed < duration; call++)
            {
                var kind = (client + call) % kinds;
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await operation(client, call, kind);
                    times[kind].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref errors[kind]);
                    Interlocked.CompareExchange(ref firstErrors[kind], e.Message, null);
                }
            }
        })));
        return Enumerable.Range(0, kinds).Select(k => Timing.From(times[k].ToList(), errors[k], clock.Elapsed, firstErrors[k])).ToArray();
    }
}

/// <summary>The app's resident memory from /proc: sampled while scenarios run, and the kernel's own peak.</summary>
public sealed class MemoryWatch : IAsyncDisposable
{
    private readonly int? _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peak;

    public MemoryWatch(int? pid)
    {
        _pid = pid;
        _sampler = pid is null ? Task.CompletedTask : Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                _peak = Math.Max(_peak, Read("VmRSS") ?? 0);
                await Task.Delay(50);
            }
        });
    }

    /// <summary>Peak RSS seen since the last reset, in MB.</summary>
    public long? TakePeak()
    {
        if (_pid is null) return null;
        var peak = Math.Max(_peak, Read("VmRSS") ?? 0);
        _peak = 0;
        return peak;
    }

    /// <summary>The kernel's high-water mark of the process's resident memory since it started, in MB.</summary>
    public long? HighWaterMark => Read("VmHWM");

    public long? Current => Read("VmRSS");

    /// <summary>The process's CPU time so far (user and system, /proc/&lt;pid&gt;/stat), in seconds.</summary>
    public double? CpuSeconds => _pid is null ? null : ProcessCpuSeconds(_pid.Value);

    /// <summary>A local process's user and system CPU time in seconds (the kernel's clock ticks are 1/100 s on Linux).</summary>
    public static double? ProcessCpuSeconds(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        // The command name in parentheses may hold spaces: the fields are counted after its closing parenthesis.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private long? Read(string field)
    {
        if (_pid is null) return null;
        var line = File.ReadLines($"/proc/{_pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(Regex.Match(line, @"\d+").Value, CultureInfo.InvariantCulture) / 1024;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        _stop.Dispose();
    }
}
