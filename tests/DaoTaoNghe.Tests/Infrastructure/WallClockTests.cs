using DaoTaoNghe.Tests.Support;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace DaoTaoNghe.Tests.Infrastructure;

/// <summary>
/// The app reads the time only through the <see cref="TimeProvider"/> it is given, so a test can say
/// what "today" is (<see cref="TestClock"/>). Read from the compiled IL, so pages (Razor views compile
/// into the assembly), lambdas and async methods are all seen.
/// </summary>
public class WallClockTests
{
    /// <summary>Getters that read the machine's clock.</summary>
    private static readonly HashSet<(string Type, string Method)> WallClock =
    [
        ("System.DateTime", "get_Now"),
        ("System.DateTime", "get_UtcNow"),
        ("System.DateTime", "get_Today"),
        ("System.DateTimeOffset", "get_Now"),
        ("System.DateTimeOffset", "get_UtcNow"),
        ("System.TimeProvider", "get_System"),
    ];

    public sealed record Read(string Method, string Getter, string? Where)
    {
        public override string ToString() => $"{Method} reads {Getter}{(Where is null ? "" : $" ({Where})")}";
    }

    [Fact]
    public void The_app_reads_the_time_only_through_its_TimeProvider()
    {
        var reads = ReadsIn(typeof(Program).Assembly.Location);

        // The one place allowed: Program.cs registers the system clock as the app's TimeProvider (its top-level
        // statements compile to Program.<Main>$, or to the state machine Program/<<Main>$>d__0 when they await).
        var registration = reads.Where(r => (r.Method == "Program.<Main>$" || r.Method.StartsWith("Program/<<Main>$>"))
                                            && r.Getter == "System.TimeProvider.get_System").ToList();
        registration.Count.ShouldBe(1, "Program.cs registers TimeProvider.System once");
        reads.Except(registration).ShouldBeEmpty(
            "Read the time through the injected TimeProvider (VietnamTime.Today(clock), clock.GetUtcNow()), never from the machine's clock:\n" +
            string.Join("\n", reads.Except(registration)));
    }

    [Fact]
    public void Tests_read_the_time_only_through_the_test_clock()
    {
        var reads = ReadsIn(typeof(WallClockTests).Assembly.Location).Where(r => !r.Method.StartsWith(typeof(Sentinel).FullName!.Replace('+', '/'))).ToList();

        reads.ShouldBeEmpty("Tests date their data and assertions by TestData.Clock (the app's clock), never the machine's:\n" + string.Join("\n", reads));
    }

    [Fact]
    public void The_scan_sees_reads_in_plain_methods_lambdas_and_async_methods()
    {
        var sentinel = typeof(Sentinel).FullName!.Replace('+', '/');
        var reads = ReadsIn(typeof(WallClockTests).Assembly.Location).Where(r => r.Method.StartsWith(sentinel)).ToList();

        reads.Select(r => r.Getter).Order().ShouldBe([
            "System.DateTime.get_Today", "System.DateTime.get_UtcNow", "System.DateTimeOffset.get_Now", "System.TimeProvider.get_System",
        ]);
        reads.ShouldContain(r => r.Where != null && r.Where.Contains(nameof(WallClockTests) + ".cs"));
    }

    /// <summary>Every call to a wall-clock getter in the assembly at <paramref name="path"/>, with its method and, when the PDB is there, its source line.</summary>
    public static List<Read> ReadsIn(string path)
    {
        using var assembly = Load(path);
        var reads = new List<Read>();
        foreach (var type in assembly.MainModule.GetTypes())
        foreach (var method in type.Methods.Where(m => m.HasBody))
        {
            SequencePoint? last = null;
            foreach (var instruction in method.Body.Instructions)
            {
                if (method.DebugInformation.GetSequencePoint(instruction) is { IsHidden: false } point) last = point;
                if (instruction.Operand is not MethodReference called) continue;
                if (!WallClock.Contains((called.DeclaringType.FullName, called.Name))) continue;
                reads.Add(new Read($"{type.FullName}.{method.Name}", $"{called.DeclaringType.FullName}.{called.Name}",
                    last is null ? null : $"{Path.GetFileName(last.Document.Url)}:{last.StartLine}"));
            }
        }
        return reads;
    }

    private static AssemblyDefinition Load(string path)
    {
        try
        {
            return AssemblyDefinition.ReadAssembly(path, new ReaderParameters { ReadSymbols = true });
        }
        catch (Exception exception) when (exception is SymbolsNotFoundException or SymbolsNotMatchingException)
        {
            return AssemblyDefinition.ReadAssembly(path);
        }
    }

    /// <summary>Wall-clock reads the scan must find: the proof that an empty answer above means something.</summary>
    private static class Sentinel
    {
        public static DateTime Plain() => DateTime.UtcNow;

        public static Func<DateTimeOffset> InLambda() => () => DateTimeOffset.Now;

        public static async Task<DateTime> InAsyncMethod()
        {
            await Task.Yield();
            return DateTime.Today;
        }

        public static TimeProvider Clock() => TimeProvider.System;
    }
}
