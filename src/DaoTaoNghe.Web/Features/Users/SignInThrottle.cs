using System.Collections.Concurrent;
using DaoTaoNghe.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace DaoTaoNghe.Features.Users;

/// <summary>
/// Slows password guessing without letting anyone lock a user out. Wrong passwords are counted per
/// address and account together, per address, and per account; past a few free tries the first two
/// make that address wait, doubling each time (at most 15 minutes), while the account's own count
/// only delays every answer a little (at most a second): so guesses from one address stop soon, guesses
/// spread over many are slowed, and the owner signing in from elsewhere still gets in. Names are counted
/// whether or not they exist, so the answers tell nothing about which do. In memory: a restart forgets.
/// </summary>
[AreaContract]
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int FreePerAccountAndAddress = 5;
    public const int FreePerAddress = 20;
    public const int FreePerAccount = 5;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);
    private string? _dummyHash;

    private sealed record Failures(int Count, DateTimeOffset Last);

    /// <summary>How long this address must still wait before it may try this name again; null: it may now.</summary>
    public TimeSpan? WaitFor(string address, string userName)
    {
        var now = clock.GetUtcNow();
        var wait = Remaining(Pair(address, userName), FreePerAccountAndAddress, now);
        if (address.Length > 0) wait = Max(wait, Remaining(Address(address), FreePerAddress, now));
        return wait > TimeSpan.Zero ? wait : null;
    }

    /// <summary>The delay before answering for this name, whoever asks: grows with the account's recent failures.</summary>
    public TimeSpan DelayFor(string userName)
    {
        var count = Current(Account(userName), clock.GetUtcNow())?.Count ?? 0;
        return count <= FreePerAccount ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Min(LongestDelay.TotalMilliseconds, 100 * (count - FreePerAccount)));
    }

    public void Failed(string address, string userName)
    {
        var now = clock.GetUtcNow();
        // A request without an address (an in-process host) is not one client: only its pair and the account count.
        foreach (var key in address.Length > 0 ? [Pair(address, userName), Address(address), Account(userName)] : new[] { Pair(address, userName), Account(userName) })
            _failures.AddOrUpdate(key, _ => new Failures(1, now), (_, f) => new Failures(now - f.Last > Window ? 1 : f.Count + 1, now));
        if (_failures.Count > 100_000) Forget(now);
    }

    public void Succeeded(string address, string userName) => _failures.TryRemove(Pair(address, userName), out _);

    /// <summary>Whether the account's recent failures slow its sign-in now (shown to admins, who may clear them).</summary>
    public bool IsSlowed(string userName) => DelayFor(userName) > TimeSpan.Zero;

    /// <summary>An admin's unlock: the account's failures, from every address, are forgotten.</summary>
    public void Clear(string userName)
    {
        var name = Normalize(userName);
        foreach (var key in _failures.Keys.Where(k => k == "u:" + name || k.EndsWith("|" + name, StringComparison.Ordinal)))
            _failures.TryRemove(key, out _);
    }

    /// <summary>A hash to check a password against when the name is unknown, so that answer takes as long as any other.</summary>
    public string DummyHash(IPasswordHasher<AppUser> hasher) => _dummyHash ??= hasher.HashPassword(new AppUser(), Guid.NewGuid().ToString("N"));

    private TimeSpan Remaining(string key, int free, DateTimeOffset now)
    {
        if (Current(key, now) is not { } failures || failures.Count <= free) return TimeSpan.Zero;
        var wait = TimeSpan.FromSeconds(Math.Min(LongestWait.TotalSeconds, Math.Pow(2, failures.Count - free)));
        var remaining = failures.Last + wait - now;
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private Failures? Current(string key, DateTimeOffset now) =>
        _failures.TryGetValue(key, out var failures) && now - failures.Last <= Window ? failures : null;

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, failures) in _failures)
            if (now - failures.Last > Window) _failures.TryRemove(key, out _);
    }

    private static string Normalize(string userName) => userName.Trim().ToUpperInvariant();
    private static string Pair(string address, string userName) => $"p:{address}|{Normalize(userName)}";
    private static string Address(string address) => "a:" + address;
    private static string Account(string userName) => "u:" + Normalize(userName);
}
