using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using DaoTaoNghe.Infrastructure.Time;

namespace DaoTaoNghe.Tests.Support;

/// <summary>
/// The clock a test host reads instead of the machine's (it replaces the app's <see cref="TimeProvider"/>).
/// It starts at a fixed instant, <see cref="Start"/>: the environment variable DTN_TEST_NOW
/// (ISO 8601 with an offset, e.g. 2027-01-01T00:30:00+07:00; a bare date means 09:00 in Vietnam) or
/// else <see cref="DefaultStart"/>. From there it runs at the speed of real time, so records made one
/// after another keep their order, but no date depends on the day the suite runs. A test that needs
/// another "now" sets it with <see cref="At(DateTimeOffset)"/> and disposes the result to come back.
/// Timers and timestamps (<see cref="TimeProvider.GetTimestamp"/>) stay real: nothing waits on a clock
/// that never moves.
/// </summary>
public sealed partial class TestClock : TimeProvider
{
    public const string Variable = "DTN_TEST_NOW";

    /// <summary>
    /// A Monday morning in Vietnam, late in 2026: the year the suite's fixed dates were written in,
    /// a working hour far from midnight in both Vietnam and UTC, and before the year-end boundaries
    /// that the dated runs of test.sh (21/12/2026, 01/01/2027 00:30, 30/06/2030) cross on purpose.
    /// </summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(7));

    /// <summary>Where every test clock of this run starts: DTN_TEST_NOW, or <see cref="DefaultStart"/>.</summary>
    public static DateTimeOffset Start { get; } = Parse(Environment.GetEnvironmentVariable(Variable)) ?? DefaultStart;

    private sealed record Anchor(DateTimeOffset At, long Timestamp);

    private Anchor _anchor;

    public TestClock() : this(Start)
    {
    }

    public TestClock(DateTimeOffset start) => _anchor = new Anchor(start, Stopwatch.GetTimestamp());

    public override DateTimeOffset GetUtcNow()
    {
        var anchor = Volatile.Read(ref _anchor);
        return (anchor.At + Stopwatch.GetElapsedTime(anchor.Timestamp)).ToUniversalTime();
    }

    public override TimeZoneInfo LocalTimeZone => VietnamTime.Zone;

    /// <summary>Today's date in Vietnam, as the app sees it.</summary>
    public DateOnly Today => VietnamTime.Today(this);

    /// <summary>The current year in Vietnam.</summary>
    public int Year => Today.Year;

    /// <summary>Now, in UTC, as the app stores instants.</summary>
    public DateTime UtcNow => GetUtcNow().UtcDateTime;

    /// <summary>Moves the clock to <paramref name="instant"/> (it runs on from there) until the result is disposed.</summary>
    public IDisposable At(DateTimeOffset instant)
    {
        var previous = Interlocked.Exchange(ref _anchor, new Anchor(instant, Stopwatch.GetTimestamp()));
        return new Restore(this, previous);
    }

    /// <summary>Moves the clock to <paramref name="time"/> (default 09:00) of a Vietnamese date until the result is disposed.</summary>
    public IDisposable At(DateOnly date, TimeOnly? time = null) => At(InVietnam(date, time ?? new TimeOnly(9, 0)));

    public static DateTimeOffset InVietnam(DateOnly date, TimeOnly time) =>
        new(date.ToDateTime(time), VietnamTime.Zone.GetUtcOffset(date.ToDateTime(time)));

    private sealed class Restore(TestClock clock, Anchor previous) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) Volatile.Write(ref clock._anchor, previous);
        }
    }

    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        value = value.Trim();
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return InVietnam(date, new TimeOnly(9, 0));
        if (!WithOffset().IsMatch(value) || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            throw new InvalidOperationException(
                $"{Variable}='{value}' is not an ISO 8601 instant with an offset (e.g. 2027-01-01T00:30:00+07:00) or a date (2030-06-30).");
        return instant;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex WithOffset();
}
